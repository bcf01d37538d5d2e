// Type-checks expected/index.d.ts of golden case `rank2` (tsc --noEmit --strict): right calls
// compile, and every wrong call below is an error. Never run.

import m = require('./expected/index');

export async function usage(): Promise<void> {
  const x = new Float64Array([1, 2]);
  const y1: Float64Array = m.matvec([[1, 2], [3, 4]], x);
  const y2: Float64Array = m.matvec(new Float64Array(4), x, 2, 2);
  const y3: Float64Array = m.matvec({ data: [1, 2, 3, 4], shape: [2, 2], order: 'column-major' }, [1, 1], { m: 2, n: 2 });
  m.scale2(new Float64Array(6), 2, 2, 3);
  m.scale2({ data: new Float64Array(6), shape: [2, 3], strides: [1, 2] }, 2);
  const e = m.expand(new Float64Array(3), 2, 1);
  const ey: m.NDArray<Float64Array, 'float64'> = e.y;
  const ez: Float32Array = e.z.data;
  const shape: number[] = e.z.shape;
  const ew: Int32Array = e.w;
  const b = m.transp([[1, 2, 3], [4, 5, 6]]);
  const bd: Int32Array = b.data;
  const order: 'column-major' = b.order;
  const dtype: 'int32' = b.dtype;
  const b2 = await m.transpAsync(new Int32Array(6), 2, 3);

  // @ts-expect-error: a is updated in place: a Float32Array would be copied and the update lost
  m.scale2(new Float32Array(6), 2, 2, 3);
  // @ts-expect-error: a is updated in place: nested arrays are not accepted
  m.scale2([[1, 2], [3, 4]], 2);
  // @ts-expect-error: an in-place ndarray must hold a Float64Array
  m.scale2({ data: [1, 2, 3, 4], shape: [2, 2] }, 2);
  // @ts-expect-error: `n` sizes `x(0:n)` (lower bound 0), so it is not inferred and stays required
  m.expand(new Float64Array(3));
  // @ts-expect-error: wrong argument type: a string for a matrix
  m.matvec('a', x);
  // @ts-expect-error: a rank-2 result is an ndarray-like object, not a typed array
  const bad: Int32Array = m.transp([[1]]);
  // @ts-expect-error: the dtype of an int32 result is 'int32'
  const badType: 'float64' = b.dtype;
  void [y1, y2, y3, ey, ez, shape, ew, bd, order, dtype, b2, bad, badType];
}
