// End to end: F2Py's intent(copy) / intent(overwrite) with their overwrite_<name> flags, and
// intent(out=name) renaming a result (the pattern of SciPy's LAPACK wrappers).

import { buildModule, fixture } from '../helpers/build';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let m: any;

beforeAll(async () => {
  m = require(await buildModule('overwrite', [fixture('overwrite.f90')]));
});

it('copies an intent(copy) array by default, and renames the result with out=', () => {
  const x = new Float64Array([1, 2, 3]);
  const { doubled, info } = m.double_it(x);
  expect(Array.from(doubled)).toEqual([2, 4, 6]);
  expect(info).toBe(3);
  expect(Array.from(x)).toEqual([1, 2, 3]);
});

it('works in place when overwrite_x is set', async () => {
  const x = new Float64Array([1, 2, 3]);
  const { doubled } = m.double_it(x, { overwrite_x: true });
  expect(doubled).toBe(x);
  expect(Array.from(x)).toEqual([2, 4, 6]);
  const y = new Float64Array([1, 2]);
  await m.double_itAsync(y, { overwrite_x: 1 });
  expect(Array.from(y)).toEqual([2, 4]);
});

it('overwrites an intent(overwrite) array by default, and copies when overwrite_x is 0', async () => {
  const x = new Float64Array([2, 4]);
  m.halve_it(x);
  expect(Array.from(x)).toEqual([1, 2]);
  const y = new Float64Array([2, 4]);
  const halved = await m.halve_itAsync(y, { overwrite_x: false });
  expect(Array.from(halved)).toEqual([1, 2]);
  expect(Array.from(y)).toEqual([2, 4]);
});
