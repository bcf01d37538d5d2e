// LAPACK linear systems (fortran/linalg/lapack_solve.pyf.src) against scipy.linalg.lapack:
// gesv getrf getrs getri gecon posv potrf potrs potri sysv trtrs trtri lange gbsv gtsv ptsv and
// the getri/sysv workspace queries, in s/d/c/z; info > 0 is returned, not thrown; pivots 0-based
// as SciPy's.

import { randomArray } from '../helpers/scipy';
import {
  buildLapack, type Case, checkAgainstScipy, dominant, errorOf, ints, isComplex, matrix, PREFIXES, REAL, realOf,
  symmetric, triangular, vector,
} from './lapack-cases';

let m: Record<string, any>;

beforeAll(async () => {
  m = await buildLapack('lapack_solve', ['lapack_solve.pyf.src']);
}, 300_000);

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
    );
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
  });

  it("refuse what SciPy's checks refuse", () => {
    const bad = [
      () => m.dgesv([[1, 2, 3], [4, 5, 6]], [[1], [2]]),
      () => m.dposv([[2, 0], [0, 2]], [[1], [1]], { lower: 2 }),
      () => m.dgetrs([[1, 0], [0, 1]], new Int32Array([0, 1]), [[1], [1]], { trans: 3 }),
      () => m.dgetri([[1, 0], [0, 1]], new Int32Array([0, 1]), { lwork: 1 }),
    ];
    for (const f of bad) expect(errorOf(f)).toMatchObject({ name: 'RangeError', code: 'ERR_BRIDGEGEN_CHECK' });
    // ab's rows are not 2*kl+ku+1; an lda larger than a's rows: shapes differ from the declared dimensions.
    expect(errorOf(() => m.dgbsv(1, 1, [[1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3]], [[1], [1], [1]]))).toMatchObject({ name: 'RangeError' });
    expect(errorOf(() => m.dtrtrs([[1, 0], [0, 1]], [[1], [1]], { lda: 3 }))).toMatchObject({ name: 'RangeError' });
  });
});
