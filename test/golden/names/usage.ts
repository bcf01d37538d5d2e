// Type-checks expected/index.d.ts of golden case `names` (tsc --noEmit --strict): routines and
// arguments named like reserved words are callable. Never run.

import m = require('./expected/index');

export async function usage(): Promise<void> {
  const copy: Float64Array = m.delete([1, 2, 3]);
  const copy2: Float64Array = await m.deleteAsync(new Float64Array(3), { n: 2 });
  const two: number = m.twice(1);

  // @ts-expect-error: wrong argument type
  m.twice('1');
  // @ts-expect-error: `class` is an output, not an argument
  m.delete([1, 2, 3], new Float64Array(3), 3);
  void [copy, copy2, two];
}
