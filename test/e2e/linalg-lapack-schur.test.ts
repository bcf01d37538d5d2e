// LAPACK Schur factorizations and selected eigenvalues against scipy.linalg.lapack: gees gges
// (s, d, c, z; fortran/linalg/lapack_schur.pyf.src) with a JS `select` callback, syevr syevx
// sygvd sygvx (s, d) and heevr heevx hegvd hegvx (c, z) with their _lwork queries
// (lapack_eig.pyf.src), whose defaults and extents compare the `range`/`jobz` characters, larf
// (lapack_solve.pyf.src), and the reorderings trsen tgsen (+ _lwork) tgexc (lapack_other.pyf.src).

import type { CallbackValue } from '../helpers/scipy';
import { randomArray, toJs } from '../helpers/scipy';
import {
  type Case, caseData, checkAgainstScipy, errorOf, ints, isComplex, loadLapack, matrix, PREFIXES, REAL, symmetric, vector,
} from './lapack-cases';

let m: Record<string, any>;

beforeAll(() => {
  m = loadLapack();
});

/** gees/gges's select in both SciPy and JS: eigenvalues in the left half plane. */
const LHP: CallbackValue = { callback: 'lhp' };

/** gees and gges: Schur forms, vectors and the count of selected eigenvalues (`work` is LAPACK's scratch). */
function schurCases(p: string, s: number): Case[] {
  const t = REAL[p]!;
  const a = randomArray(t, [4, 4], s + 1);
  const b = randomArray(t, [4, 4], s + 2);
  const skip = ['work'];
  return [
    { fn: `lapack.${p}gees`, args: [LHP, a], skip },
    { fn: `lapack.${p}gees`, args: [LHP, a], kwargs: { sort_t: 1 }, skip },
    { fn: `lapack.${p}gees`, args: [LHP, randomArray(t, [3, 3], s + 3)], kwargs: { compute_v: 0, sort_t: 1, lwork: 30 }, skip: ['work', 'vs'] },
    { fn: `lapack.${p}gges`, args: [LHP, a, b], skip },
    { fn: `lapack.${p}gges`, args: [LHP, a, b], kwargs: { sort_t: 1 }, skip },
    { fn: `lapack.${p}gges`, args: [LHP, a, b], kwargs: { jobvsl: 0, sort_t: 1 }, skip: ['work', 'vsl'] },
  ];
}

/** The symmetric/Hermitian expert drivers: all, by index (`range='I'`), by value (`range='V'`). */
function selectedCases(p: string, s: number): Case[] {
  const t = REAL[p]!;
  const h = symmetric(t, 4, s + 11, 0);
  const spd = symmetric(t, 4, s + 12);
  const cx = isComplex(p);
  const [evr, evx, gvd, gvx] = cx ? ['heevr', 'heevx', 'hegvd', 'hegvx'] : ['syevr', 'syevx', 'sygvd', 'sygvx'];
  // LAPACK's workspaces and the w entries past m are scratch in both (zero-filled the same way).
  const lworks = ['work', 'iwork', 'rwork'];
  return [
    { fn: `lapack.${p}${evr}`, args: [h] },
    { fn: `lapack.${p}${evr}`, args: [h], kwargs: { range: 'I', il: 2, iu: 3, lower: 1 } },
    { fn: `lapack.${p}${evr}`, args: [h], kwargs: { range: 'V', vl: -1, vu: 1 }, skip: ['w', 'z'] },
    { fn: `lapack.${p}${evr}`, args: [h], kwargs: { compute_v: 0 } },
    { fn: `lapack.${p}${evx}`, args: [h] },
    { fn: `lapack.${p}${evx}`, args: [h], kwargs: { range: 'I', il: 1, iu: 2, lwork: 64 } },
    { fn: `lapack.${p}${evx}`, args: [h], kwargs: { compute_v: 0, lower: 1 } },
    { fn: `lapack.${p}${evx}_lwork`, args: [5], kwargs: { lower: 1 }, skip: lworks },
    { fn: `lapack.${p}${gvd}`, args: [h, spd] },
    { fn: `lapack.${p}${gvd}`, args: [h, spd], kwargs: { itype: 2, uplo: 'U' } },
    { fn: `lapack.${p}${gvd}`, args: [h, spd], kwargs: { jobz: 'N' }, skip: ['v'] },
    { fn: `lapack.${p}${gvx}`, args: [h, spd] },
    { fn: `lapack.${p}${gvx}`, args: [h, spd], kwargs: { range: 'I', il: 2, iu: 4, uplo: 'U' } },
    { fn: `lapack.${p}${gvx}`, args: [h, spd], kwargs: { jobz: 'N', itype: 3 } },
    { fn: `lapack.${p}${gvx}_lwork`, args: [5], kwargs: { uplo: 'U' }, skip: lworks },
  ];
}

