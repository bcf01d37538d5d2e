// Type-checks expected/index.d.ts of golden case `values` (tsc --noEmit --strict): right calls
// compile, and every wrong call below is an error. Never run.

import m = require('./expected/index');

export async function usage(): Promise<void> {
  const z: { re: number; im: number } = m.zdotu_x(new Float64Array(4), [{ re: 1, im: 0 }, 2]);
  const x = new Float32Array(4);
  m.cscale({ re: 0, im: 1 }, x);
  const c: m.NDArray<Float64Array, 'complex128'> = m.zconj([[{ re: 1, im: 1 }]]).b;
  const p: { z: { re: number; im: number }; re: number } = await m.polarAsync(1, 0);
  const any: boolean = m.any_true([true, 0, 1]);
  const neg: Int32Array = m.negate(new Int32Array([0, 1]));
  m.flip_inplace(new Uint8Array(2));
  const r: { r: boolean; positive: boolean } = m.both(true, false, 1);

  const hello: string = m.greet('Ada');
  const word: string = await m.shoutAsync('abc');
  const sum: number = m.tri_sum('U', [[1, 2], [3, 4]]);

  // @ts-expect-error: a CHARACTER argument takes a string
  m.greet(5);
  // @ts-expect-error: a complex result is { re, im }, not a number
  const notNumber: number = m.zdotu_x([1], [1]);
  // @ts-expect-error: an in-place complex(4) array must be a Float32Array
  m.cscale(1, new Float64Array(4));
  // @ts-expect-error: a string is not a logical
  m.any_true(['yes']);
  // @ts-expect-error: LOGICAL(1) in place needs a Uint8Array
  m.flip_inplace(new Int32Array(2));
  void [z, c, p, any, neg, r, notNumber, hello, word, sum];
}
