// LAPACK eigenvalue problems (fortran/linalg/lapack_eig.pyf.src) against scipy.linalg.lapack:
// syev syevd (s, d), heev heevd (c, z), geev ggev (s, d, c, z), their workspace queries and
// syevr_lwork/heevr_lwork; stev sterf sbev sbevd sygv sytrd sygst stebz stein stemr (s, d), hbevd hegv
// hetrd hegst (c, z), pteqr trexc.

import { randomArray } from '../helpers/scipy';
import {
  type Case, checkAgainstScipy, type Dtype, errorOf, ints, isComplex, loadLapack, matrix, PREFIXES, REAL, realOf, symmetric, triangular,
  vector,
} from './lapack-cases';

let m: Record<string, any>;

beforeAll(() => {
  m = loadLapack();
});

function cases(): Case[] {
  const out: Case[] = [];
  PREFIXES.forEach((p, k) => {
    const t = REAL[p]!;
    const s = 100 + 10 * k;
    const h = symmetric(t, 4, s + 1, 0);
    const sym = p === 's' || p === 'd' ? ['syev', 'syevd'] : ['heev', 'heevd'];
    for (const f of sym) {
      out.push(
        { fn: `lapack.${p}${f}`, args: [h] },
        { fn: `lapack.${p}${f}`, args: [h], kwargs: { lower: 1 } },
        { fn: `lapack.${p}${f}`, args: [h], kwargs: { compute_v: 0 }, skip: ['v'] },
      );
    }
    out.push(
      { fn: `lapack.${p}${sym[0]}`, args: [h], kwargs: { lwork: 40 } },
      { fn: `lapack.${p}${sym[0]}_lwork`, args: [5], skip: ['work'] },
      { fn: `lapack.${p}${sym[1]}_lwork`, args: [5], kwargs: { compute_v: 0 }, skip: ['work', 'iwork', 'rwork'] },
      { fn: `lapack.${p}geev`, args: [randomArray(t, [4, 4], s + 2)] },
      { fn: `lapack.${p}geev`, args: [randomArray(t, [4, 4], s + 2)], kwargs: { compute_vl: 0 } },
      { fn: `lapack.${p}geev`, args: [randomArray(t, [3, 3], s + 3)], kwargs: { compute_vl: 0, compute_vr: 0, lwork: 64 } },
      { fn: `lapack.${p}geev_lwork`, args: [6], kwargs: { compute_vr: 0 }, skip: ['work'] },
      // ggev's work is LAPACK's scratch (its first element the optimal size): not compared.
      { fn: `lapack.${p}ggev`, args: [randomArray(t, [4, 4], s + 4), randomArray(t, [4, 4], s + 5)], skip: ['work'] },
      { fn: `lapack.${p}ggev`, args: [randomArray(t, [3, 3], s + 6), randomArray(t, [3, 3], s + 7)], kwargs: { compute_vl: 0, lwork: 40 }, skip: ['work'] },
      { fn: `lapack.${p}ggev`, args: [randomArray(t, [3, 3], s + 8), randomArray(t, [3, 3], s + 9)], kwargs: { compute_vl: 0, compute_vr: 0 }, skip: ['work'] },
      { fn: `lapack.${p}${isComplex(p) ? 'heevr' : 'syevr'}_lwork`, args: [5], kwargs: { lower: 1 }, skip: ['work', 'iwork', 'rwork'] },
    );
    out.push(...moreCases(p, t, s));
  });
  return out;
}

