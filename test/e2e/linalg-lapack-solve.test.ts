// LAPACK linear systems (fortran/linalg/lapack_solve.pyf.src) against scipy.linalg.lapack:
// gesv getrf getrs getri gecon posv potrf potrs potri sysv trtrs trtri lange gbsv gtsv ptsv gbtrf
// gbtrs pbsv pbtrf pbtrs gttrf gttrs pttrf pttrs sytrf hetrf hesv lauum pocon tbtrs sycon hecon getc2
// gesc2 pptrf pptrs pptri ppsv ppcon tpttr trttp tfttr trttf tpttf tfttp larfg lartg syconv pstrf pstf2
// pftrf pftri pftrs and
// the getri/sysv/sytrf/hetrf/hesv workspace queries, in s/d/c/z; info > 0 is returned, not thrown; pivots 0-based
// as SciPy's.

import { type ArrayValue, jsArgs, randomArray } from '../helpers/scipy';
import {
  type Case, checkAgainstScipy, dominant, type Dtype, errorOf, ints, isComplex, loadLapack, matrix, PREFIXES, REAL, realOf,
  symmetric, triangular, vector,
} from './lapack-cases';

let m: Record<string, any>;

beforeAll(() => {
  m = loadLapack();
});

function cases(): Case[] {
  const out: Case[] = [];
  PREFIXES.forEach((p, k) => {
    const t = REAL[p]!;
    const s = 10 * k;
    const a = dominant(t, 4, 4, s + 1);
    const b = randomArray(t, [4, 2], s + 2);
    const lu = dominant(t, 4, 4, s + 3);
    const piv = ints([2, 3, 2, 3]);
    const spd = symmetric(t, 4, s + 4);
    const up = triangular(t, 4, s + 5);
    const lo = triangular(t, 4, s + 5, true);
    out.push(
      { fn: `lapack.${p}gesv`, args: [a, b] },
      { fn: `lapack.${p}gesv`, args: [a, b], kwargs: { overwrite_a: 1, overwrite_b: 1 } },
      { fn: `lapack.${p}getrf`, args: [randomArray(t, [4, 3], s + 6)] },
      { fn: `lapack.${p}getrf`, args: [randomArray(t, [3, 5], s + 7)] },
      { fn: `lapack.${p}getrs`, args: [lu, piv, b] },
      { fn: `lapack.${p}getrs`, args: [lu, piv, b], kwargs: { trans: 1 } },
      { fn: `lapack.${p}getri`, args: [lu, piv] },
      { fn: `lapack.${p}getri`, args: [lu, piv], kwargs: { lwork: 4 } },
      { fn: `lapack.${p}gecon`, args: [a, 7.5] },
      { fn: `lapack.${p}gecon`, args: [a, 7.5], kwargs: { norm: 'I' } },
      { fn: `lapack.${p}posv`, args: [spd, b] },
      { fn: `lapack.${p}posv`, args: [spd, b], kwargs: { lower: 1 } },
      { fn: `lapack.${p}potrf`, args: [spd] },
      { fn: `lapack.${p}potrf`, args: [spd], kwargs: { lower: 1 } },
      { fn: `lapack.${p}potrf`, args: [spd], kwargs: { clean: 0 } },
      { fn: `lapack.${p}potrs`, args: [up, b] },
      { fn: `lapack.${p}potrs`, args: [lo, b], kwargs: { lower: 1 } },
      { fn: `lapack.${p}potri`, args: [up] },
      { fn: `lapack.${p}potri`, args: [lo], kwargs: { lower: 1 } },
      { fn: `lapack.${p}sysv`, args: [symmetric(t, 4, s + 8, 0, false), b] },
      { fn: `lapack.${p}sysv`, args: [symmetric(t, 4, s + 8, 0, false), b], kwargs: { lower: 1, lwork: 64 } },
      { fn: `lapack.${p}trtrs`, args: [up, b] },
      { fn: `lapack.${p}trtrs`, args: [lo, b], kwargs: { lower: 1, trans: 1 } },
      { fn: `lapack.${p}trtrs`, args: [up, b], kwargs: { unitdiag: 1, trans: isComplex(p) ? 2 : 0 } },
      { fn: `lapack.${p}trtri`, args: [up] },
      { fn: `lapack.${p}trtri`, args: [lo], kwargs: { lower: 1, unitdiag: 1 } },
      ...['M', '1', 'I', 'F'].map((norm): Case => ({ fn: `lapack.${p}lange`, args: [norm, randomArray(t, [3, 5], s + 9)] })),
      // kl = 1, ku = 2: ab has 2*kl+ku+1 = 5 rows, the diagonal in row kl+ku.
      { fn: `lapack.${p}gbsv`, args: [1, 2, matrix(t, 5, 6, (i, j) => [i === 3 ? 8 + ((i + j) % 3) : (i + 2 * j) / 7 - 0.5, isComplex(p) ? 0.25 * (i - j) : 0]), randomArray(t, [6, 2], s + 11)] },
      { fn: `lapack.${p}gtsv`, args: [vector(t, 4, s + 12), vector(t, 5, s + 13, 4), vector(t, 4, s + 14), randomArray(t, [5, 2], s + 15)] },
      { fn: `lapack.${p}ptsv`, args: [vector(realOf(p), 5, s + 16, 4), vector(t, 4, s + 17), randomArray(t, [5, 2], s + 18)] },
      // Workspace queries: LAPACK's answer depends on the library's block sizes, so only info is compared.
      { fn: `lapack.${p}getri_lwork`, args: [6], skip: ['work'] },
      { fn: `lapack.${p}sysv_lwork`, args: [6], kwargs: { lower: 1 }, skip: ['work'] },
      { fn: `lapack.${p}sytrf_lwork`, args: [6], skip: ['work'] },
    );
    out.push(...moreCases(p, t, s));
  });
  // Singular systems: info > 0 is a result, as in SciPy.
  const singular = matrix('float64', 3, 3, (i, j) => [(i + 1) * (j + 1), 0]);
  out.push(
    { fn: 'lapack.dgesv', args: [singular, randomArray('float64', [3, 1], 50)] },
    { fn: 'lapack.zgetrf', args: [matrix('complex128', 3, 3, (i, j) => [i * j, i - j === 0 ? 0 : 0])] },
    { fn: 'lapack.dpotrf', args: [matrix('float64', 2, 2, (i, j) => [i === j ? -1 : 0, 0])] },
    { fn: 'lapack.strtri', args: [matrix('float32', 2, 2, (i, j) => [i === 1 && j === 1 ? 0 : 1, 0])] },
  );
  return out;
}

