// LAPACK SVD, QR and least squares (fortran/linalg/lapack_lsq.pyf.src) against scipy.linalg.lapack:
// gesdd gesvd geqrf orgqr ungqr ormqr gels gelsd gelss gelsy geqp3 gerqf orgrq ungrq gehrd orghr unghr
// geqrfp tzrzf gglse geqrt tpqrt gebal trsyl and their workspace queries; the Jacobi SVD gejsv (s, d).

import { randomArray } from '../helpers/scipy';
import { type Case, checkAgainstScipy, errorOf, ints, isComplex, loadLapack, matrix, PREFIXES, REAL, vector } from './lapack-cases';

let m: Record<string, any>;

beforeAll(() => {
  m = loadLapack();
});

function cases(): Case[] {
  const out: Case[] = [];
  PREFIXES.forEach((p, k) => {
    const t = REAL[p]!;
    const s = 200 + 10 * k;
    const tall = randomArray(t, [5, 3], s + 1);
    const wide = randomArray(t, [3, 5], s + 2);
    const sq = randomArray(t, [5, 5], s + 23);
    const upperWide = matrix(t, 3, 5, (i, j) => (i > j ? [0, 0] : [1 + i + 0.3 * j, isComplex(p) ? 0.1 * j : 0]));
    // Rows and columns of very different scales, and a zero to permute away: work for gebal.
    const graded = matrix(t, 4, 4, (i, j) => (i === 3 && j < 3 ? [0, 0] : [(i + 1) * 10 ** (j - i) * (1 + 0.1 * j), isComplex(p) ? 0.5 : 0]));
    const upper = (n: number, seed: number) => matrix(t, n, n, (i, j) => {
      const v = randomArray(t, [n, n], seed);
      const k = isComplex(p) ? 2 * (i + j * n) : i + j * n;
      return i > j ? [0, 0] : [v.data[k]! + (i === j ? 2 + i : 0), isComplex(p) ? v.data[k + 1]! : 0];
    });
    for (const f of ['gesdd', 'gesvd']) {
      out.push(
        { fn: `lapack.${p}${f}`, args: [tall] },
        { fn: `lapack.${p}${f}`, args: [wide], kwargs: { full_matrices: 0 } },
        { fn: `lapack.${p}${f}`, args: [tall], kwargs: { compute_uv: 0, lwork: 200 } },
        { fn: `lapack.${p}${f}_lwork`, args: [5, 3], kwargs: { full_matrices: 0 }, skip: ['work'] },
      );
    }
    const q = isComplex(p) ? 'ungqr' : 'orgqr';
    out.push(
      { fn: `lapack.${p}geqrf`, args: [tall], skip: ['work'] },
      { fn: `lapack.${p}geqrf`, args: [wide], kwargs: { lwork: 10 }, skip: ['work'] },
      { fn: `lapack.${p}geqrf_lwork`, args: [5, 3], skip: ['work'] },
      { fn: `lapack.${p}${q}`, args: [tall, vector(t, 3, s + 3)], skip: ['work'] },
      { fn: `lapack.${p}${q}`, args: [tall, vector(t, 2, s + 3)], kwargs: { lwork: 9 }, skip: ['work'] },
      { fn: `lapack.${p}gels`, args: [tall, randomArray(t, [5, 2], s + 4)] },
      { fn: `lapack.${p}gels`, args: [wide, randomArray(t, [5, 2], s + 5)], kwargs: { lwork: 32 } },
      { fn: `lapack.${p}gels`, args: [tall, randomArray(t, [5, 1], s + 6)], kwargs: { trans: isComplex(p) ? 'C' : 'T' } },
      { fn: `lapack.${p}gels_lwork`, args: [5, 3, 2], skip: ['work'] },
      // gelsd takes its workspace sizes (complex: lwork, size_rwork, size_iwork); b has max(m, n) rows.
      { fn: `lapack.${p}gelsd`, args: [tall, randomArray(t, [5, 2], s + 12), 1000, ...(isComplex(p) ? [1000] : []), 100] },
      { fn: `lapack.${p}gelsd`, args: [wide, randomArray(t, [5, 1], s + 13), 1000, ...(isComplex(p) ? [1000] : []), 100], kwargs: { cond: 0.1 } },
      { fn: `lapack.${p}gelsd_lwork`, args: [5, 3, 2], skip: ['work', 'iwork', 'rwork'] },
      { fn: `lapack.${p}gelss`, args: [tall, randomArray(t, [5, 2], s + 14)], skip: ['work'] },
      { fn: `lapack.${p}gelss`, args: [wide, randomArray(t, [5, 2], s + 15)], kwargs: { cond: 0.3, lwork: 64 }, skip: ['work'] },
      { fn: `lapack.${p}gelss_lwork`, args: [5, 3, 2], kwargs: { cond: 0.1 }, skip: ['work'] },
      { fn: `lapack.${p}gelsy`, args: [tall, randomArray(t, [5, 2], s + 16), ints([0, 0, 0]), 1e-3, 64] },
      { fn: `lapack.${p}gelsy`, args: [wide, randomArray(t, [5, 1], s + 17), ints([0, 1, 0, 0, 0]), 0.5, 64] },
      { fn: `lapack.${p}gelsy_lwork`, args: [5, 3, 2, 1e-3], skip: ['work'] },
      { fn: `lapack.${p}geqrfp`, args: [tall] },
      { fn: `lapack.${p}geqrfp`, args: [wide], kwargs: { lwork: 40 } },
      { fn: `lapack.${p}geqrfp_lwork`, args: [5, 3], skip: ['work'] },
      { fn: `lapack.${p}tzrzf`, args: [upperWide] },
      { fn: `lapack.${p}tzrzf`, args: [upperWide], kwargs: { lwork: 30 } },
      { fn: `lapack.${p}tzrzf_lwork`, args: [3, 5], skip: ['work'] },
      { fn: `lapack.${p}gglse`, args: [tall, randomArray(t, [2, 3], s + 24), vector(t, 5, s + 25), vector(t, 2, s + 26)] },
      { fn: `lapack.${p}gglse`, args: [tall, randomArray(t, [3, 3], s + 27), vector(t, 5, s + 25), vector(t, 3, s + 28)], kwargs: { lwork: 64 } },
      { fn: `lapack.${p}gglse_lwork`, args: [5, 3, 2], skip: ['work'] },
      { fn: `lapack.${p}geqrt`, args: [2, tall] },
      { fn: `lapack.${p}geqrt`, args: [3, wide] },
      { fn: `lapack.${p}tpqrt`, args: [0, 2, upper(3, s + 29), tall] },
      { fn: `lapack.${p}tpqrt`, args: [0, 3, upper(3, s + 29), randomArray(t, [2, 3], s + 30)] },
      // QR with pivoting, RQ, Hessenberg reduction, balancing, Sylvester equations.
      { fn: `lapack.${p}geqp3`, args: [tall], skip: ['work'] },
      { fn: `lapack.${p}geqp3`, args: [wide], kwargs: { lwork: 40 }, skip: ['work'] },
      { fn: `lapack.${p}gerqf`, args: [wide], skip: ['work'] },
      { fn: `lapack.${p}gerqf`, args: [tall], kwargs: { lwork: 40 }, skip: ['work'] },
      { fn: `lapack.${p}${isComplex(p) ? 'ungrq' : 'orgrq'}`, args: [wide, vector(t, 3, s + 18)], skip: ['work'] },
      { fn: `lapack.${p}${isComplex(p) ? 'ungrq' : 'orgrq'}`, args: [wide, vector(t, 2, s + 18)], kwargs: { lwork: 30 }, skip: ['work'] },
      { fn: `lapack.${p}gehrd`, args: [sq] },
      { fn: `lapack.${p}gehrd`, args: [sq], kwargs: { lo: 1, hi: 3, lwork: 30 } },
      { fn: `lapack.${p}gehrd_lwork`, args: [5], kwargs: { hi: 3 }, skip: ['work'] },
      { fn: `lapack.${p}${isComplex(p) ? 'unghr' : 'orghr'}`, args: [sq, vector(t, 4, s + 19)] },
      { fn: `lapack.${p}${isComplex(p) ? 'unghr' : 'orghr'}`, args: [sq, vector(t, 4, s + 19)], kwargs: { lo: 1, hi: 3 } },
      { fn: `lapack.${p}${isComplex(p) ? 'unghr' : 'orghr'}_lwork`, args: [5], skip: ['work'] },
      { fn: `lapack.${p}gebal`, args: [sq] },
      { fn: `lapack.${p}gebal`, args: [graded], kwargs: { scale: 1, permute: 1 } },
      { fn: `lapack.${p}gebal`, args: [graded], kwargs: { permute: 1 } },
      { fn: `lapack.${p}trsyl`, args: [upper(4, s + 20), upper(3, s + 21), randomArray(t, [4, 3], s + 22)] },
      { fn: `lapack.${p}trsyl`, args: [upper(4, s + 20), upper(3, s + 21), randomArray(t, [4, 3], s + 22)], kwargs: { trana: isComplex(p) ? 'C' : 'T', isgn: -1 } },
    );
    if (!isComplex(p)) {
      // The Jacobi SVD (lapack_other.pyf.src): m >= n; jobu/jobv 3 leave u/v out (0 by 0).
      const tall4 = randomArray(t, [6, 4], s + 31);
      out.push(
        { fn: `lapack.${p}gejsv`, args: [tall4] },
        { fn: `lapack.${p}gejsv`, args: [tall4], kwargs: { joba: 1, jobu: 1, jobv: 1, jobt: 0 } },
        { fn: `lapack.${p}gejsv`, args: [tall4], kwargs: { joba: 0, jobu: 3, jobv: 3, jobr: 0, jobp: 0, lwork: 200 } },
        { fn: `lapack.${p}gejsv`, args: [tall], kwargs: { joba: 3, jobu: 2, jobv: 0, jobt: 1 } },
      );
      out.push(
        { fn: `lapack.${p}ormqr`, args: ['L', 'N', tall, vector(t, 3, s + 7), randomArray(t, [5, 2], s + 8), 16], skip: ['work'] },
        { fn: `lapack.${p}ormqr`, args: ['R', 'T', randomArray(t, [2, 2], s + 9), vector(t, 2, s + 10), randomArray(t, [3, 2], s + 11), 16], skip: ['work'] },
      );
    }
  });
  return out;
}

