// End to end: CHARACTER arrays as `string[]` (contract 1.4): blank-padded in, trimmed out,
// nested arrays (rows first) and ndarrays for rank 2, size inference, async; assumed length
// (`len=*`: the longest string's) and assumed shape.

import { buildModule, fixture } from '../helpers/build';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let m: any;

beforeAll(async () => {
  m = require(await buildModule('char_arrays', [fixture('char_arrays.f90')]));
});

describe('character arrays', () => {
  it('returns an intent(inout) array as string[], trimmed, with n inferred', () => {
    const names = ['alice', 'Bob', 'carol 12'];
    expect(m.upcase(names)).toEqual(['ALICE', 'BOB', 'CAROL 12']);
    expect(names).toEqual(['alice', 'Bob', 'carol 12']); // strings are immutable: the input is untouched
    expect(m.upcase([])).toEqual([]);
  });

  it('pads short strings with blanks and compares them in Fortran', () => {
    // 'ab' == 'ab ' twice (100 each); tails blank for 'ab', 'ab', '' and 'x'.
    expect(m.count_codes(['ab', 'abc', 'ab', '', 'x'], 'ab')).toBe(204);
    expect(m.count_codes(['abc', 'abc'], 'abc', { n: 1 })).toBe(100);
  });

  it('rejects a string longer than len, naming the index', () => {
    expect(() => m.count_codes(['ab', 'abcd'], 'ab')).toThrow(expect.objectContaining({ name: 'RangeError', code: 'ERR_BRIDGEGEN_ARG_VALUE' }));
    expect(() => m.count_codes(['ab', 'abcd'], 'ab')).toThrow(/codes` of count_codes\(\) at index 1: the string has 4 bytes; character\(len=3\) holds at most 3/);
    expect(() => m.count_codes(['ab', 7], 'ab')).toThrow(/at index 1: expected a string/);
    expect(() => m.count_codes('abc', 'ab')).toThrow(/expected an array of strings/);
  });

  it('checks an explicit size against the array', () => {
    expect(() => m.count_codes(['ab'], 'ab', { n: 3 })).toThrow(/expected shape \(3\)/);
  });

  it('allocates intent(out) arrays blank and returns them trimmed', () => {
    expect(m.make_labels(3)).toEqual(['L1', 'L2', 'L3']);
    expect(m.make_labels(0)).toEqual([]);
  });

  it('reads rank-2 nested arrays rows first and returns an ndarray of strings', () => {
    const t = m.tag_table([['a', 'b'], ['cc', 'dd'], ['e', 'f']]);
    expect(t).toEqual({
      data: ['aa', 'cca', 'ea', 'bb', 'ddb', 'fb'],
      shape: [3, 2], strides: [1, 3], offset: 0, order: 'column-major', dtype: 'string',
    });
    expect(m.join_table([['a', 'b'], ['c', 'd']])).toBe('|a|c|b|d');
    expect(() => m.join_table([['a', 'b'], ['c', 'ddd']])).toThrow(/at index \[1\]\[1\]: the string has 3 bytes/);
    expect(() => m.join_table([['a', 'b'], ['c']])).toThrow(/ragged/);
  });

  it('takes ndarray-like objects and flat string[] with known extents for rank 2', () => {
    expect(m.join_table({ data: ['a', 'b', 'c', 'd'], shape: [2, 2] })).toBe('|a|c|b|d');
    expect(m.join_table({ data: ['a', 'c', 'b', 'd'], shape: [2, 2], order: 'column-major' })).toBe('|a|c|b|d');
    expect(m.join_table(['a', 'c', 'b', 'd'], { m: 2, n: 2 })).toBe('|a|c|b|d');
    expect(() => m.join_table(['a', 'c', 'b', 'd'])).toThrow(/cannot infer/);
  });

  it('works asynchronously', async () => {
    await expect(m.upcaseAsync(['x', 'yz'])).resolves.toEqual(['X', 'YZ']);
    await expect(m.make_labelsAsync(2)).resolves.toEqual(['L1', 'L2']);
    await expect(m.tag_tableAsync([['p']])).resolves.toMatchObject({ data: ['pp'], shape: [1, 1] });
    await expect(m.count_codesAsync(['toolong'], 'x')).rejects.toMatchObject({ name: 'RangeError', message: expect.stringMatching(/at index 0: the string has 7 bytes/) });
  });
});

describe('character(len=*) arrays', () => {
  it('pass the longest string\'s length, at least 1, with n inferred', () => {
    // 100 * (5 + 3 + 0) trimmed bytes, plus the length 5 the routine sees.
    expect(m.total_length(['alice', 'Bob', ''])).toBe(805);
    expect(m.total_length(['', ''])).toBe(1);
    expect(m.total_length([])).toBe(1);
    expect(m.total_length(['a  ', 'b'])).toBe(203); // trailing blanks count towards the length
    expect(m.total_length(['héllo'])).toBe(606); // UTF-8 bytes
  });

  it('return intent(inout) arrays trimmed', () => {
    expect(m.upcase_any(['alice', 'Bob', 'x'])).toEqual({ names: ['ALICE', 'BOB', 'X'], width: 5 });
    expect(m.upcase_any([])).toEqual({ names: [], width: 1 });
  });

  it('keep the length for in,out: what the routine appends beyond it is cut', () => {
    const t = m.exclaim([['ab', 'c'], ['d', 'efgh']]);
    expect(t).toMatchObject({ data: ['ab!', 'd!', 'c!', 'efgh'], shape: [2, 2] });
    expect(m.exclaim({ data: ['x', 'yy'], shape: [1, 2] }).data).toEqual(['x!', 'yy']);
    expect(m.exclaim(['x', 'yy'], { m: 2, n: 1 }).data).toEqual(['x!', 'yy']);
  });

  it('reject what is not an array of strings', () => {
    expect(() => m.total_length(['ab', 7])).toThrow(expect.objectContaining({ name: 'TypeError', code: 'ERR_BRIDGEGEN_ARG_TYPE', message: expect.stringMatching(/names` of total_length\(\) at index 1: expected a string/) }));
    expect(() => m.total_length('ab')).toThrow(expect.objectContaining({ name: 'TypeError', code: 'ERR_BRIDGEGEN_ARG_TYPE', message: expect.stringMatching(/expected an array of strings/) }));
    expect(() => m.exclaim([['a'], ['b', 'c']])).toThrow(/ragged/);
    expect(() => m.total_length(['ab'], { n: 2 })).toThrow(expect.objectContaining({ name: 'RangeError', message: expect.stringMatching(/expected shape \(2\)/) }));
  });

  it('reach assumed-shape dummies of module procedures', () => {
    expect(m.char_shapes.join_names(['ab', 'c', 'def'])).toEqual({ joined: 'ab,c,def', width: 3, count: 3 });
    expect(m.char_shapes.join_names([])).toEqual({ joined: '', width: 1, count: 0 });
    expect(m.char_shapes.reverse_all([['abc', 'de'], ['f', '']])).toMatchObject({ data: ['cba', 'f', 'ed', ''], shape: [2, 2] });
    expect(() => m.char_shapes.reverse_all(['abc', 'de'])).toThrow(expect.objectContaining({ code: 'ERR_BRIDGEGEN_ARG_TYPE', message: expect.stringMatching(/assumed-shape/) }));
    expect(() => m.char_shapes.reverse_all([['abcdef']])).toThrow(/the string has 6 bytes; character\(len=5\)/);
  });

  it('work asynchronously', async () => {
    await expect(m.total_lengthAsync(['abc', 'de'])).resolves.toBe(503);
    await expect(m.upcase_anyAsync(['q', 'rs'])).resolves.toEqual({ names: ['Q', 'RS'], width: 2 });
    await expect(m.exclaimAsync([['a', 'bb']])).resolves.toMatchObject({ data: ['a!', 'bb'] });
    await expect(m.char_shapes.join_namesAsync(['x', 'yz'])).resolves.toEqual({ joined: 'x,yz', width: 2, count: 2 });
    await expect(m.char_shapes.reverse_allAsync([['ab']])).resolves.toMatchObject({ data: ['ba'] });
    await expect(m.total_lengthAsync([1])).rejects.toMatchObject({ name: 'TypeError', code: 'ERR_BRIDGEGEN_ARG_TYPE' });
  });
});

describe('character(len=*) outputs', () => {
  it('take the length a signature file declares', async () => {
    const sig = require(await buildModule('char_lengths', [fixture('signatures/char_lengths.pyf'), fixture('char_lengths.f90')]));
    expect(sig.fill_any(2)).toEqual(['L1/6', 'L2/6']);
    await expect(sig.fill_anyAsync(1)).resolves.toEqual(['L1/6']);
  });
});
