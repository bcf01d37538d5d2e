// Type-checks expected/index.d.ts of golden case `unsupported` (tsc --noEmit --strict): the
// supported routine is there, the skipped one is not. Never run.

import m = require('./expected/index');

export async function usage(): Promise<void> {
  const x = new Float64Array([1, 2]);
  m.dscalx(2, x);
  await m.dscalxAsync(2, x, { n: 1 });

  // @ts-expect-error: zscalx has an assumed-shape argument, so it was skipped
  m.zscalx(1, x);
  // @ts-expect-error: x is updated in place: a Float32Array would be copied and the update lost
  m.dscalx(2, new Float32Array(2));
  // @ts-expect-error: missing argument x
  m.dscalx(2);
}