/** Band, tridiagonal, packed-free factorizations and condition numbers (second round). */
function moreCases(p: string, t: Dtype, s: number): Case[] {
  const cx = isComplex(p);
  const im = (v: number): number => (cx ? v : 0);
  // General band, kl = 1, ku = 2, as gbtrf wants it: 2*kl+ku+1 = 5 rows, the diagonal in row kl+ku = 3.
  const gb = matrix(t, 5, 6, (i, j) => [i === 3 ? 8 + ((i + j) % 3) : (i + 2 * j) / 7 - 0.5, im(0.25 * (i - j))]);
  // Hermitian positive definite band, kd = 2: upper storage has the (real) diagonal in row kd, lower in row 0.
  const pbU = matrix(t, 3, 5, (i, j) => (i === 2 ? [6 + j, 0] : [0.3 * (i + 1) - 0.1 * j, im(0.2)]));
  const pbL = matrix(t, 3, 5, (i, j) => (i === 0 ? [6 + j, 0] : [0.3 * i - 0.1 * j, im(-0.2)]));
  const b5 = randomArray(t, [5, 2], s + 21);
  const sym = symmetric(t, 4, s + 22, 0, false);
  const her = symmetric(t, 4, s + 23, 0);
  const spd = symmetric(t, 4, s + 24);
  const b4 = randomArray(t, [4, 2], s + 25);
  const tb = matrix(t, 2, 4, (i, j) => (i === 1 ? [5 + j, im(1)] : [0.5 - 0.2 * j, im(0.3)]));
  const out: Case[] = [
    { fn: `lapack.${p}gbtrf`, args: [gb, 1, 2] },
    { fn: `lapack.${p}gbtrs`, args: [gb, 1, 2, randomArray(t, [6, 2], s + 26), ints([0, 1, 2, 3, 4, 5])] },
    { fn: `lapack.${p}gbtrs`, args: [gb, 1, 2, randomArray(t, [6, 1], s + 27), ints([1, 1, 3, 3, 4, 5])], kwargs: { trans: cx ? 2 : 1 } },
    { fn: `lapack.${p}pbsv`, args: [pbU, b5] },
    { fn: `lapack.${p}pbsv`, args: [pbL, b5], kwargs: { lower: 1 } },
    { fn: `lapack.${p}pbtrf`, args: [pbU] },
    { fn: `lapack.${p}pbtrf`, args: [pbL], kwargs: { lower: 1, ldab: 3 } },
    { fn: `lapack.${p}pbtrs`, args: [pbU, b5] },
    { fn: `lapack.${p}pbtrs`, args: [pbL, b5], kwargs: { lower: 1 } },
    { fn: `lapack.${p}gttrf`, args: [vector(t, 4, s + 28), vector(t, 5, s + 29, 4), vector(t, 4, s + 30)] },
    { fn: `lapack.${p}gttrs`, args: [vector(t, 4, s + 28), vector(t, 5, s + 29, 4), vector(t, 4, s + 30), vector(t, 3, s + 31), ints([1, 2, 3, 4, 5]), b5] },
    { fn: `lapack.${p}gttrs`, args: [vector(t, 4, s + 28), vector(t, 5, s + 29, 4), vector(t, 4, s + 30), vector(t, 3, s + 31), ints([2, 2, 3, 5, 5]), b5], kwargs: { trans: 'T' } },
    { fn: `lapack.${p}pttrf`, args: [vector(realOf(p), 5, s + 32, 4), vector(t, 4, s + 33)] },
    { fn: `lapack.${p}pttrs`, args: [vector(realOf(p), 5, s + 32, 4), vector(t, 4, s + 33), b5] },
    { fn: `lapack.${p}sytrf`, args: [sym] },
    { fn: `lapack.${p}sytrf`, args: [sym], kwargs: { lower: 1, lwork: 64 } },
    { fn: `lapack.${p}lauum`, args: [triangular(t, 4, s + 34)] },
    { fn: `lapack.${p}lauum`, args: [triangular(t, 4, s + 34, true)], kwargs: { lower: 1 } },
    { fn: `lapack.${p}pocon`, args: [spd, 9.5] },
    { fn: `lapack.${p}pocon`, args: [spd, 9.5], kwargs: { uplo: 'L' } },
    { fn: `lapack.${p}tbtrs`, args: [tb, b4] },
    { fn: `lapack.${p}tbtrs`, args: [matrix(t, 2, 4, (i, j) => (i === 0 ? [5 + j, im(1)] : [0.5 - 0.2 * j, im(0.3)])), b4], kwargs: { uplo: 'L', trans: cx ? 'C' : 'T' } },
    { fn: `lapack.${p}tbtrs`, args: [tb, b4], kwargs: { diag: 'U' } },
    { fn: `lapack.${p}sycon`, args: [dominant(t, 4, 4, s + 35), ints([1, 2, 3, 4]), 7.5] },
    { fn: `lapack.${p}sycon`, args: [dominant(t, 4, 4, s + 35), ints([1, 2, 3, 4]), 7.5], kwargs: { lower: 1 } },
  ];
  // Packed storage (column by column of one triangle) of a positive definite matrix, n = 4.
  const packed = (lower: boolean): ArrayValue => {
    const data: number[] = [];
    for (let j = 0; j < 4; j++) {
      for (let i = lower ? j : 0; i <= (lower ? 3 : j); i++) {
        const k = i + 4 * j;
        data.push(...(cx ? [spd.data[2 * k]!, i === j ? 0 : spd.data[2 * k + 1]!] : [spd.data[k]!]));
      }
    }
    return { dtype: t, shape: [10], data };
  };
  const tr = cx ? 'C' : 'T';
  const flat = (v: ArrayLike<number>): ArrayValue => ({ dtype: t, shape: [cx ? v.length / 2 : v.length], data: Array.from(v) });
  const rfpRaw = (a: ArrayValue, opts: Record<string, string>): ArrayLike<number> => m[`${p}trttf`](jsArgs({ fn: '', args: [a] })[0], opts).arf;
  const rfp = (a: ArrayValue, opts: Record<string, string>): ArrayValue => flat(rfpRaw(a, opts));
  const rfpChol = (opts: Record<string, string>): ArrayValue => flat(m[`${p}pftrf`](4, rfpRaw(spd, opts), opts).achol);
  out.push(
    { fn: `lapack.${p}getc2`, args: [dominant(t, 4, 4, s + 37)] },
    { fn: `lapack.${p}syconv`, args: [triangular(t, 4, s + 42), ints([1, 2, 3, 4])] },
    { fn: `lapack.${p}syconv`, args: [triangular(t, 4, s + 42, true), ints([1, 2, 3, 4])], kwargs: { lower: 1, way: 1 } },
    { fn: `lapack.${p}gesc2`, args: [dominant(t, 4, 4, s + 38), vector(t, 4, s + 39), ints([0, 1, 2, 3]), ints([1, 1, 2, 3])] },
    { fn: `lapack.${p}pptrf`, args: [4, packed(false)] },
    { fn: `lapack.${p}pptrf`, args: [4, packed(true)], kwargs: { lower: 1 } },
    { fn: `lapack.${p}pptrs`, args: [4, packed(false), b4] },
    { fn: `lapack.${p}pptrs`, args: [4, packed(true), b4], kwargs: { lower: 1 } },
    { fn: `lapack.${p}pptri`, args: [4, packed(false)] },
    { fn: `lapack.${p}ppsv`, args: [4, packed(false), b4] },
    { fn: `lapack.${p}ppsv`, args: [4, packed(true), b4], kwargs: { lower: 1 } },
    { fn: `lapack.${p}ppcon`, args: [4, packed(false), 9.5] },
    { fn: `lapack.${p}tpttr`, args: [4, packed(false)] },
    { fn: `lapack.${p}tpttr`, args: [4, packed(true)], kwargs: { uplo: 'L' } },
    { fn: `lapack.${p}trttp`, args: [spd] },
    { fn: `lapack.${p}trttp`, args: [spd], kwargs: { uplo: 'L' } },
    { fn: `lapack.${p}trttf`, args: [spd] },
    { fn: `lapack.${p}trttf`, args: [spd], kwargs: { transr: tr, uplo: 'L' } },
    { fn: `lapack.${p}tfttr`, args: [4, packed(false)] },
    { fn: `lapack.${p}tfttr`, args: [4, packed(true)], kwargs: { transr: tr, uplo: 'L' } },
    { fn: `lapack.${p}tpttf`, args: [4, packed(false)] },
    { fn: `lapack.${p}tpttf`, args: [4, packed(true)], kwargs: { transr: tr } },
    { fn: `lapack.${p}tfttp`, args: [4, packed(false)] },
    { fn: `lapack.${p}tfttp`, args: [4, packed(true)], kwargs: { uplo: 'L' } },
    { fn: `lapack.${p}larfg`, args: [4, cx ? { re: 1.5, im: -0.5 } : 1.5, vector(t, 3, s + 40)] },
    { fn: `lapack.${p}larfg`, args: [3, cx ? { re: -2, im: 0.25 } : -2, vector(t, 5, s + 41)], kwargs: { incx: 2 } },
    { fn: `lapack.${p}lartg`, args: cx ? [{ re: 3, im: 1 }, { re: -4, im: 0.5 }] : [3, -4] },
    { fn: `lapack.${p}pstrf`, args: [spd] },
    { fn: `lapack.${p}pstrf`, args: [spd], kwargs: { lower: 1, tol: 1e-3 } },
    { fn: `lapack.${p}pstf2`, args: [spd] },
    { fn: `lapack.${p}pstf2`, args: [spd], kwargs: { lower: 1 } },
    // Rectangular full packed (RFP) input, made by this module's trttf (itself checked above).
    { fn: `lapack.${p}pftrf`, args: [4, rfp(spd, {})] },
    { fn: `lapack.${p}pftrf`, args: [4, rfp(spd, { transr: tr, uplo: 'L' })], kwargs: { transr: tr, uplo: 'L' } },
    { fn: `lapack.${p}pftri`, args: [4, rfpChol({})] },
    { fn: `lapack.${p}pftrs`, args: [4, rfpChol({}), b4] },
    { fn: `lapack.${p}pftrs`, args: [4, rfpChol({ uplo: 'L' }), b4], kwargs: { uplo: 'L' } },
  );
  if (cx) {
    out.push(
      { fn: `lapack.${p}pttrs`, args: [vector(realOf(p), 5, s + 32, 4), vector(t, 4, s + 33), b5], kwargs: { lower: 1 } },
      { fn: `lapack.${p}hetrf`, args: [her] },
      { fn: `lapack.${p}hetrf`, args: [her], kwargs: { lower: 1 } },
      { fn: `lapack.${p}hetrf_lwork`, args: [6], skip: ['work'] },
      { fn: `lapack.${p}hesv`, args: [her, b4] },
      { fn: `lapack.${p}hesv`, args: [her, b4], kwargs: { lower: 1, lwork: 32 } },
      { fn: `lapack.${p}hesv_lwork`, args: [6], skip: ['work'] },
      { fn: `lapack.${p}hecon`, args: [dominant(t, 4, 4, s + 36), ints([1, 2, 3, 4]), 7.5] },
    );
  }
  return out;
}

