// LAPACK expert drivers and equilibration (fortran/linalg/lapack_expert.pyf.src) against
// scipy.linalg.lapack: gesvx posvx gtsvx ptsvx sysvx hesvx (+ sysvx/hesvx _lwork), geequ geequb
// syequb heequb, in s/d/c/z; each driver from scratch (fact 'N'/'E', equilibration triggered by
// badly scaled rows) and from a given factorization (fact 'F', factored=1), made by this module's
// getrf/gttrf/pttrf/sytrf/hetrf (themselves checked in linalg-lapack-solve.test.ts).

import { type ArrayValue, answersByCase, expectCaseLikeScipy, jsArgs, randomArray, type ScipyCase } from '../helpers/scipy';
import {
  type Case, caseData, checkAgainstScipy, dominant, type Dtype, errorOf, ints, isComplex, loadLapack, matrix, PREFIXES, REAL, realOf, rtolOf,
  symmetric, vector,
} from './lapack-cases';

let m: Record<string, any>;

beforeAll(() => {
  m = loadLapack();
});

/** Rows scaled by 1, 1e4, 1e-3, 1e2...: gesvx/geequ equilibrate such a matrix (equed 'R' or 'B'). */
function badlyScaled(t: Dtype, n: number, seed: number): ArrayValue {
  const a = dominant(t, n, n, seed);
  const cx = t.startsWith('complex');
  const scale = [1, 1e4, 1e-3, 1e2, 1e-2];
  return matrix(t, n, n, (i, j) => {
    const k = i + j * n;
    const f = scale[i % scale.length]! * (j === 1 ? 1e3 : 1);
    return cx ? [a.data[2 * k]! * f, a.data[2 * k + 1]! * f] : [a.data[k]! * f, 0];
  });
}

/** Symmetric/Hermitian positive definite with diagonal entries of different magnitudes (posvx equilibrates: equed 'Y'). */
function gradedSpd(t: Dtype, n: number, seed: number): ArrayValue {
  const a = symmetric(t, n, seed);
  const d = [1, 1e3, 1e-2, 10];
  const cx = t.startsWith('complex');
  return matrix(t, n, n, (i, j) => {
    const k = i + j * n;
    const f = d[i % 4]! * d[j % 4]!;
    return cx ? [a.data[2 * k]! * f, a.data[2 * k + 1]! * f] : [a.data[k]! * f, 0];
  });
}

