// Callback signatures inferred from call sites (issue 5, F2Py's rule) for procedure arguments
// without an interface (fortran/tests/callbacks_inferred.f90): the JS function receives the
// actual arguments' types and shapes, sets scalars by returning an object, fills arrays in place.

import * as path from 'node:path';
import { buildModule, cli, fixture, tempDir } from '../helpers/build';

let m: Record<string, any>;

beforeAll(async () => {
  m = require(await buildModule('inferred', [fixture('callbacks_inferred.f90')]));
}, 240_000);

it('drives Newton from a subroutine callback whose scalars it sets by name, sync and async', async () => {
  const fcn = (x: number) => ({ f: x * x - 2, df: 2 * x });
  const r = m.newton1(fcn, 1, 1e-12, 50);
  expect(r.x).toBeCloseTo(Math.SQRT2, 12);
  expect(r.iters).toBeGreaterThan(2);
  expect((await m.newton1Async(fcn, 3, 1e-12, 50)).x).toBeCloseTo(Math.SQRT2, 12);
});

it('calls a function callback on array elements (g(x(i)) is a scalar argument)', async () => {
  expect(m.sumf((x: number) => x * x, [1, 2, 3])).toBe(14);
  expect(await m.sumfAsync((x: number) => 2 * x, [1, 2, 3])).toBe(12);
});

it('passes an array the callback fills in place, its extent read off the array', () => {
  const seen: unknown[] = [];
  const v = m.fill((v: Float64Array) => {
    seen.push(v.length);
    v.forEach((_, i) => (v[i] = i * 10));
  }, 3);
  expect(Array.from(v)).toEqual([0, 10, 20]);
  expect(seen).toEqual([3]);
});

it('skips, with a warning naming it, a routine whose call site does not tell the types', () => {
  expect(m.opaque).toBeUndefined();
  const r = cli(['gen', fixture('callbacks_inferred.f90'), '-o', path.join(tempDir('inferred-gen'), 'out')]);
  expect(r.stderr).toMatch(/routine `opaque` skipped: argument `fcn` is a procedure without an interface, and its call site does not tell/);
});