/** Tridiagonal, band, generalized symmetric problems and reductions (second round). */
function moreCases(p: string, t: Dtype, s: number): Case[] {
  const cx = isComplex(p);
  const r = realOf(p);
  const im = (v: number): number => (cx ? v : 0);
  // Band storage, kd = 2: upper has the (real) diagonal in row kd, lower in row 0.
  const bandU = matrix(t, 3, 5, (i, j) => (i === 2 ? [3 + j, 0] : [0.4 * (i + 1) - 0.1 * j, im(0.2)]));
  const bandL = matrix(t, 3, 5, (i, j) => (i === 0 ? [3 + j, 0] : [0.4 * i - 0.1 * j, im(-0.2)]));
  const sym = symmetric(t, 4, s + 31, 0);
  const spd = symmetric(t, 4, s + 32);
  const eye = matrix(t, 4, 4, (i, j) => [i === j ? 1 : 0, 0]);
  const chol = triangular(t, 4, s + 37);
  const cholL = triangular(t, 4, s + 37, true);
  const d5 = vector(r, 5, s + 38, 3);
  const e4 = vector(r, 4, s + 39);
  // stein's w, iblock, isplit are stebz's (all eigenvalues, by block).
  const steinArgs = () => {
    const z = m[`${p}stebz`](d5, e4, 0, 0, 1, 1, 1, 0, 'B');
    return [{ dtype: r, shape: [z.m], data: Array.from(z.w as ArrayLike<number>).slice(0, z.m) }, ints(Array.from(z.iblock)), ints(Array.from(z.isplit))];
  };
  const tri = matrix(t, 4, 4, (i, j) => (i > j ? [0, 0] : [i === j ? i + 1 : 0.5 - 0.25 * j, im(0.1 * (i + j))]));
  const out: Case[] = [
    { fn: `lapack.${p}pteqr`, args: [vector(r, 4, s + 33, 4), vector(r, 3, s + 34), eye], kwargs: { compute_z: 2 } },
    { fn: `lapack.${p}pteqr`, args: [vector(r, 4, s + 33, 4), vector(r, 3, s + 34), eye], kwargs: { compute_z: 1 } },
    { fn: `lapack.${p}pteqr`, args: [vector(r, 4, s + 33, 4), vector(r, 3, s + 34), eye] },
  ];
  if (!cx) {
    out.push(
      { fn: `lapack.${p}stev`, args: [vector(t, 5, s + 35), vector(t, 4, s + 36)] },
      { fn: `lapack.${p}stev`, args: [vector(t, 5, s + 35), vector(t, 4, s + 36)], kwargs: { compute_v: 0 }, skip: ['z'] },
      { fn: `lapack.${p}sterf`, args: [vector(t, 5, s + 35), vector(t, 4, s + 36)] },
      { fn: `lapack.${p}sbev`, args: [bandU] },
      { fn: `lapack.${p}sbev`, args: [bandL], kwargs: { lower: 1, compute_v: 0 }, skip: ['z'] },
      { fn: `lapack.${p}sbevd`, args: [bandU] },
      { fn: `lapack.${p}sbevd`, args: [bandL], kwargs: { lower: 1, liwork: 40 } },
      { fn: `lapack.${p}sygv`, args: [sym, spd] },
      { fn: `lapack.${p}sygv`, args: [sym, spd], kwargs: { itype: 2, uplo: 'U', lwork: 40 } },
      { fn: `lapack.${p}sygv`, args: [sym, spd], kwargs: { jobz: 'N' }, skip: ['v'] },
      { fn: `lapack.${p}sygv_lwork`, args: [5], kwargs: { uplo: 'U' }, skip: ['work'] },
      { fn: `lapack.${p}sytrd`, args: [sym] },
      { fn: `lapack.${p}sytrd`, args: [sym], kwargs: { lower: 1, lwork: 40 } },
      { fn: `lapack.${p}sytrd_lwork`, args: [5], skip: ['work'] },
      { fn: `lapack.${p}sygst`, args: [sym, chol] },
      { fn: `lapack.${p}sygst`, args: [sym, cholL], kwargs: { itype: 2, lower: 1 } },
      // stebz: isplit holds nsplit entries, the rest is never written (garbage in SciPy's array).
      { fn: `lapack.${p}stebz`, args: [d5, e4, 0, 0, 1, 1, 1, 0, 'E'], skip: ['isplit'] },
      { fn: `lapack.${p}stebz`, args: [d5, e4, 2, 0, 1, 1, 5, 0, 'B'], skip: ['isplit'] },
      { fn: `lapack.${p}stein`, args: [d5, e4, ...steinArgs()] },
      { fn: `lapack.${p}stemr`, args: [d5, { ...e4, shape: [5], data: [...e4.data, 0] }, 0, 0, 1, 1, 1] },
      { fn: `lapack.${p}stemr`, args: [d5, { ...e4, shape: [5], data: [...e4.data, 0] }, 2, 0, 1, 1, 5], kwargs: { compute_v: 0, lwork: 100 }, skip: ['z'] },
    );
  } else {
    out.push(
      { fn: `lapack.${p}hbevd`, args: [bandU] },
      { fn: `lapack.${p}hbevd`, args: [bandL], kwargs: { lower: 1, compute_v: 0 }, skip: ['z'] },
      { fn: `lapack.${p}hegv`, args: [sym, spd] },
      { fn: `lapack.${p}hegv`, args: [sym, spd], kwargs: { itype: 3, uplo: 'U' } },
      { fn: `lapack.${p}hegv_lwork`, args: [5], skip: ['work'] },
      { fn: `lapack.${p}hetrd`, args: [sym] },
      { fn: `lapack.${p}hetrd`, args: [sym], kwargs: { lower: 1 } },
      { fn: `lapack.${p}hetrd_lwork`, args: [5], kwargs: { lower: 1 }, skip: ['work'] },
      { fn: `lapack.${p}hegst`, args: [sym, chol] },
      { fn: `lapack.${p}hegst`, args: [sym, cholL], kwargs: { itype: 3, lower: 1 } },
    );
  }
  return out;
}