describe('scipy.linalg.lapack linear systems', () => {
  it('match SciPy in all four precisions, optional arguments included', () => {
    checkAgainstScipy(m, 'lapack_solve', cases());
  });

  it('return info > 0 for a singular matrix instead of throwing', () => {
    const r = m.dgesv([[1, 2], [2, 4]], [[1], [1]]);
    expect(r.info).toBe(2);
    expect(Array.from(r.piv)).toEqual([1, 1]);
  });

  it('take and return 0-based pivots (getrf -> getrs -> getri), and check them', () => {
    const a = [[4, 1, 2], [2, 5, 1], [8, 1, 9]];
    const { lu, piv, info } = m.dgetrf(a);
    expect(info).toBe(0);
    expect(Array.from(piv)).toEqual([2, 1, 2]);
    const { x } = m.dgetrs(lu, piv, [[1], [2], [3]]);
    const want = m.dgesv(a, [[1], [2], [3]]).x;
    Array.from(x.data as Float64Array).forEach((v, i) => expect(v).toBeCloseTo(want.data[i], 12));
    expect(errorOf(() => m.dgetrs(lu, new Int32Array([0, 3, 2]), [[1], [2], [3]]))).toMatchObject({ name: 'RangeError' });
    expect(errorOf(() => m.dgetri(lu, new Int32Array([-1, 1, 2])))).toMatchObject({ name: 'RangeError' });
  });

  it('have Async twins with the same results', async () => {
    const a = [[3, 1], [1, 2]];
    const sync = m.zposv(a, [[1], [0]]);
    const later = await m.zposvAsync(a, [[1], [0]]);
    expect(Array.from(later.x.data)).toEqual(Array.from(sync.x.data));
    expect(await m.dlangeAsync('F', [[3, 4]])).toBe(5);
    expect((await m.dgetri_lworkAsync(4)).info).toBe(0);
    const band = [[0, 0, 0], [0, 0, 0], [0, 1, 1], [4, 4, 4], [1, 1, 0]]; // kl = ku = 1
    expect(Array.from((await m.dgbtrfAsync(band, 1, 1)).ipiv)).toEqual(Array.from(m.dgbtrf(band, 1, 1).ipiv));
  });

  it("refuse what SciPy's checks refuse", () => {
    const bad = [
      () => m.dgesv([[1, 2, 3], [4, 5, 6]], [[1], [2]]),
      () => m.dposv([[2, 0], [0, 2]], [[1], [1]], { lower: 2 }),
      () => m.dgetrs([[1, 0], [0, 1]], new Int32Array([0, 1]), [[1], [1]], { trans: 3 }),
      () => m.dgetri([[1, 0], [0, 1]], new Int32Array([0, 1]), { lwork: 1 }),
      () => m.dgbtrf([[1, 2], [3, 4]], 0, 0, { ldab: 3 }),
      () => m.zpbtrf([[4, 4], [1, 1]], { lower: 2 }),
      () => m.dsytrf([[1, 0], [0, 1]], { lwork: 1 }),
      () => m.chesv([[1, 0], [0, 1]], [[1], [2], [3]]),
      () => m.dsycon([[1, 0, 0], [0, 1, 0]], new Int32Array(2), 1),
      () => m.dpptrf(4, new Float64Array(9)),
      () => m.ztpttr(3, new Float64Array(14)),
      () => m.slarfg(0, 1, [1, 2]),
      () => m.dlarfg(3, 1, [1, 2], { incx: 0 }),
      // CHARACTER options SciPy checks (lange: norm; gttrs, tbtrs: trans, uplo, diag; RFP/packed: transr, uplo).
      () => m.dlange('X', [[1, 2]]),
      () => m.zlange('2', [[1, 2]]),
      () => m.dgttrs([1], [2, 2], [1], [], new Int32Array([1, 2]), [[1], [1]], { trans: 'X' }),
      () => m.ctbtrs([[1, 1]], [[1], [1]], { uplo: 'X' }),
      () => m.dtbtrs([[1, 1]], [[1], [1]], { diag: 'X' }),
      () => m.stpttr(2, [1, 2, 3], { uplo: 'X' }),
      () => m.dtrttp([[1, 0], [0, 1]], { uplo: 'X' }),
      () => m.dtrttf([[1, 0], [0, 1]], { transr: 'C' }),
      () => m.ztfttr(2, new Float64Array(6), { transr: 'T' }),
      () => m.dpftrf(2, [1, 2, 3], { uplo: 'X' }),
      () => m.dpftrs(2, [1, 2, 3], [[1], [1]], { transr: 'X' }),
    ];
    for (const f of bad) expect(errorOf(f)).toMatchObject({ name: 'RangeError', code: 'ERR_BRIDGEGEN_CHECK' });
    // gbtrs pivots are 0-based and checked; ab's rows are not 2*kl+ku+1; an lda larger than a's rows: shapes differ from the declared dimensions.
    expect(errorOf(() => m.dgbtrs([[0, 0], [4, 4], [1, 0]], 1, 0, [[1], [1]], new Int32Array([0, 2])))).toMatchObject({ name: 'RangeError' });
    expect(errorOf(() => m.dgbsv(1, 1, [[1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3]], [[1], [1], [1]]))).toMatchObject({ name: 'RangeError' });
    expect(errorOf(() => m.dtrtrs([[1, 0], [0, 1]], [[1], [1]], { lda: 3 }))).toMatchObject({ name: 'RangeError' });
  });
});
