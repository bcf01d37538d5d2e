// A small C library wrapped from its header alone (fortran/tests/c/mylib.h + mylib.c): enums and
// macros as constants of `m.mylib`, BLAS-style strided arrays, strings, chars and booleans by
// value, complex values, callbacks with `void *` userdata (through the C shim's adapters), what
// is refused and why, and `--unchecked-pointers` marked `@unsafe` in the .d.ts.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, DEFAULT_OPTIONS } from '../../src';
import { buildModule, fixture } from '../helpers/build';
import { thrown } from '../helpers/errors';

const FILES = [fixture('c/mylib.h'), fixture('c/mylib.c')];

/** The name of the error `call` throws (jest runs tests in another realm: classes compare by name). */
function thrownName(call: () => unknown): string {
  try {
    call();
  } catch (e) {
    return (e as Error).name;
  }
  throw new Error('expected a throw');
}

let dir: string;
let m: Record<string, any>;

beforeAll(async () => {
  dir = await buildModule('mylib', FILES, [], { uncheckedPointers: true });
  m = require(dir);
}, 240_000);

describe('constants', () => {
  it('enumerators and integer macros are properties of the header module', () => {
    expect(m.mylib).toEqual({ MYLIB_VERSION: 3, MYLIB_FLAGS: 17, MYLIB_SUM: 1, MYLIB_MAX: 2, MYLIB_MIN: 7, RED: 0, GREEN: 16, BLUE: 17 });
    expect(fs.readFileSync(path.join(dir, 'index.d.ts'), 'utf8')).toMatch(/readonly GREEN: number;/);
  });
});

describe('arrays and scalars', () => {
  it('strided vectors: lengths from n and incx, negative strides, in-place updates', async () => {
    expect(m.mylib_dsum(3, [1, 2, 3], 1)).toBe(6);
    expect(m.mylib_dsum(2, [1, 100, 2], 2)).toBe(3);
    const x = new Float64Array([1, 2, 3]);
    m.mylib_scale(3, 2, x, -1);
    expect(Array.from(x)).toEqual([2, 4, 6]);
    await m.mylib_scaleAsync(3, 0.5, x, 1);
    expect(Array.from(x)).toEqual([1, 2, 3]);
    expect(() => m.mylib_dsum(3, [1, 2, 3], 2)).toThrow(/`x`.*expected shape \(5\).*got \(3\)/);
    expect(thrownName(() => m.mylib_scale(3, 2, [1, 2, 3], 1))).toBe('TypeError'); // updated in place: must be a Float64Array
  });

  it('C strings, a char and a _Bool by value, complex values', () => {
    expect(m.mylib_count('Hello', 'l', true)).toBe(2);
    expect(m.mylib_count('HeLlo', 'l', false)).toBe(2);
    expect(m.mylib_count('HeLlo', 'l', true)).toBe(1);
    expect(m.mylib_cmul({ re: 1, im: 2 }, { re: 3, im: -1 })).toEqual({ re: 5, im: 5 });
  });
});

describe('callbacks with void * userdata', () => {
  it('call the JS function with the C arguments, the userdata left out', async () => {
    expect(m.mylib_integrate((x: number) => x * x, 0, 1, 1000)).toBeCloseTo(1 / 3, 6);
    let calls = 0;
    expect(m.mylib_integrate(() => { calls++; return 1; }, 0, 2, 10)).toBeCloseTo(2, 12);
    expect(calls).toBe(10);
    expect(await m.mylib_integrateAsync((x: number) => 2 * x, 0, 1, 10)).toBeCloseTo(1, 12);
  });

  it('a function pointer spelled in the prototype, with an int by value', () => {
    const x = new Float64Array([1, 2, 3, 4]);
    m.mylib_map(2, x, 2, (v: number, i: number) => v * 10 + i);
    expect(Array.from(x)).toEqual([10, 2, 31, 4]);
  });

  it('an exception in the callback stops the call and reaches the caller', async () => {
    const boom = new Error('boom');
    expect(() => m.mylib_integrate(() => { throw boom; }, 0, 1, 10)).toThrow(boom);
    await expect(m.mylib_integrateAsync(() => { throw boom; }, 0, 1, 10)).rejects.toBe(boom);
    expect(m.mylib_integrate(() => 1, 0, 1, 4)).toBe(1); // still usable
  });

  it('the callback result is converted and checked', () => {
    expect(thrownName(() => m.mylib_integrate(() => 'x', 0, 1, 4))).toBe('TypeError');
  });
});