describe('scipy.linalg.lapack SVD, QR and least squares', () => {
  it('match SciPy in all precisions, optional arguments included', () => {
    checkAgainstScipy(m, 'lapack_lsq', cases());
  });

  it('give singular values by hand, and u, vt shaped by compute_uv and full_matrices', () => {
    const r = m.dgesdd([[3, 0], [0, -2], [0, 0]]);
    expect(Array.from(r.s as Float64Array)).toEqual([3, 2]);
    expect([r.u.shape, r.vt.shape]).toEqual([[3, 3], [2, 2]]);
    expect(m.dgesvd([[3, 0], [0, -2], [0, 0]], { full_matrices: 0 }).u.shape).toEqual([3, 2]);
    expect(m.zgesvd([[1, 2, 3]], { compute_uv: 0 }).u.shape).toEqual([1, 1]);
  });

  it('have Async twins with the same results', async () => {
    const a = [[1, 2], [3, 4], [5, 7]];
    const sync = m.dgels(a, [[1], [2], [3]]);
    const later = await m.dgelsAsync(a, [[1], [2], [3]]);
    expect(Array.from(later.x.data)).toEqual(Array.from(sync.x.data));
    expect((await m.zgesdd_lworkAsync(4, 3)).info).toBe(0);
  });

  it("refuse what SciPy's checks refuse", () => {
    const bad = [
      () => m.dgesdd([[1, 0], [0, 1]], { compute_uv: 2 }),
      () => m.sgesvd([[1, 0], [0, 1]], { full_matrices: -1 }),
      () => m.dgeqrf([[1, 0, 0], [0, 1, 0]], { lwork: 2 }),
      () => m.dgels([[1, 0], [0, 1], [1, 1]], [[1], [2]]),
      () => m.dgels_lwork(-1, 2, 1),
      () => m.dgeqrf_lwork(0, 2),
      () => m.dgelsd([[1, 0], [0, 1]], [[1], [2]], 0, 10),
      () => m.zgelsy([[1, 0], [0, 1]], [[1], [2]], new Int32Array(2), 0.1, 3),
      () => m.sgelss([[1, 0], [0, 1], [1, 1]], [[1], [2]]),
      () => m.dgehrd([[1, 0], [0, 1]], { lwork: 1 }),
      () => m.dgebal([[1, 0, 0], [0, 1, 0]]),
      () => m.ztrsyl([[1]], [[1]], [[1]], { isgn: 2 }),
      () => m.dgeqp3([[1, 0, 0], [0, 1, 0]], { lwork: 2 }),
      () => m.dgejsv([[1, 0, 0], [0, 1, 0]]),
      // CHARACTER options SciPy checks (ormqr: side, trans; gels: trans; trsyl: trana, tranb).
      () => m.dormqr('X', 'N', [[1, 0], [0, 1]], [1, 1], [[1, 0], [0, 1]], 4),
      () => m.sormqr('L', 'C', [[1, 0], [0, 1]], [1, 1], [[1, 0], [0, 1]], 4),
      () => m.dgels([[1, 0], [0, 1]], [[1], [2]], { trans: 'C' }),
      () => m.zgels_lwork(2, 2, 1, { trans: 'T' }),
      () => m.dtrsyl([[1]], [[1]], [[1]], { tranb: 'X' }),
      () => m.sgejsv([[1, 0], [0, 1]], { joba: 6 }),
      () => m.dgejsv([[1, 0], [0, 1]], { jobu: 2, jobv: 1 }),
      () => m.dgejsv([[1, 0], [0, 1]], { lwork: 6 }),
    ];
    for (const f of bad) expect(errorOf(f)).toMatchObject({ name: 'RangeError', code: 'ERR_BRIDGEGEN_CHECK' });
  });
});
