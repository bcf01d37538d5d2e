// Type-checks expected/index.d.ts of golden case `basic` (tsc --noEmit --strict): right calls
// compile, and every wrong call below is an error. Never run.

import m = require('./expected/index');

export async function usage(): Promise<void> {
  const x = new Float64Array([1, 2, 3]);
  const y = new Float64Array(3);
  m.axpy(2, x, y);
  m.axpy(2, [1, 2, 3], y, 3);
  m.axpy(2, x, y, { n: 3 });
  const s: number = m.vsum(x);
  const s2: number = m.vsum([1, 2], { n: 1 });
  const r: { mean: number; var: number; hist: Int32Array } = m.stats(x, 4);
  const t: bigint = m.tally(new Int32Array([1, 2]), 0).tally;
  const calls: number = m.tally([1, 2], 0, 2).calls;
  const h: Float32Array = m.halve(new Float32Array(2));
  const h2: Float32Array = await m.halveAsync([1, 2]);
  await m.axpyAsync(1, x, y);
  const r2: number = (await m.statsAsync(x, 2)).mean;

  // @ts-expect-error: wrong argument type (a string for a real scalar)
  m.axpy('2', x, y);
  // @ts-expect-error: missing required argument `y`
  m.axpy(2, x);
  // @ts-expect-error: y is updated in place, so it must be a Float64Array (a Float32Array would be copied)
  m.axpy(2, x, new Float32Array(3));
  // @ts-expect-error: y is updated in place, so a plain array is not accepted
  m.axpy(2, x, [1, 2, 3]);
  // @ts-expect-error: `nbins` sizes only an output, so it stays required
  m.stats(x);
  // @ts-expect-error: unknown option
  m.vsum(x, { m: 3 });
  // @ts-expect-error: a function result is a number, not an object
  m.vsum(x).mean;
  // @ts-expect-error: an integer(8) result is a bigint
  const t2: number = m.tally([1], 0).tally;
  // @ts-expect-error: the Async twin resolves to a Promise
  const h3: Float32Array = m.halveAsync([1]);
  void [s, s2, r, t, calls, h, h2, r2, t2, h3];
}