function cases(): Case[] {
  const out: Case[] = [];
  PREFIXES.forEach((p, k) => {
    const t = REAL[p]!;
    const s = 700 + 40 * k;
    const cx = isComplex(p);
    const tr = cx ? 'C' : 'T';
    const a = dominant(t, 4, 4, s + 1);
    const b = randomArray(t, [4, 2], s + 2);
    const scaled = badlyScaled(t, 4, s + 3);
    const spd = symmetric(t, 4, s + 4);
    const sym = symmetric(t, 4, s + 5, 0, false);
    // gesvx: fact 'E' (the default: equilibrates when needed), 'N', transposed (fact 'F': below).
    out.push(
      { fn: `lapack.${p}gesvx`, args: [a, b] },
      { fn: `lapack.${p}gesvx`, args: [scaled, b] },
      { fn: `lapack.${p}gesvx`, args: [scaled, b], kwargs: { fact: 'N', trans: tr } },
      { fn: `lapack.${p}gesvx`, args: [a, b], kwargs: { trans: 'T', overwrite_a: 1, overwrite_b: 1 } },
      { fn: `lapack.${p}posvx`, args: [spd, b] },
      { fn: `lapack.${p}posvx`, args: [gradedSpd(t, 4, s + 6), b], kwargs: { lower: 1 } },
      { fn: `lapack.${p}posvx`, args: [spd, b], kwargs: { fact: 'N' } },
      { fn: `lapack.${p}posvx`, args: [spd, b], kwargs: { fact: 'F', af: caseData(t, m[`${p}potrf`](jsArgs({ fn: '', args: [spd] })[0]).c), equed: 'N' } },
      { fn: `lapack.${p}sysvx`, args: [sym, b] },
      { fn: `lapack.${p}sysvx`, args: [sym, b], kwargs: { lower: 1, lwork: 64 } },
      { fn: `lapack.${p}sysvx_lwork`, args: [6], skip: ['work'] },
      { fn: `lapack.${p}sysvx_lwork`, args: [6], kwargs: { lower: 1 }, skip: ['work'] },
      { fn: `lapack.${p}geequ`, args: [scaled] },
      { fn: `lapack.${p}geequ`, args: [randomArray(t, [3, 5], s + 7)] },
      { fn: `lapack.${p}geequb`, args: [scaled] },
      { fn: `lapack.${p}geequb`, args: [randomArray(t, [5, 3], s + 8)] },
      { fn: `lapack.${p}syequb`, args: [gradedSpd(t, 4, s + 9)] },
      { fn: `lapack.${p}syequb`, args: [gradedSpd(t, 4, s + 9)], kwargs: { lower: 1 } },
    );
    // sysvx with factored=1: the Bunch-Kaufman factors and LAPACK's own (1-based) ipiv from sytrf.
    const f = m[`${p}sytrf`](jsArgs({ fn: '', args: [sym] })[0]);
    out.push({ fn: `lapack.${p}sysvx`, args: [sym, b], kwargs: { factored: 1, af: caseData(t, f.ldu), ipiv: ints(Array.from(f.ipiv as Int32Array)) } });
    // Tridiagonal: gtsvx and ptsvx, from scratch and from gttrf/pttrf's factors.
    const dl = vector(t, 4, s + 10);
    const d = vector(t, 5, s + 11, 4);
    const du = vector(t, 4, s + 12);
    const b5 = randomArray(t, [5, 2], s + 13);
    const g = m[`${p}gttrf`](...jsArgs({ fn: '', args: [dl, d, du] }));
    const given = { dlf: caseData(t, g.dl), df: caseData(t, g.d), duf: caseData(t, g.du), du2: caseData(t, g.du2), ipiv: ints(Array.from(g.ipiv as Int32Array)) };
    const pd = vector(realOf(p), 5, s + 14, 4);
    const pe = vector(t, 4, s + 15);
    const pf = m[`${p}pttrf`](...jsArgs({ fn: '', args: [pd, pe] }));
    out.push(
      { fn: `lapack.${p}gtsvx`, args: [dl, d, du, b5] },
      { fn: `lapack.${p}gtsvx`, args: [dl, d, du, b5], kwargs: { trans: tr } },
      { fn: `lapack.${p}gtsvx`, args: [dl, d, du, b5], kwargs: { fact: 'F', ...given } },
      { fn: `lapack.${p}ptsvx`, args: [pd, pe, b5] },
      { fn: `lapack.${p}ptsvx`, args: [pd, pe, b5], kwargs: { fact: 'F', df: caseData(realOf(p), pf.d), ef: caseData(t, pf.e) } },
    );
    if (cx) {
      const her = symmetric(t, 4, s + 16);
      const h = m[`${p}hetrf`](jsArgs({ fn: '', args: [her] })[0]);
      out.push(
        { fn: `lapack.${p}hesvx`, args: [her, b] },
        { fn: `lapack.${p}hesvx`, args: [her, b], kwargs: { lower: 1, lwork: 32 } },
        { fn: `lapack.${p}hesvx`, args: [her, b], kwargs: { factored: 1, af: caseData(t, h.ldu), ipiv: ints(Array.from(h.ipiv as Int32Array)) } },
        { fn: `lapack.${p}hesvx_lwork`, args: [6], skip: ['work'] },
        { fn: `lapack.${p}heequb`, args: [gradedSpd(t, 4, s + 17)] },
        { fn: `lapack.${p}heequb`, args: [gradedSpd(t, 4, s + 17)], kwargs: { lower: 1 } },
      );
    }
  });
  // A singular matrix: info = n + 1 (rcond below machine precision) or a zero pivot, returned.
  out.push({ fn: 'lapack.dgesvx', args: [matrix('float64', 3, 3, (i, j) => [(i + 1) * (j + 1), 0]), randomArray('float64', [3, 1], 90)], kwargs: { fact: 'N' }, skip: ['x', 'ferr', 'berr', 'rcond'] });
  return out;
}

/**
 * gesvx with fact='F': af and ipiv from getrf. bridgegen's ipiv is 0-based in and out (getrf's),
 * SciPy's is 0-based out but passed to LAPACK unchanged in, so SciPy is given ipiv + 1.
 */
