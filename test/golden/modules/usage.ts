// Type-checks expected/index.d.ts of golden case `modules` (tsc --noEmit --strict): right calls
// compile, and every wrong call below is an error. Never run.

import m = require('./expected/index');

export async function usage(): Promise<void> {
  const norm: number = m.geometry.norm([3, 4]);
  const norm2: number = await m.geometry.normAsync(new Float64Array([3, 4]), 1);
  const c: Float64Array = m.geometry.cross([1, 0, 0], [0, 1, 0]);
  const p: Float64Array = m.origin();
  const p2: Float64Array = await m.originAsync();

  // @ts-expect-error: module procedures live under m.geometry, not on the module itself
  m.norm([3, 4]);
  // @ts-expect-error: missing argument b
  m.geometry.cross([1, 0, 0]);
  // @ts-expect-error: origin takes no arguments
  m.origin([0, 0, 0]);
  // @ts-expect-error: wrong argument type: an array of strings
  m.geometry.norm(['3', '4']);
  void [norm, norm2, c, p, p2];
}
