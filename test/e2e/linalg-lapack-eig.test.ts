// LAPACK eigenvalue problems (fortran/linalg/lapack_eig.pyf.src) against scipy.linalg.lapack:
// syev syevd (s, d), heev heevd (c, z), geev ggev (s, d, c, z), their workspace queries and
// syevr_lwork/heevr_lwork.

import { randomArray } from '../helpers/scipy';
import { type Case, checkAgainstScipy, errorOf, isComplex, loadLapack, matrix, PREFIXES, REAL, symmetric } from './lapack-cases';

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
  });
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
      () => m.dsyev([[1, 0], [0, 1]], { compute_v: 2 }),
      () => m.dsyev([[1, 0], [0, 1]], { lwork: 4 }),
      () => m.zheevd([[1, 0], [0, 1]], { lwork: 2 }),
      () => m.dgeev([[1, 0], [0, 1]], { lwork: 7 }),
      () => m.cgeev([[1, 0], [0, 1]], { lwork: 3 }),
      () => m.dggev([[1, 0], [0, 1]], [[1, 0], [0, 1]], { lwork: 15 }),
      () => m.zggev([[1, 0], [0, 1]], [[1, 0, 0], [0, 1, 0]]),
    ];
    for (const f of bad) expect(errorOf(f)).toMatchObject({ name: 'RangeError', code: 'ERR_BRIDGEGEN_CHECK' });
  });
});
