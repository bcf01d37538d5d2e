// End to end: COMPLEX ({ re, im } scalars, interleaved typed arrays), LOGICAL (booleans,
// Int32Array / Uint8Array holding 0 or 1) and CHARACTER (strings) values in every direction
// (contract 1.4).

import { buildModule, fixture } from '../helpers/build';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let m: any;
const className = (value: unknown) => (value as object).constructor.name;

beforeAll(async () => {
  m = require(await buildModule('values', [fixture('types.f90'), fixture('strings.f90')]));
});

describe('complex', () => {
  it('takes interleaved typed arrays in place and returns a { re, im } function result', () => {
    // (1+2i)*1 + (3+4i)*i = -3+5i
    expect(m.zdotu_x(new Float64Array([1, 2, 3, 4]), new Float64Array([1, 0, 0, 1]))).toEqual({ re: -3, im: 5 });
  });

  it('converts arrays of { re, im } objects and plain numbers', () => {
    expect(m.zdotu_x([{ re: 1, im: 2 }, { re: 3, im: 4 }], [1, { re: 0, im: 1 }])).toEqual({ re: -3, im: 5 });
  });

  it('updates a single-precision complex array in place, with a complex scalar argument', () => {
    const x = new Float32Array([1, 1, 2, 0]);
    m.cscale({ re: 0, im: 1 }, x);
    expect(Array.from(x)).toEqual([-1, 1, 0, 2]);
  });

  it('returns complex rank-2 results as interleaved complex128 ndarrays', () => {
    const { b, absa } = m.zconj([[{ re: 1, im: 1 }, { re: 0, im: 2 }]]);
    expect(b).toMatchObject({ shape: [1, 2], dtype: 'complex128' });
    expect(Array.from(b.data)).toEqual([1, -1, 0, -2]);
    expect(absa.dtype).toBe('float64');
    expect(absa.data[0]).toBeCloseTo(Math.SQRT2, 15);
  });

  it('returns complex intent(out) scalars', async () => {
    const { z, re } = await m.polarAsync(2, Math.PI / 2);
    expect(z.re).toBeCloseTo(0, 15);
    expect(z.im).toBeCloseTo(2, 15);
    expect(re).toBe(z.re);
  });

  it('rejects an odd-length interleaved array and non-numeric parts', () => {
    expect(() => m.zdotu_x(new Float64Array(3), new Float64Array(3))).toThrow(/complex array interleaves re, im: expected an even length, got 3/);
    expect(() => m.zdotu_x([{ re: 'a', im: 0 }], [1])).toThrow(/x` of zdotu_x\(\) at index 0\.re: expected a number/);
    expect(() => m.cscale(1, [1, 2])).toThrow(/updated in place: expected a contiguous Float32Array/);
  });
});

describe('logical', () => {
  it('takes booleans and 0/1, and returns booleans', () => {
    expect(m.any_true([false, false, true])).toBe(true);
    expect(m.any_true(new Int32Array([0, 0]))).toBe(false);
    expect(m.both(true, 1, -1)).toEqual({ r: true, positive: false });
  });

  it('returns LOGICAL arrays as Int32Array of 0/1', () => {
    const out = m.negate([true, false, 1]);
    expect(className(out)).toBe('Int32Array');
    expect(Array.from(out)).toEqual([0, 1, 0]);
  });

  it('updates LOGICAL(1) arrays in place as Uint8Array', () => {
    const flags = new Uint8Array([1, 0, 1]);
    m.flip_inplace(flags);
    expect(Array.from(flags)).toEqual([0, 1, 0]);
  });

  it('rejects values that are not 0 or 1, also in memory used in place', () => {
    expect(() => m.any_true(new Int32Array([0, 2]))).toThrow(/flags` of any_true\(\) at index 1: 2 is not a logical \(0 or 1\)/);
    expect(() => m.any_true([2])).toThrow(/not a logical/);
    expect(() => m.both('yes', true, 1)).toThrow(/argument `a` of both\(\): expected a boolean, got string/);
  });
});

describe('character', () => {
  it('passes assumed-length strings in and fixed-length strings out, trailing blanks trimmed', () => {
    expect(m.greet('Ada')).toBe('Hello, Ada!');
  });

  it('passes LAPACK-style one-character options', () => {
    expect(m.tri_sum('U', [[1, 2], [3, 4]])).toBe(7);
    expect(m.tri_sum('L', [[1, 2], [3, 4]])).toBe(8);
  });

  it('returns an inout string, UTF-8 bytes untouched', () => {
    expect(m.shout('héllo wörld')).toBe('HéLLO WöRLD');
  });

  it('returns fixed-length CHARACTER function results', async () => {
    expect(m.yes_no(true)).toBe('yes');
    await expect(m.yes_noAsync(false)).resolves.toBe('no');
  });

  it('pads short strings with blanks (and nothing else) to the declared length', () => {
    expect(m.padded_length('ab')).toBe(42);
    expect(m.padded_length('')).toBe(40);
    expect(m.padded_length('abcd')).toBe(44);
  });

  it('rejects strings longer than the declared length, and non-strings', () => {
    expect(() => m.padded_length('abcde')).toThrow(/argument `code` of padded_length\(\): the string has 5 bytes; character\(len=4\) holds at most 4/);
    expect(() => m.tri_sum('UX', [[1]])).toThrow(/character\(len=1\) holds at most 1/);
    expect(() => m.greet(5)).toThrow(/argument `name` of greet\(\): expected a string, got number/);
  });
});
