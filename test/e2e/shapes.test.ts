// End to end: 1- and 2-byte integers, ranks 3 to 7 (nested arrays, ndarrays, outputs), and
// zero-size dimensions (contract 1.4).

import { buildModule, fixture } from '../helpers/build';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let m: any;
const className = (value: unknown) => (value as object).constructor.name;

beforeAll(async () => {
  m = require(await buildModule('shapes', [fixture('shapes.f90')]));
});

it('passes integer(1) and integer(2) arrays and scalars', () => {
  expect(m.small_ints(new Int8Array([100, 27, -1]), new Int16Array([60, 7]))).toEqual({ sa: 126, sb: 67 });
  expect(m.small_ints([1, 2], [3])).toEqual({ sa: 3, sb: 3 });
  expect(() => m.small_ints([200], [1])).toThrow(/200 is out of range for int8/);
  expect(() => m.small_ints(new Int16Array([1]), [1])).not.toThrow();
});

it('reads a rank-7 array from an ndarray and from 7-deep nested arrays', () => {
  const shape = [1, 2, 1, 2, 1, 2, 1];
  const data = new Float64Array(8).map((_, i) => i + 1);
  expect(m.sum7({ data, shape, order: 'column-major' })).toEqual({ total: 36, count: 8 });
  const nested = [[[[[[[1], [2]]], [[[3], [4]]]]], [[[[[5], [6]]], [[[7], [8]]]]]]];
  expect(m.sum7(nested)).toEqual({ total: 36, count: 8 });
});

it('returns a rank-3 result as a column-major ndarray', () => {
  const x = m.iota3(2, 3, 2);
  expect(x.shape).toEqual([2, 3, 2]);
  expect(x.strides).toEqual([1, 2, 6]);
  expect(className(x.data)).toBe('Int32Array');
  expect(x.data[0]).toBe(111);
  expect(x.data[1]).toBe(211); // i moves fastest
  expect(x.data[2]).toBe(121);
  expect(x.data[11]).toBe(232);
});

it('accepts zero-size dimensions and yields empty arrays', async () => {
  expect(m.total(new Float64Array(0))).toBe(0);
  expect(m.total([])).toBe(0);
  const empty = m.iota3(2, 0, 3);
  expect(empty.shape).toEqual([2, 0, 3]);
  expect(empty.data).toHaveLength(0);
  await expect(m.iota3Async(0, 0, 0)).resolves.toMatchObject({ shape: [0, 0, 0] });
  expect(m.sum7({ data: new Float64Array(0), shape: [1, 1, 0, 1, 1, 1, 1] })).toEqual({ total: 0, count: 0 });
});

it('treats negative extents as zero, as Fortran does', () => {
  expect(m.iota3(2, -5, 1).shape).toEqual([2, 0, 1]);
});
