// SciPy-style signatures over the system BLAS (fortran/tests/signatures/offsets.pyf.src): a
// `.pyf.src` template expands per precision, `callstatement` offsets displace arrays (checked to
// stay inside them), assumed-size inputs are bounded by the signature's check(...), and
// defaults may use C's `?:`.

import { buildModule, fixture } from '../helpers/build';
import { expectLikeScipy, jsArgs, randomArray, type ScipyCase, scipyAnswers } from '../helpers/scipy';

type Dot = (x: ArrayLike<number>, y: ArrayLike<number>, opts?: Record<string, number>) => number;
let m: Record<string, any>;

beforeAll(async () => {
  const dir = await buildModule('offsets', [fixture('signatures/offsets.pyf.src')], ['openblas']);
  m = require(dir);
}, 240_000);

describe('templates', () => {
  it('expand <prefix2=s,d> into sdot/ddot and sscal/dscal', () => {
    for (const name of ['sdot', 'ddot', 'sscal', 'dscal', 'dscal_half']) expect(typeof m[name]).toBe('function');
    expect(m.sdot(new Float32Array([1.5, 2]), new Float32Array([2, 4]))).toBe(11);
  });
});

describe('callstatement offsets', () => {
  const x = new Float64Array([1, 2, 3, 4, 5, 6]);
  const y = new Float64Array([10, 20, 30, 40, 50, 60]);
  const ref = (offx: number, incx: number, offy: number, incy: number, n: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[offx + i * incx]! * y[offy + i * incy]!;
    return s;
  };

  it('pass x from element offx on, with n computed from the offset and stride', () => {
    const ddot = m.ddot as Dot;
    expect(ddot(x, y)).toBe(ref(0, 1, 0, 1, 6));
    expect(ddot(x, y, { offx: 2, offy: 2 })).toBe(ref(2, 1, 2, 1, 4));
    expect(ddot(x, y, { offx: 1, incx: 2, n: 2 })).toBe(ref(1, 2, 0, 1, 2));
  });

  it('update an in-place array from the offset on, sync and async', async () => {
    const v = new Float64Array([1, 2, 3, 4]);
    expect(m.dscal(3, v, { offx: 2 })).toEqual(new Float64Array([1, 2, 9, 12]));
    await m.dscalAsync(2, v, { offx: 1, incx: 2, n: 2 });
    expect(v).toEqual(new Float64Array([1, 4, 9, 24]));
  });

  it("refuse what the signature's checks exclude, before any memory is touched", () => {
    expect(() => m.ddot(x, y, { offx: 6 })).toThrow(expect.objectContaining({ code: 'ERR_BRIDGEGEN_CHECK' }));
    expect(() => m.ddot(x, y, { offx: -1 })).toThrow(/^ddot\(\): check\(offx>=0 && offx<len\(x\)\) failed$/);
    expect(() => m.ddot(x, y, { n: 7 })).toThrow(expect.objectContaining({ code: 'ERR_BRIDGEGEN_CHECK' }));
    expect(() => m.ddot(x, y, { incx: 2, n: 4 })).toThrow(expect.objectContaining({ code: 'ERR_BRIDGEGEN_CHECK' }));
    expect(m.ddot(x, y, { incx: -1, n: 2 })).toBe(x[1]! * y[0]! + x[0]! * y[1]!);
  });

  it('keep an offset inside its array even when the signature forgets to', () => {
    // dscal_at checks nothing of its own: bridgegen's bound 0 <= offset <= size(x) still holds.
    expect(m.dscal_at(1, 2, new Float64Array([1, 2, 3]), 2)).toEqual(new Float64Array([1, 2, 6]));
    expect(m.dscal_at(0, 2, new Float64Array(3), 3)).toEqual(new Float64Array(3));
    expect(() => m.dscal_at(0, 2, new Float64Array(3), 4)).toThrow(/^dscal_at\(\): check\(0<=offx<=size\(x\)\) failed$/);
    expect(() => m.dscal_at(0, 2, new Float64Array(3), -1)).toThrow(/check\(0<=offx<=size\(x\)\)/);
  });

  it('return a zerobased function result 0-based (idamax), checking incx before n divides by it', () => {
    expect(m.idamax(new Float64Array([1, -5, 2]))).toBe(1);
    expect(m.isamax(new Float32Array([1, 5, 7, 2]), { offx: 1 })).toBe(1);
    expect(m.idamax(new Float64Array([1, 2]), { n: 0 })).toBe(-1);
    expect(() => m.idamax(new Float64Array([1, 2]), { incx: 0 })).toThrow('idamax(): check(incx>0||incx<0) failed');
  });

  it('take a complex default from a real value (a = 1.0)', () => {
    const z = m.zaxpy(Float64Array.from([1, 2]), Float64Array.from([10, 20]));
    expect(Array.from(z)).toEqual([11, 22]);
    expect(Array.from(m.zaxpy(Float64Array.from([1, 2]), Float64Array.from([10, 20]), { re: 0, im: 1 }))).toEqual([8, 21]);
  });

  it("create an optional array left out, zero-filled with its declared shape (F2Py's y of dgemv)", async () => {
    const a = [[1, 2], [3, 4], [5, 6]];
    expect(Array.from(m.dgemv(1, a, [1, 1]))).toEqual([3, 7, 11]);
    expect(Array.from(m.dgemv(1, a, [1, 1], 1, [1, 1, 1]))).toEqual([4, 8, 12]);
    expect(Array.from(await m.dgemvAsync(2, a, [1, 0]))).toEqual([2, 6, 10]);
    expect(() => m.dgemv(1, a, [1, 1], 1, [1, 1])).toThrow(expect.objectContaining({ code: 'ERR_BRIDGEGEN_SHAPE' }));
  });

  it('pass hidden constants and `?:` defaults', () => {
    expect(m.dscal_half(new Float64Array([2, 4]), 1)).toEqual(new Float64Array([1, 2]));
    expect(m.dscal_half(new Float64Array([2, 4]), 0)).toEqual(new Float64Array([4, 8]));
  });
});

