// Callbacks whose signatures come from a signature file's `python module NAME__user__routines`
// (F2Py's way, SciPy's gees/gges): the routines only say `use NAME__user__routines` and
// `external select`, and get the same callbacks an interface block would give them
// (signatures/callbacks_pyf.pyf over callbacks_pyf.f90).

import { buildModule, fixture } from '../helpers/build';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let m: any;

beforeAll(async () => {
  m = require(await buildModule('callbacks_pyf', [fixture('signatures/callbacks_pyf.pyf'), fixture('callbacks_pyf.f90')]));
});

it('calls a LOGICAL function with the arguments the module declares, and reads its boolean', () => {
  const seen: number[][] = [];
  const sdim = m.count_selected((wr: number, wi: number) => (seen.push([wr, wi]), wr < 0), [-1, 2, -3], [0, 1, -1]);
  expect(sdim).toBe(2);
  expect(seen).toEqual([[-1, 0], [2, 1], [-3, -1]]);
});

it('passes complex arguments as { re, im }, and accepts a number as the LOGICAL result', () => {
  const sdim = m.count_complex((w: { re: number; im: number }) => (w.im > 0 ? 1 : 0), [{ re: 1, im: 1 }, { re: 2, im: -1 }]);
  expect(sdim).toBe(1);
});

it('takes the signature of a renamed function (use NAME__user__routines, f=>fun) with intent(callback)', () => {
  expect(m.sum_of((i: number) => i * i, 3)).toBe(14);
});

it('runs the callbacks of an async call on the JS thread, and rejects with what a callback throws', async () => {
  await expect(m.count_selectedAsync((wr: number) => wr > 0, [1, 2], [0, 0])).resolves.toBe(2);
  const error = new Error('no');
  await expect(m.sum_ofAsync(() => { throw error; }, 2)).rejects.toBe(error);
  expect(() => m.sum_of('f', 2)).toThrow('argument `f` of sum_of(): expected a function, got string');
});
