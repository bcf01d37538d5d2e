// End to end: module procedures under `m.mod`, with what needs the module's explicit interface:
// assumed-shape arrays (their shape passed along), OPTIONAL arguments (absent in Fortran when
// left out), VALUE arguments, size() in dimensions, and private procedures not exported.

import { buildModule, fixture } from '../helpers/build';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let stats: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let m: any;

beforeAll(async () => {
  m = require(await buildModule('modern', [fixture('modern.f90')]));
  stats = m.stats;
});

it('exports public module procedures under the module name, and nothing private', () => {
  expect(Object.keys(m)).toEqual(['stats']);
  expect(Object.keys(stats).sort()).toEqual(
    ['add', 'addAsync', 'colsum', 'colsumAsync', 'count_given', 'count_givenAsync', 'mean', 'meanAsync', 'scale', 'scaleAsync']);
});

it('passes assumed-shape arrays with their shape', () => {
  expect(stats.mean([1, 2, 3])).toBe(2);
  expect(Array.from(stats.colsum([[1, 2, 3], [4, 5, 6]]))).toEqual([5, 7, 9]);
});

it('leaves an OPTIONAL argument absent in Fortran when the caller leaves it out', () => {
  expect(stats.count_given()).toBe(0);
  expect(stats.count_given(1)).toBe(1);
  expect(stats.count_given(undefined, 2.5, true)).toBe(2);
  expect(stats.count_given({ c: false })).toBe(1);
  expect(stats.mean([1, 2, 3], [0, 0, 1])).toBe(3);
  expect(stats.mean([1, 2, 3], { w: [1, 0, 0] })).toBe(1);
});

it('updates an assumed-shape ndarray in place, with and without the optional factor', async () => {
  const a = { data: new Float64Array([1, 2, 3, 4]), shape: [2, 2], order: 'column-major' as const };
  stats.scale(a);
  expect(Array.from(a.data)).toEqual([2, 4, 6, 8]);
  await stats.scaleAsync(a, 0.5);
  expect(Array.from(a.data)).toEqual([1, 2, 3, 4]);
});

it('passes VALUE arguments', () => {
  expect(stats.add(2, 3)).toBe(5);
});

it('needs a shape for assumed-shape arrays, and says so', () => {
  expect(() => stats.scale(new Float64Array(4))).toThrow(/argument `a` of stats\.scale\(\) is assumed-shape: its shape is needed/);
  expect(() => stats.colsum(new Float64Array(4))).toThrow(/assumed-shape: its shape is needed/);
});
