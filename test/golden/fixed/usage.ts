// Type-checks expected/index.d.ts of golden case `fixed` (tsc --noEmit --strict): right calls
// compile, and every wrong call below is an error. Never run.

import m = require('./expected/index');

export async function usage(): Promise<void> {
  const dx = new Float64Array([1, 2, 3]);
  const scaled: Float64Array = m.dscalx(3, 2, dx, 1);
  const scaled2: Float64Array = m.dscalx(3, 2, [1, 2, 3], 1);
  const dot: number = m.ddotx(dx, dx);
  const dot2: number = await m.ddotxAsync([1, 2], [3, 4], { n: 1 });
  const b: m.NDArray<Float64Array, 'float64'> = m.dlacpx(2, [[1, 2], [3, 4]]);

  // @ts-expect-error: `n` sizes only the assumed-size dx(*), so it is required
  m.dscalx(2, dx, 1);
  // @ts-expect-error: `lda` is hidden (Cf2py intent(hide)): it cannot be passed
  m.dlacpx(2, [[1, 2], [3, 4]], 2, 2);
  // @ts-expect-error: wrong argument type: a string for a DOUBLE PRECISION scalar
  m.dscalx(3, 'two', dx, 1);
  // @ts-expect-error: missing argument dy
  m.ddotx(dx);
  // @ts-expect-error: a DOUBLE PRECISION function returns a number
  const s: string = m.ddotx(dx, dx);
  void [scaled, scaled2, dot, dot2, b, s];
}