describe('structs of plain values', () => {
  it('cross as objects: by value, by const pointer (an input) and by pointer (returned updated)', async () => {
    expect(m.mylib_vlen({ x: 3, y: 4 })).toBe(5);
    expect(m.mylib_width({ lo: 2, hi: 5, closed: true })).toBe(4);
    expect(m.mylib_width({ lo: 2, hi: 5, closed: false })).toBe(3);
    const v = { x: 1, y: 2 };
    expect(m.mylib_vscale(v, 3)).toEqual({ x: 3, y: 6 });
    expect(v).toEqual({ x: 1, y: 2 });
    expect(await m.mylib_vscaleAsync({ x: 1, y: 1 }, 2)).toEqual({ x: 2, y: 2 });
  });

  it('with a fixed-size array field: an array of that many numbers in, a typed array out', () => {
    const p = { x: 3, y: 4, tag: 1, weights: [1, 2, 3] };
    expect(m.mylib_norm(p, { x: 0, y: 0, tag: 0, weights: new Float64Array(3) })).toBe(5);
    const q = m.mylib_reweigh(p, 2);
    expect([q.x, q.y, q.tag, q.weights.constructor.name, Array.from(q.weights)]).toEqual([3, 4, 2, 'Float64Array', [2, 4, 6]]);
    expect(thrown(() => m.mylib_reweigh({ ...p, weights: [1, 2] }, 2)).message).toMatch(/component `weights`: expected 3 elements, got 2/);
  });

  it('name the component of a bad value', () => {
    expect(thrownName(() => m.mylib_vlen({ x: 1 }))).toBe('TypeError');
    expect(thrownName(() => m.mylib_width({ lo: 1.5, hi: 2, closed: true }))).toBe('RangeError');
  });

  it('are typed in the .d.ts', () => {
    const dts = fs.readFileSync(path.join(dir, 'index.d.ts'), 'utf8');
    expect(dts).toMatch(/mylib_vscale\(v: \{ x: number; y: number \}, k: number\): \{ x: number; y: number \};/);
  });
});

describe('what is not wrapped', () => {
  it('without --unchecked-pointers, pointers of unknown length, structs and variadics are refused with reasons', () => {
    const { iface, warnings } = analyze({ ...DEFAULT_OPTIONS, files: FILES });
    expect(iface.routines.map((r) => r.name)).toEqual(['mylib_dsum', 'mylib_scale', 'mylib_integrate', 'mylib_map', 'mylib_norm', 'mylib_count',
      'mylib_cmul', 'mylib_vlen', 'mylib_vscale', 'mylib_width', 'mylib_reweigh']);
    const messages = warnings.map((w) => w.message);
    expect(messages).toContain('function `mylib_printf` skipped: it is variadic (`...`)');
    expect(messages).toContainEqual(expect.stringMatching(/^routine `mylib_fill` skipped: pointer argument `out` of C function `mylib_fill` has no known length/));
    expect(messages).toContainEqual(expect.stringMatching(/^routine `mylib_buffer_len` skipped: argument `b`.* derived type `mylib_buffer`/));
  });
});

describe('lengths given in a signature file (the draft of `bridgegen sig mylib.h`, filled in)', () => {
  let c: Record<string, any>;

  beforeAll(async () => {
    const out = await buildModule('mylib_c', [fixture('signatures/mylib_c.pyf'), fixture('c/mylib.c')], [], { includeDirs: [fixture('c')] });
    c = require(out);
  }, 240_000);

  it('checks and infers the lengths, allocates outputs, passes a char by value', () => {
    expect(c.mylib_reduce(2, [1, 5, 2])).toBe(5); // count inferred from values
    expect(() => c.mylib_reduce(2, [1, 5], { count: 3 })).toThrow(/`values`.*expected shape \(3\).*got \(2\)/);
    expect(Array.from(c.mylib_fill())).toEqual([1, 2, 3]);
    expect(c.mylib_count('Hello', 'l', true)).toBe(2);
  });
});

describe('--unchecked-pointers', () => {
  it('wraps pointers of unknown length as given', () => {
    expect(m.mylib_reduce(m.mylib.MYLIB_MAX, 3, [1, 5, 2])).toBe(5);
    expect(m.mylib_reduce(m.mylib.MYLIB_SUM, 2n, new Float64Array([1, 5]))).toBe(6);
    // size_t is unsigned: -1 would reach C as SIZE_MAX and read far past the array.
    expect(() => m.mylib_reduce(m.mylib.MYLIB_SUM, -1, [1, 5])).toThrow(/mylib_reduce\(\): check\(count>=0\) failed/);
    const out = new Float64Array(3);
    m.mylib_fill(out);
    expect(Array.from(out)).toEqual([1, 2, 3]);
  });

  it('marks those functions @unsafe in the .d.ts, naming the pointers', () => {
    const dts = fs.readFileSync(path.join(dir, 'index.d.ts'), 'utf8');
    const unsafe = dts.match(/@unsafe .*/g)!;
    expect(unsafe[0]).toBe('@unsafe built with --unchecked-pointers: nothing checks how much of `values` the C function reads or writes; ' +
      'an array shorter than what it touches corrupts memory');
    expect(dts).toMatch(/@unsafe[^\n]*\n[^]*?mylib_reduce\(op: number/);
    expect(dts).not.toMatch(/@unsafe[^\n]*\n(\s*\*[^\n]*\n)*\s*\*\/\n\s*mylib_dsum/);
  });
});