function factoredGesvx(): { ours: Case; scipy: ScipyCase }[] {
  return PREFIXES.map((p, k) => {
    const t = REAL[p]!;
    const a = dominant(t, 4, 4, 900 + k);
    const b = randomArray(t, [4, 2], 910 + k);
    const f = m[`${p}getrf`](jsArgs({ fn: '', args: [a] })[0]);
    const piv = Array.from(f.piv as Int32Array);
    const kw = { fact: 'F', af: caseData(t, f.lu), equed: 'N' };
    return {
      ours: { fn: `lapack.${p}gesvx`, args: [a, b], kwargs: { ...kw, ipiv: ints(piv) } },
      scipy: { fn: `lapack.${p}gesvx`, args: [a, b], kwargs: { ...kw, ipiv: ints(piv.map((x) => x + 1)) } },
    };
  });
}

describe('scipy.linalg.lapack expert drivers and equilibration', () => {
  it('match SciPy in all four precisions, optional arguments and given factorizations included', () => {
    checkAgainstScipy(m, 'lapack_expert', cases());
  });

  it("gesvx takes a given factorization's pivots 0-based, as getrf returns them", () => {
    const pairs = factoredGesvx();
    const answers = answersByCase('lapack_expert_factored', pairs.map((x) => x.scipy));
    for (const { ours, scipy } of pairs) {
      const name = ours.fn.split('.')[1]!;
      expectCaseLikeScipy(() => m[name](...jsArgs(ours)), ours, answers.get(scipy)!, rtolOf(name[0]!));
    }
    expect(errorOf(() => m.dgesvx([[2, 0], [0, 2]], [[1], [1]], { fact: 'F', af: [[2, 0], [0, 2]], ipiv: new Int32Array([1, 2]) }))).toMatchObject({ name: 'RangeError' });
  });

  it('return the equilibration as a character (equed) and info > 0 instead of throwing', () => {
    const r = m.dgesvx([[1e6, 2e6], [3, 4]], [[1], [2]]);
    expect(['R', 'C', 'B', 'N']).toContain(r.equed);
    expect(r.info).toBe(0);
    const singular = m.dposvx([[1, 0], [0, -1]], [[1], [1]]);
    expect(singular.info).toBe(2);
  });

  it('have Async twins with the same results', async () => {
    const a = [[4, 1], [2, 5]];
    // ipiv left out: the `zerobased` in,out array is created (zero-filled on the worker) and its
    // indices are checked only when given.
    const sync = m.zgesvx(a, [[1], [2]]);
    const later = await m.zgesvxAsync(a, [[1], [2]]);
    expect(Array.from(later.x.data)).toEqual(Array.from(sync.x.data));
    expect(later.equed).toBe(sync.equed);
    expect((await m.dgeequAsync(a)).info).toBe(0);
    expect((await m.csysvx_lworkAsync(4)).info).toBe(0);
  });

  it("refuse what SciPy's checks refuse, CHARACTER options included", () => {
    const eye = [[1, 0], [0, 1]];
    const t = new Float64Array([1]);
    const d = new Float64Array([2, 2]);
    const bad = [
      () => m.dgesvx([[1, 2, 3], [4, 5, 6]], [[1], [2]]),
      () => m.dgtsvx(t, d, t, [[1], [1]], { fact: 'E' }),
      () => m.dgtsvx(t, d, t, [[1], [1]], { trans: 'X' }),
      () => m.sgtsvx(t, d, t, [[1]]),
      () => m.dptsvx(d, t, [[1]]),
      () => m.dsysvx(eye, [[1], [1]], { factored: 2 }),
      () => m.ssysvx(eye, [[1], [1]], { lwork: 2 }),
      () => m.zhesvx(eye, [[1], [1]], { lwork: 0 }),
      () => m.cposvx(eye, [[1], [1]], { lower: 3 }),
      () => m.dposvx(eye, [[1], [1], [1]]),
      () => m.dsyequb([[1, 2, 3], [4, 5, 6]]),
      () => m.zheequb(eye, { lower: -1 }),
    ];
    for (const f of bad) expect(errorOf(f)).toMatchObject({ name: 'RangeError', code: 'ERR_BRIDGEGEN_CHECK' });
  });
});
