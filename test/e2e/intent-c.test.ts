// F2Py's `intent(c)`, `intent(aux)` and `note(...)` end to end: C functions described by a
// signature file (fortran/tests/signatures/cfuncs.pyf over fortran/tests/c/cfuncs.c, the test
// F2Py's own suite uses for intent(c)) are called through the C shim, scalars by value, results
// as C return values; an `aux` argument stays in the wrapper; notes document the .d.ts.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildModule, fixture } from '../helpers/build';
import { thrown } from '../helpers/errors';

let dir: string;
let m: Record<string, any>;

beforeAll(async () => {
  dir = await buildModule('cfuncs', [fixture('signatures/cfuncs.pyf'), fixture('c/cfuncs.c')]);
  m = require(dir);
}, 240_000);

describe('intent(c) functions', () => {
  it('return C values for scalars passed by value', async () => {
    expect(m.t8(2.5)).toBe(2.5);
    expect(m.t4(1.1)).toBe(Math.fround(1.1));
    expect(m.s8(-3.25)).toBe(-3.25);
    expect(await m.t8Async(4)).toBe(4);
  });

  it('take arrays by address with hidden sizes by value', async () => {
    expect(m.dscal_sum(new Float64Array([1, 2, 3]))).toBe(6);
    expect(m.dscal_sum([1, 2, 3], 2)).toBe(12);
    expect(await m.dscal_sumAsync([1, 2, 3], { scale: 3 })).toBe(18);
    expect(m.dscal_sum([])).toBe(0);
  });

  it('update in,out arrays', async () => {
    const y = new Float64Array([1, 1, 1]);
    expect(Array.from(m.daxpy_c(2, [1, 2, 3], y))).toEqual([3, 5, 7]);
    expect(Array.from(await m.daxpy_cAsync(1, [1, 1, 1], [0, 0, 0]))).toEqual([1, 1, 1]);
    expect(thrown(() => m.daxpy_c(1, [1, 2, 3], [1, 2])).message).toMatch(/`y`.*expected shape \(3\).*got \(2\)/);
  });

  it('pass 64-bit integers, complex values and C strings', () => {
    expect(m.isum64([1n, 2n, 2n ** 40n])).toBe(3n + 2n ** 40n);
    expect(m.zmul({ re: 1, im: 2 }, { re: 3, im: 4 })).toEqual({ re: -5, im: 10 });
    expect(m.count_chars('hello')).toBe(5);
    expect(m.count_chars('')).toBe(0);
    expect(m.char_code('A')).toBe(65); // by value: the prototype written from the .pyf says `char`
  });

  it('reject bad arguments before the call', () => {
    expect(thrown(() => m.t8('x')).name).toBe('TypeError');
    expect(thrown(() => m.isum64([1.5])).name).toBe('RangeError');
  });
});

describe('intent(c) arrays: row-major', () => {
  const a = [[1, 2, 3], [4, 5, 6]];

  it('take nested rows, row-major ndarrays and column-major ones (copied) as declared', () => {
    expect(Array.from(m.matvec_rm(a, [1, 1, 1]))).toEqual([6, 15]);
    expect(Array.from(m.matvec_rm({ data: new Float64Array([1, 2, 3, 4, 5, 6]), shape: [2, 3] }, [1, 0, 0]))).toEqual([1, 4]);
    const columns = { data: new Float64Array([1, 4, 2, 5, 3, 6]), shape: [2, 3], order: 'column-major' };
    expect(Array.from(m.matvec_rm(columns, [0, 1, 0]))).toEqual([2, 5]);
  });

  it('return row-major ndarrays with the declared shape, sync and async', async () => {
    const t = m.transpose_rm(a);
    expect({ ...t, data: Array.from(t.data) }).toEqual({
      data: [1, 4, 2, 5, 3, 6], shape: [3, 2], strides: [2, 1], offset: 0, order: 'row-major', dtype: 'float64',
    });
    const back = await m.transpose_rmAsync(t);
    expect([Array.from(back.data), back.shape]).toEqual([[1, 2, 3, 4, 5, 6], [2, 3]]);
  });

  it('check shapes in the declared order', () => {
    expect(thrown(() => m.matvec_rm(a, [1, 1])).message).toMatch(/expected shape \(3\) from x\(n\), got \(2\)/);
    expect(thrown(() => m.matvec_rm(new Float64Array(6), [1, 1, 1])).message).toMatch(/`a`.*shape is needed/);
  });
});

describe('intent(aux)', () => {
  it('computes other arguments from a value the C function never receives', async () => {
    expect(Array.from(m.ramp(4, 0.5))).toEqual([0, 0.5, 1, 1.5]);
    expect(Array.from(await m.rampAsync(2, 3))).toEqual([0, 3]);
    expect(thrown(() => m.ramp(-1, 1)).code).toBe('ERR_BRIDGEGEN_CHECK');
  });
});

describe('note(...)', () => {
  it('documents arguments and the routine in the .d.ts', () => {
    const dts = fs.readFileSync(path.join(dir, 'index.d.ts'), 'utf8');
    expect(dts).toMatch(/@param x - real\(8\) x\(n\), intent\(in\)\. The values to sum\./);
    expect(dts).toMatch(/@param n - integer\(4\) n, no intent\. How many values\./);
    expect(dts).toMatch(/\* The sum of x times scale\.\n/);
  });
});
