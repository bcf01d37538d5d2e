// End to end: F2Py's computed defaults and check(...) conditions, from a signature file
// (fortran/tests/signatures/checks.pyf) over checks.f90: values, defaults that depend on arrays
// and on each other, overrides by position and by name, hidden defaults, and failed checks.

import { buildModule, fixture } from '../helpers/build';

// Jest's vm context has its own RangeError, so the class is compared by name (see calls.test.ts).
const className = (value: unknown) => (value as object).constructor.name;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let m: any;

beforeAll(async () => {
  const dir = await buildModule('checks', [fixture('signatures/checks.pyf'), fixture('checks.f90')]);
  m = require(dir);
});

/** The error `fn` throws. */
function thrown(fn: () => unknown): Error & { code?: string } {
  try {
    fn();
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error('expected a throw');
}

describe('computed defaults', () => {
  it('takes n=shape(x,0)-1 for x(0:n), and lwork=max(3*n,1) after the n it reads', () => {
    expect(m.weighted_sum([1, 1, 1])).toEqual({ s: 3, lw: 6 });
    expect(m.weighted_sum([7])).toEqual({ s: 0, lw: 1 });
  });

  it('uses a value given by position or by name, and computes the rest from it', () => {
    expect(m.weighted_sum([1, 1, 1], { n: 1 })).toEqual({ s: 1, lw: 3 });
    expect(m.weighted_sum([1, 1, 1], 10)).toEqual({ s: 3, lw: 10 });
    expect(m.weighted_sum([1, 1, 1], { lwork: 4, n: 1 })).toEqual({ s: 1, lw: 4 });
  });

  it('still checks a given size against the array', () => {
    expect(thrown(() => m.weighted_sum([1, 1], { n: 2 })).code).toBe('ERR_BRIDGEGEN_SHAPE');
  });

  it('computes a hidden lda=max(shape(a,0),1), and an optional lwork from an inferred n', () => {
    expect(m.trace_of([[1, 2], [3, 4]])).toEqual({ t: 5, ld: 2, lw: 6 });
    expect(m.trace_of([[1, 2], [3, 4]], { lwork: 100 })).toEqual({ t: 5, ld: 2, lw: 100 });
    expect(m.trace_of([[1, 2], [3, 4]], 1)).toEqual({ t: 1, ld: 2, lw: 3 });
    expect('lda' in m.trace_of([[1]])).toBe(false);
  });

  it('computes a real default', () => {
    expect(m.head_sum([1, 2, 3], 2)).toBe(3);
    expect(m.head_sum([1, 2, 3], 3, 0.5)).toBe(3);
    expect(m.head_sum([1, 2, 3], 3, { scale: 2 })).toBe(12);
  });

  it('range-checks a computed integer default against the argument type', () => {
    const e = thrown(() => m.weighted_sum([1], { n: 1e9 }));
    expect(e.code).toBe('ERR_BRIDGEGEN_ARG_VALUE');
    expect(e.message).toBe('argument `lwork` of weighted_sum() (computed default): 3000000000 is out of range for int32');
  });

  it('computes them for async calls too', async () => {
    await expect(m.trace_ofAsync([[1, 2], [3, 4]])).resolves.toEqual({ t: 5, ld: 2, lw: 6 });
  });
});

describe('check(...)', () => {
  it('throws a RangeError naming the routine and the condition as written', () => {
    const e = thrown(() => m.trace_of([[1, 2, 3], [4, 5, 6]]));
    expect(className(e)).toBe('RangeError');
    expect(e.code).toBe('ERR_BRIDGEGEN_CHECK');
    expect(e.message).toBe('trace_of(): check(shape(a,0)==shape(a,1)) failed');
  });

  it('verifies what no declaration implies: len(x)>=n', () => {
    const e = thrown(() => m.head_sum([1, 2, 3], 4));
    expect(className(e)).toBe('RangeError');
    expect(e).toMatchObject({ code: 'ERR_BRIDGEGEN_CHECK', message: 'head_sum(): check(len(x)>=n) failed' });
    expect(m.head_sum([1, 2, 3], 0)).toBe(0);
  });

  it('checks given and default values alike, with real comparisons and .and./.not.', () => {
    expect(thrown(() => m.head_sum([1], 1, -1)).message).toBe('head_sum(): check(scale > 0.0 .and. .not. scale > 1e6) failed');
    expect(thrown(() => m.head_sum([1], 1, { scale: 2e6 })).code).toBe('ERR_BRIDGEGEN_CHECK');
  });

  it('rejects the async call the same way, before any work is queued', async () => {
    await expect(m.head_sumAsync([1, 2], 3)).rejects.toMatchObject({ code: 'ERR_BRIDGEGEN_CHECK' });
  });
});

describe("character comparisons (SciPy's *jobz=='N')", () => {
  // Typed arrays come from the addon's realm, not Jest's: compared as plain arrays.
  const plain = (r: { v: Float64Array; lw: number; liw: number }) => ({ ...r, v: Array.from(r.v) });

  it('chooses defaults and an extent by the first character of a CHARACTER argument', () => {
    expect(plain(m.eig_work(2))).toEqual({ v: [1, 2], lw: 21, liw: 13 });
    expect(plain(m.eig_work(2, 'N'))).toEqual({ v: [], lw: 5, liw: 1 });
    expect(plain(m.eig_work(3, { jobz: 'N', lwork: 9 }))).toEqual({ v: [], lw: 9, liw: 1 });
  });

  it('checks the character given, case included (as SciPy does), sync and async', async () => {
    const e = thrown(() => m.eig_work(2, 'v'));
    expect(className(e)).toBe('RangeError');
    expect(e).toMatchObject({ code: 'ERR_BRIDGEGEN_CHECK', message: "eig_work(): check(*jobz=='N'||*jobz=='V') failed" });
    await expect(m.eig_workAsync(2, 'X')).rejects.toMatchObject({ code: 'ERR_BRIDGEGEN_CHECK' });
    expect(plain(await m.eig_workAsync(1, 'V'))).toEqual({ v: [1], lw: 9, liw: 8 });
  });
});