describe('scipy.linalg.lapack eigenvalue problems', () => {
  it('match SciPy in all precisions, optional arguments included', () => {
    checkAgainstScipy(m, 'lapack_eig', cases());
  });

  it('compute real eigenpairs of a symmetric matrix by hand, and a rotation\'s complex ones', () => {
    const { w, v, info } = m.dsyev([[2, 1], [1, 2]]);
    expect([info, ...Array.from(w as Float64Array)]).toEqual([0, 1, 3].map((x) => expect.closeTo(x, 12)));
    expect(v.shape).toEqual([2, 2]);
    const r = m.dgeev([[0, -1], [1, 0]], { compute_vl: 0, compute_vr: 0 });
    expect(Array.from(r.wr as Float64Array)).toEqual([0, 0]);
    expect(Array.from(r.wi as Float64Array).sort()).toEqual([-1, 1]);
    expect(r.vl.shape).toEqual([1, 2]);
  });

  it('have Async twins with the same results', async () => {
    const a = matrix('complex128', 3, 3, (i, j) => [i === j ? 3 : 0.5, i < j ? 0.25 : i > j ? -0.25 : 0]);
    const arg = { data: Float64Array.from(a.data), shape: [3, 3], order: 'column-major' };
    const sync = m.zheevd(arg);
    const later = await m.zheevdAsync(arg);
    expect(Array.from(later.w)).toEqual(Array.from(sync.w));
    expect((await m.dsyev_lworkAsync(8)).info).toBe(0);
    const g = m.dggev([[1, 2], [3, 4]], [[2, 0], [0, 1]]);
    expect(Array.from((await m.dggevAsync([[1, 2], [3, 4]], [[2, 0], [0, 1]])).alphar)).toEqual(Array.from(g.alphar));
  });

  it("refuse what SciPy's checks refuse", () => {
    const bad = [
      () => m.dsyev([[1, 2, 3], [4, 5, 6]]),
      // CHARACTER options SciPy checks (sygv/hegv: jobz, uplo).
      () => m.dsygv([[1, 0], [0, 1]], [[1, 0], [0, 1]], { jobz: 'X' }),
      () => m.zhegv([[1, 0], [0, 1]], [[1, 0], [0, 1]], { uplo: 'u' }),
      () => m.ssygv_lwork(2, { uplo: 'X' }),
      () => m.dsyev([[1, 0], [0, 1]], { compute_v: 2 }),
      () => m.dsyev([[1, 0], [0, 1]], { lwork: 4 }),
      () => m.zheevd([[1, 0], [0, 1]], { lwork: 2 }),
      () => m.dgeev([[1, 0], [0, 1]], { lwork: 7 }),
      () => m.cgeev([[1, 0], [0, 1]], { lwork: 3 }),
      () => m.dggev([[1, 0], [0, 1]], [[1, 0], [0, 1]], { lwork: 15 }),
      () => m.zggev([[1, 0], [0, 1]], [[1, 0, 0], [0, 1, 0]]),
      () => m.dstev([], []),
      () => m.zpteqr([4, 4], [1], [[1, 0], [0, 1]], { compute_z: 3 }),
      () => m.dsbevd([[1, 1], [4, 4]], { liwork: 2 }),
      () => m.ssygv([[1, 0], [0, 1]], [[1, 0, 0], [0, 1, 0], [0, 0, 1]]),
    ];
    for (const f of bad) expect(errorOf(f)).toMatchObject({ name: 'RangeError', code: 'ERR_BRIDGEGEN_CHECK' });
  });
});
