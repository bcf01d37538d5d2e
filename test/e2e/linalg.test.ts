// bridgegen/linalg (issue 6): the package's own subpath export, loaded as a user loads it
// (`require('bridgegen/linalg')`, `import { blas } from 'bridgegen/linalg'`, resolved through
// package.json `exports` by self-reference), checked by hand and against SciPy
// (test/helpers/scipy.ts: live through /usr/bin/python3 when it has SciPy, else the answers kept
// in test/fixtures/linalg/linalg-plumbing.json). Built by scripts/setup.sh (npm test runs it)
// into linalg/build/.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Linalg from '../../linalg';
import { ROOT, tempDir } from '../helpers/build';
import { type ArrayValue, expectLikeScipy, jsArgs, randomArray, type ScipyCase, scipyAnswers } from '../helpers/scipy';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const linalg: typeof Linalg = require('bridgegen/linalg');

/** Runs `script` in a fresh Node process in the package root; returns what it printed as JSON. */
function run(script: string, esm = false): any {
  const r = spawnSync(process.execPath, [...(esm ? ['--input-type=module'] : []), '-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node exited with ${r.status}:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

type Complex = { re: number; im: number };
const cx = (re: number, im: number): Complex => ({ re, im });

/** A matrix given by rows, as the SciPy harness takes it (column-major, complex interleaved). */
function mat(dtype: ArrayValue['dtype'], rows: readonly (readonly (number | Complex)[])[]): ArrayValue {
  const data: number[] = [];
  for (let j = 0; j < rows[0]!.length; j++) {
    for (const row of rows) {
      const v = row[j]!;
      if (dtype.startsWith('complex')) data.push(...(typeof v === 'number' ? [v, 0] : [v.re, v.im]));
      else data.push(v as number);
    }
  }
  return { dtype, shape: [rows.length, rows[0]!.length], data };
}

const A23 = [[1, 2, 3], [4, 5, 6]];
const B32 = [[7, 8], [9, 10], [11, 12]];
const C22 = [[1, -1], [0.5, 2]];
const ZERO22 = [[0, 0], [0, 0]];
const Z = [[cx(1, 1), cx(0, 2)], [cx(-1, 0.5), cx(3, -1)]];
const W = [[cx(2, 0), cx(1, -1)], [cx(0, 1), cx(-2, 3)]];

describe('bridgegen/linalg', () => {
  it('exports blas and lapack namespaces (SciPy names), each routine with its Async twin, and the thread count', () => {
    const shape = run(`
      const l = require('bridgegen/linalg');
      console.log(JSON.stringify({ keys: Object.keys(l).sort(), blas: Object.keys(l.blas), lapack: Object.keys(l.lapack),
        types: [...Object.values(l.blas), ...Object.values(l.lapack)].map((f) => typeof f),
        threads: l.getBlasThreads(), set: l.setBlasThreads(1), after: l.getBlasThreads(), kind: l.libraries.kind,
        concurrency: l.getAsyncConcurrency(), cores: require('os').availableParallelism() }));`);
    expect(shape.keys).toEqual(['blas', 'getAsyncConcurrency', 'getBlasThreads', 'lapack', 'libraries', 'setAsyncConcurrency', 'setBlasThreads']);
    expect(shape.concurrency).toBe(shape.cores);
    expect(shape.blas).toEqual(expect.arrayContaining(['sgemm', 'dgemm', 'cgemm', 'zgemm', 'dgemmAsync', 'zgemmAsync']));
    expect(shape.lapack).toEqual(expect.arrayContaining(['sgesv', 'dgesv', 'cgesv', 'zgesv', 'dgesvAsync']));
    expect(shape.blas).not.toContain('dgesv');
    expect(new Set(shape.types)).toEqual(new Set(['function']));
    if (shape.kind === 'openblas') expect([shape.set, shape.after]).toEqual([true, 1]);
    else expect(shape.threads).toBeNull();
  });

  it('dgemm computes alpha*op(A)*op(B) + beta*C (by hand), sync and async', async () => {
    const { blas } = linalg;
    // [[1,2,3],[4,5,6]] x [[7,8],[9,10],[11,12]] = [[58,64],[139,154]], column-major.
    const c = blas.dgemm(1, A23, B32, 0, ZERO22);
    expect(c).toMatchObject({ shape: [2, 2], order: 'column-major', dtype: 'float64' });
    expect(Array.from(c.data)).toEqual([58, 139, 64, 154]);
    expect(Array.from(blas.dgemm(2, A23, B32, 0.5, C22).data)).toEqual([116.5, 278.25, 127.5, 309]);
    expect(Array.from(blas.dgemm(1, B32, B32, 0, ZERO22, { trans_a: 1 }).data)).toEqual([251, 278, 278, 308]); // B^T B
    expect(Array.from((await blas.dgemmAsync(1, A23, B32, 0, ZERO22)).data)).toEqual([58, 139, 64, 154]);
    // Single precision in Float32Array; complex interleaved: Z*W at (1,1) = (1+i)*2 + (2i)*(i) = 2i.
    const s = blas.sgemm(1, A23, B32, 0, ZERO22);
    expect([s.data.constructor.name, Array.from(s.data)]).toEqual(['Float32Array', [58, 139, 64, 154]]);
    const z = blas.zgemm(cx(1, 0), Z, W, cx(0, 0), ZERO22);
    expect(z.dtype).toBe('complex128');
    expect(Array.from(z.data.slice(0, 2))).toEqual([0, 2]);
  });

  it('matches SciPy, sync and async, in single, double and complex precision', async () => {
    const cases: ScipyCase[] = [
      { fn: 'blas.dgemm', args: [1, mat('float64', A23), mat('float64', B32), 0, mat('float64', ZERO22)] },
      { fn: 'blas.dgemm', args: [2, mat('float64', A23), mat('float64', B32), 0.5, mat('float64', C22)] },
      { fn: 'blas.dgemm', args: [1, mat('float64', B32), mat('float64', B32), 0, mat('float64', ZERO22)], kwargs: { trans_a: 1 } },
      { fn: 'blas.dgemm', args: [-1.5, mat('float64', A23), mat('float64', A23), 1, mat('float64', C22)], kwargs: { trans_b: 1 } },
      { fn: 'blas.dgemm', args: [0.7, randomArray('float64', [5, 4], 1), randomArray('float64', [4, 3], 2), -0.2, randomArray('float64', [5, 3], 3)] },
      { fn: 'blas.sgemm', args: [0.1, mat('float32', A23), mat('float32', B32), 0.3, mat('float32', C22)] },
      { fn: 'blas.cgemm', args: [cx(1, 0), mat('complex64', Z), mat('complex64', W), cx(0, 0), mat('complex64', ZERO22)] },
      { fn: 'blas.zgemm', args: [cx(0.5, -2), mat('complex128', Z), mat('complex128', W), cx(1, 1), mat('complex128', W)] },
      { fn: 'blas.zgemm', args: [cx(1, 0), mat('complex128', Z), mat('complex128', W), cx(0, 0), mat('complex128', W)], kwargs: { trans_a: 2 } },
      { fn: 'lapack.dgesv', args: [mat('float64', [[2, 1, 1], [4, -6, 0], [-2, 7, 2]]), mat('float64', [[5, 1], [-2, 0], [9, 3]])] },
      { fn: 'lapack.zgesv', args: [mat('complex128', Z), mat('complex128', [[cx(1, 0)], [cx(0, 1)]])] },
    ];
    const answers = scipyAnswers('linalg-plumbing', cases);
    for (const [i, c] of cases.entries()) {
      const [ns, name] = c.fn.split('.') as ['blas' | 'lapack', string];
      const fns = linalg[ns] as unknown as Record<string, (...args: unknown[]) => any>;
      const rtol = /^[sc]/.test(name) ? 1e-5 : 1e-12;
      const answer = answers[i]!;
      expectLikeScipy(fns[name]!(...jsArgs(c)), answer, rtol);
      expectLikeScipy(await fns[`${name}Async`]!(...jsArgs(c)), answer, rtol);
    }
  });

  it('checks arguments before the call, as SciPy does', () => {
    const { blas } = linalg;
    const attempt = (f: () => unknown) => {
      try {
        f();
        return null;
      } catch (e) {
        return e;
      }
    };
    const rangeError = (message: RegExp) =>
      expect.objectContaining({ name: 'RangeError', code: expect.stringMatching(/^ERR_BRIDGEGEN_(CHECK|SHAPE)$/), message: expect.stringMatching(message) });
    expect([
      attempt(() => blas.dgemm(1, [[1, 2], [3, 4]], [[1, 2, 3]], 0, ZERO22)), // inner dimensions differ
      attempt(() => blas.dgemm(1, [[1, 2], [3, 4]], [[1, 2], [3, 4]], 0, ZERO22, { trans_a: 3 })),
      attempt(() => blas.dgemm(1, [[1, 2], [3, 4]], [[1, 2], [3, 4]], 0, [[0, 0, 0]])), // wrong shape of c
    ]).toEqual([rangeError(/dgemm/), rangeError(/trans_a/), rangeError(/`c`|shape\(c/)]);
  });

  it('lets OpenBLAS\'s idle threads sleep within milliseconds of a call, not spin for 0.1 s, unless the user says otherwise', () => {
    // CPU time the process takes in the 200 ms after one dgemm on 2 threads: OpenBLAS's worker
    // spins (sched_yield) for OPENBLAS_THREAD_TIMEOUT, which the loader sets only while it loads.
    const spin = (env: string) => run(`
      ${env}
      const la = require('bridgegen/linalg');
      const loaded = process.env.OPENBLAS_THREAD_TIMEOUT ?? null;
      const a = { data: new Float64Array(512 * 512).fill(1), shape: [512, 512], order: 'column-major' };
      la.setBlasThreads(2);
      la.blas.dgemm(1, a, a);
      const before = process.cpuUsage();
      setTimeout(() => {
        const used = process.cpuUsage(before);
        console.log(JSON.stringify({ ms: (used.user + used.system) / 1000, loaded }));
      }, 200);`);
    const ours = spin('');
    expect(ours.loaded).toBeNull();  // not left for child processes to inherit
    expect(ours.ms).toBeLessThan(40);
    const users = spin("process.env.OPENBLAS_THREAD_TIMEOUT = '28';");
    expect(users.loaded).toBe('28');
    expect(users.ms).toBeGreaterThan(ours.ms);
  });

  it('imports from ES modules', () => {
    const r = run(`
      import linalg, { blas, lapack } from 'bridgegen/linalg';
      const c = await blas.dgemmAsync(1, [[1, 2], [3, 4]], [[5, 6], [7, 8]], 0, [[0, 0], [0, 0]]);
      console.log(JSON.stringify({ c: Array.from(c.data), same: linalg.lapack === lapack }));`, true);
    expect(r).toEqual({ c: [19, 43, 22, 50], same: true });
  });

  it('says how to build it when it is not built, and why the last build failed', () => {
    const dir = tempDir('linalg-missing');
    fs.copyFileSync(path.join(ROOT, 'linalg', 'index.js'), path.join(dir, 'index.js'));
    const load = () => JSON.parse(spawnSync(process.execPath, ['-e', `
      try { require(${JSON.stringify(dir)}); } catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }`], { encoding: 'utf8' }).stdout);
    const missing = load();
    expect(missing.code).toBe('ERR_BRIDGEGEN_LINALG_NOT_BUILT');
    expect(missing.message).toMatch(/not been built[\s\S]*libopenblas-dev[\s\S]*npx bridgegen linalg-build/);
    fs.mkdirSync(path.join(dir, 'build'));
    fs.writeFileSync(path.join(dir, 'build', 'error.txt'), 'no BLAS/LAPACK found (tried OpenBLAS, then LAPACK + BLAS)\n');
    expect(load().message).toMatch(/^bridgegen\/linalg is not available: no BLAS\/LAPACK found/);
  });
});
