// The generated index.d.ts under `tsc --strict`: correct calls type-check, wrong ones are
// rejected (each `@ts-expect-error` must be needed, or tsc fails the file).

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, fixture, ROOT, tempDir } from '../helpers/build';

const CONSUMER = `
import calls = require('./calls');

const x: Float64Array = calls.affine(new Float64Array([1, 2]), 2, 1);
const y: Float64Array = calls.affine([1, 2], 2, 1, { n: 2 });
const z: Float64Array = calls.affine([1, 2], 2, 1, 2);
const s: number = calls.vsum([1, 2, 3]);
const big: bigint = calls.isum([1n, 2]);
const r: { count_positive: number; total: number; largest: number } = calls.count_positive([1, -1]);
const c = calls.outer([1, 2], [3, 4]);
const shape: number[] = c.shape;
const dtype: 'float64' = c.dtype;
const w: Float64Array = calls.matvec({ data: new Float64Array(4), shape: [2, 2] }, [1, 1]);
const w2: Float64Array = calls.matvec([[1, 2], [3, 4]], [1, 1]);
const nothing: void = calls.scale_inplace(new Float64Array(2), 2);
const later: Promise<number> = calls.vsumAsync(new Float64Array(3));
const k: number = calls.twice(2);

// @ts-expect-error a string is not an array of numbers
calls.vsum('abc');
// @ts-expect-error a required argument is missing
calls.affine([1, 2], 2);
// @ts-expect-error an in-place (intent(inout)) array must be a Float64Array
calls.scale_inplace([1, 2], 2);
// @ts-expect-error wrong element type for an in-place array
calls.scale_inplace(new Float32Array(2), 2);
// @ts-expect-error unknown option
calls.vsum([1], { q: 1 });
// @ts-expect-error the result of an async call is a promise
const wrong: number = calls.vsumAsync([1]);
// @ts-expect-error integer(8) results are bigints
const notNumber: number = calls.isum([1]);

export { x, y, z, s, big, r, shape, dtype, w, w2, nothing, later, k, wrong, notNumber };
`;

const ESM_CONSUMER = `
import calls from './calls/index.js';
const s: number = calls.vsum([1, 2]);
// @ts-expect-error a string is not an array of numbers
calls.vsum('abc');
export { s };
`;

it('type-checks a strict consumer and rejects wrong calls', () => {
  const dir = tempDir('types');
  const out = path.join(dir, 'calls');
  const gen = cli(['gen', fixture('calls_free.f90'), '-o', out, '-m', 'calls', '-q']);
  expect(gen.status).toBe(0);
  fs.writeFileSync(path.join(dir, 'consumer.ts'), CONSUMER);
  fs.writeFileSync(path.join(dir, 'consumer.mts'), ESM_CONSUMER);
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--types', 'node', '--typeRoots', path.join(ROOT, 'node_modules', '@types'), path.join(dir, 'consumer.ts'), path.join(dir, 'consumer.mts')], { encoding: 'utf8' });
  expect(r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
});

it('documents routines and arguments in JSDoc from the Fortran comments', () => {
  const out = path.join(tempDir('docs'), 'calls');
  expect(cli(['gen', fixture('calls_free.f90'), '-o', out, '-m', 'calls', '-q']).status).toBe(0);
  const dts = fs.readFileSync(path.join(out, 'index.d.ts'), 'utf8');
  expect(dts).toContain('Sum of a vector: a function result, the size inferred from `x`.');
  expect(dts).toContain('`vsum = vsum(x,[n])`');
  expect(dts).toContain('@param x - real(8) x(n), intent(in). the values');
  expect(dts).toContain('Serialized with the other calls of this module');
});
