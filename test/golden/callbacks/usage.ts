// Type-checks expected/index.d.ts of golden case `callbacks` (tsc --noEmit --strict): right calls
// compile, and every wrong call below is an error. Never run.

import m = require('./expected/index');

export async function usage(): Promise<void> {
  const r: { x: number; iters: number } = m.newton((x) => x * x - 2, (x) => 2 * x, 1, 1e-12, 50);
  m.rk4((t, y, dydt) => { dydt[0] = -y[0] * t; }, new Float64Array(1), 0, 1, 10);
  const n: number = m.each((i) => (i > 2 ? { stop: 1 } : undefined), 5);
  await m.newtonAsync((x) => x, () => 1, 0, 1e-9, 5, { signal: new AbortController().signal });

  // @ts-expect-error: a callback function must return a number
  m.newton((x) => String(x), (x) => 2 * x, 1, 1e-12, 50);
  // @ts-expect-error: the callback's array is a Float64Array, not a string
  m.rk4((t, y: string) => void y, new Float64Array(1), 0, 1, 10);
  // @ts-expect-error: not a function
  m.each(3, 5);
  void [r, n];
}