/** larf: H*C (side 'L') and C*H (side 'R'), v strided or not. */
function larfCases(p: string, s: number): Case[] {
  const t = REAL[p]!;
  const tau = isComplex(p) ? { re: 0.75, im: -0.25 } : 0.75;
  const c = randomArray(t, [4, 3], s + 21);
  return [
    { fn: `lapack.${p}larf`, args: [vector(t, 4, s + 22), tau, c, vector(t, 3, s + 23)] },
    { fn: `lapack.${p}larf`, args: [vector(t, 3, s + 24), tau, c, vector(t, 4, s + 25)], kwargs: { side: 'R' } },
    { fn: `lapack.${p}larf`, args: [vector(t, 7, s + 26), tau, c, vector(t, 3, s + 27)], kwargs: { incv: 2 } },
  ];
}

/**
 * Reordering Schur forms (lapack_other.pyf.src): trsen/tgsen move the selected eigenvalues first,
 * tgexc moves one; the Schur forms come from this module's gees/gges (checked above).
 */
function reorderCases(p: string, s: number): Case[] {
  const t = REAL[p]!;
  const cx = isComplex(p);
  const a = randomArray(t, [4, 4], s + 31);
  const b = randomArray(t, [4, 4], s + 32);
  const schur = m[`${p}gees`](() => false, toJs(a));
  const gen = m[`${p}gges`](() => false, toJs(a), toJs(b));
  const [ts, vs] = [caseData(t, schur.t), caseData(t, schur.vs)];
  const [aa, bb, q, z] = [caseData(t, gen.a), caseData(t, gen.b), caseData(t, gen.vsl), caseData(t, gen.vsr)];
  const select = ints([0, 1, 1, 0]);
  const eye = matrix(t, 4, 4, (i, j) => [i === j ? 1 : 0, 0]);
  const lworks = ['work', 'iwork'];
  // Real Schur forms may hold 2x2 blocks: ifst/ilst (1-based, as LAPACK's) name the first and last rows.
  const out: Case[] = [
    { fn: `lapack.${p}trsen`, args: [select, ts, vs], kwargs: { lwork: 64, ...(cx ? {} : { liwork: 64 }) } },
    { fn: `lapack.${p}trsen`, args: [select, ts, vs], kwargs: { job: 'N', wantq: 0 }, skip: ['qs'] },
    { fn: `lapack.${p}trsen`, args: [ints([1, 0, 0, 0]), ts, vs], kwargs: { job: 'E', lwork: 64, ...(cx ? {} : { liwork: 64 }) } },
    { fn: `lapack.${p}trsen_lwork`, args: [select, ts], skip: lworks },
    { fn: `lapack.${p}trsen_lwork`, args: [select, ts], kwargs: { job: 'N' }, skip: lworks },
    { fn: `lapack.${p}tgsen`, args: [select, aa, bb, q, z], kwargs: { lwork: 128, liwork: 64 } },
    { fn: `lapack.${p}tgsen`, args: [select, aa, bb, q, z], kwargs: { ijob: 0, wantq: 0, wantz: 0 }, skip: ['qs', 'zs'] },
    { fn: `lapack.${p}tgsen`, args: [ints([1, 0, 0, 0]), aa, bb, eye, eye], kwargs: { ijob: 2, lwork: 128, liwork: 64 } },
    { fn: `lapack.${p}tgsen_lwork`, args: cx ? [select, aa, bb] : [select, aa], skip: lworks },
    { fn: `lapack.${p}tgexc`, args: [aa, bb, q, z, 1, 4], skip: ['work'] },
    { fn: `lapack.${p}tgexc`, args: [aa, bb, eye, eye, 4, 1], kwargs: { wantq: 0, wantz: 0 }, skip: ['work', 'q', 'z'] },
  ];
  return out;
}