describe('against SciPy (test/helpers/scipy.ts)', () => {
  it('gives scipy.linalg.blas.ddot/sdot results, offsets and strides included', () => {
    const x = randomArray('float64', [7], 3);
    const y = randomArray('float64', [7], 4);
    const cases: ScipyCase[] = [
      { fn: 'blas.ddot', args: [x, y] },
      { fn: 'blas.ddot', args: [x, y], kwargs: { offx: 2, incx: 2, n: 3 } },
      { fn: 'blas.sdot', args: [{ ...x, dtype: 'float32' }, { ...y, dtype: 'float32' }], kwargs: { offy: 1, n: 5 } },
    ];
    scipyAnswers('offsets', cases).forEach((answer, i) => {
      const c = cases[i]!;
      expectLikeScipy(m[c.fn.split('.')[1]!](...jsArgs(c)), answer, c.fn.includes('sdot') ? 1e-5 : 1e-12);
    });
  });
});

describe('zerobased pivots (fortran/tests/signatures/pivots.pyf)', () => {
  let p: Record<string, any>;
  beforeAll(async () => {
    p = require(await buildModule('pivots', [fixture('signatures/pivots.pyf')], ['openblas'], { catchXerbla: true }));
  }, 240_000);
  const a = { data: Float64Array.from([1, 3, 2, 4]), shape: [2, 2], order: 'column-major' };

  it('returns pivots 0-based, as SciPy does, and takes them back the same way', async () => {
    const { lu, ipiv, info } = p.dgetrf(a);
    expect(info).toBe(0);
    expect(Array.from(ipiv)).toEqual([1, 1]);
    const { x } = p.dgetrs(lu, ipiv, [[5], [11]]);
    expect(Array.from(x.data as Float64Array).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([1, 2]);
    expect(Array.from(ipiv)).toEqual([1, 1]); // the caller's pivots are never shifted
    expect(Array.from((await p.dgetrfAsync(a)).ipiv)).toEqual([1, 1]);
  });

  it("maps SciPy's integer trans flag to LAPACK's character with ?:", () => {
    const { lu, ipiv } = p.dgetrf(a);
    // A^T x = b with A = [[1,2],[3,4]]: x = [1, 1] for b = [4, 6].
    const round = (r: { x: { data: Float64Array } }) => Array.from(r.x.data, (v) => Math.round(v * 1e12) / 1e12);
    expect(round(p.dgetrs(lu, ipiv, [[4], [6]], 1))).toEqual([1, 1]);
    expect(round(p.dgetrs(lu, ipiv, [[4], [6]], { trans: 2 }))).toEqual([1, 1]);
    expect(() => p.dgetrs(lu, ipiv, [[4], [6]], 3)).toThrow('dgetrs(): check(trans>=0 && trans<=2) failed');
  });

  it("turns LAPACK's XERBLA report into a RangeError naming the argument (--catch-xerbla), sync and async", async () => {
    const want = { name: 'RangeError', code: 'ERR_BRIDGEGEN_XERBLA', info: -4, message: "dgetrf_lda(): dgetrf rejected argument 4 (lda) as illegal (LAPACK's XERBLA)" };
    let thrown: unknown;
    try { p.dgetrf_lda(a, { lda: 1 }); } catch (e) { thrown = e; }
    expect({ ...(thrown as object), name: (thrown as Error).name, message: (thrown as Error).message }).toMatchObject(want);
    const rejected = await p.dgetrf_ldaAsync(a, { lda: 1 }).catch((e: Error) => e);
    expect({ ...rejected, name: rejected.name, message: rejected.message }).toMatchObject(want);
    expect(p.dgetrf_lda(a).info).toBe(0); // the module stays usable
  });

  it('creates hidden workspace arrays (dgetri) and queries their size with scalars in the same module', () => {
    const { lu, ipiv } = p.dgetrf(a);
    const { inv_a, info } = p.dgetri(lu, ipiv);
    expect(info).toBe(0);
    expect(Array.from(inv_a.data as Float64Array, (v) => Math.round(v * 1e12) / 1e12)).toEqual([-2, 1.5, 1, -0.5]);
    const query = p.dgetri_lwork(100);
    expect(query.info).toBe(0);
    expect(query.work).toBeGreaterThanOrEqual(100);
    expect(p.dgetri(lu, ipiv, { lwork: Math.round(query.work) }).info).toBe(0);
    expect(() => p.dgetri(lu, ipiv, { lwork: 1 })).toThrow('dgetri(): check(lwork>=max(1,n)) failed');
  });

  it('refuses a pivot outside [0, n) before LAPACK indexes a row with it', () => {
    const { lu } = p.dgetrf(a);
    for (const bad of [[2, 1], [0, -1]]) {
      expect(() => p.dgetrs(lu, Int32Array.from(bad), [[1], [1]])).toThrow(expect.objectContaining({ code: 'ERR_BRIDGEGEN_ARG_VALUE' }));
    }
    expect(() => p.dgetrs(lu, Int32Array.from([0, 2]), [[1], [1]])).toThrow('argument `ipiv` of dgetrs(): element 1 is 2, not a 0-based index below n = 2');
  });
});
