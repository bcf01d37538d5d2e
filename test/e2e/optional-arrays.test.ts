// End to end: OPTIONAL assumed-shape arrays (rank 1 and 2; REAL, INTEGER and LOGICAL; in and
// inout), given and left out, sync and async. Run in the sanitized CI subset (.ci/run): the shim
// once formed an absent array's descriptor from its null address, which UBSan reported.

import { buildModule, fixture } from '../helpers/build';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let m: any;

beforeAll(async () => {
  m = require(await buildModule('optional_arrays', [fixture('optional_arrays.f90')])).optarrays;
});

it('an optional input array is present when given and absent when left out', async () => {
  expect(m.total(2, [1, 2, 3])).toBe(8);
  expect(m.total(3)).toBe(-3);
  expect(m.total(3, undefined)).toBe(-3);
  expect(m.total(4, { x: new Float64Array([0.5]) })).toBe(4.5);
  expect(m.total(1, new Float64Array(0))).toBe(1); // given, empty: present with size 0
  expect(await m.totalAsync(5)).toBe(-5);
  expect(await m.totalAsync(5, [1])).toBe(6);
});

it('optional rank-2 and inout arrays: each given or left out on its own', async () => {
  const a = () => ({ data: new Float64Array([1, 2, 3, 4, 5, 6]), shape: [2, 3], order: 'column-major' as const });
  expect(m.bump()).toBe(-1);
  expect(m.bump(undefined, { counts: new Int32Array([7]) })).toBe(-1);

  const all = a();
  expect(m.bump(all)).toBe(6);
  expect(Array.from(all.data)).toEqual([2, 3, 4, 5, 6, 7]);

  const some = a();
  const counts = new Int32Array([10, 20]);
  expect(m.bump(some, { mask: [[true, false, true], [false, false, true]], counts })).toBe(3);
  expect(Array.from(some.data)).toEqual([2, 2, 3, 4, 6, 7]); // column-major: (1,1), (1,3), (2,3)
  expect(Array.from(counts)).toEqual([13, 23]);

  const later = a();
  expect(await m.bumpAsync(later, { counts })).toBe(6);
  expect(Array.from(later.data)).toEqual([2, 3, 4, 5, 6, 7]);
  expect(Array.from(counts)).toEqual([19, 29]);
  expect(await m.bumpAsync()).toBe(-1);
});