function cases(): Case[] {
  return PREFIXES.flatMap((p, k) => {
    const s = 500 + 40 * k;
    return [...schurCases(p, s), ...selectedCases(p, s), ...larfCases(p, s), ...reorderCases(p, s)];
  });
}

describe('scipy.linalg.lapack Schur factorizations, selected eigenvalues, larf', () => {
  it('match SciPy in all precisions, optional arguments and JS select callbacks included', () => {
    checkAgainstScipy(m, 'lapack_schur', cases());
  });

  it('call select with each eigenvalue and move the selected ones first (sdim counts them)', () => {
    const seen: number[][] = [];
    const r = m.dgees((wr: number, wi: number) => (seen.push([wr, wi]), wr < 0), [[-1, 0, 0], [0, 2, 0], [0, 0, -3]], { sort_t: 1 });
    expect(r.info).toBe(0);
    expect(r.sdim).toBe(2);
    expect(new Set(seen.map(([wr]) => wr))).toEqual(new Set([-1, 2, -3]));
    expect(Array.from(r.wr as Float64Array).slice(0, 2).sort((x, y) => x - y)).toEqual([-3, -1]);
    const z = m.zgees((w: { re: number; im: number }) => w.im > 0, [[{ re: 0, im: 1 }, 0], [0, { re: 0, im: -1 }]], { sort_t: 1 });
    expect([z.sdim, z.w[0], z.w[1]]).toEqual([1, 0, 1]);
  });

  it('have Async twins whose callbacks run on the JS thread', async () => {
    const a = [[1, 2], [-3, -4]];
    const sync = m.sgges((ar: number, _ai: number, b: number) => ar * b < 0, a, [[1, 0], [0, 1]], { sort_t: 1 });
    const later = await m.sggesAsync((ar: number, _ai: number, b: number) => ar * b < 0, a, [[1, 0], [0, 1]], { sort_t: 1 });
    expect(later.sdim).toBe(sync.sdim);
    expect(Array.from(later.alphar)).toEqual(Array.from(sync.alphar));
    const r = await m.dsyevrAsync([[2, 1], [1, 2]], { range: 'I', il: 2, iu: 2 });
    expect([r.m, r.w[0], r.z.shape]).toEqual([1, expect.closeTo(3, 12), [2, 1]]);
  });

  it("refuse what SciPy's checks refuse, CHARACTER options included", () => {
    const eye = [[1, 0], [0, 1]];
    const bad = [
      () => m.dgees(() => false, eye, { compute_v: 2 }),
      () => m.cgees(() => false, eye, { lwork: 3 }),
      () => m.dgges(() => false, eye, eye, { lwork: 10 }),
      () => m.dsyevr(eye, { range: 'X' }),
      () => m.dsyevr(eye, { range: 'i' }),
      () => m.zheevr(eye, { range: 'I', il: 2, iu: 1 }),
      () => m.ssyevx(eye, { vl: 1, vu: 0 }),
      () => m.dsygvd(eye, eye, { jobz: 'v' }),
      () => m.chegvd(eye, eye, { uplo: 'X' }),
      () => m.zhegvx(eye, eye, { range: 'B' }),
      () => m.dlarf([1, 0], 1, eye, [0, 0], { side: 'X' }),
      () => m.dlarf([1, 0], 1, eye, [0], {}),
    ];
    for (const f of bad) expect(errorOf(f)).toMatchObject({ name: 'RangeError', code: 'ERR_BRIDGEGEN_CHECK' });
  });
});
