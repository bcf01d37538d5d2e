// Other LAPACK routines (fortran/linalg/lapack_other.pyf.src) against scipy.linalg.lapack: unmqr
// gemqrt tpmqrt ormrz/unmrz (+ _lwork), sytf2 laswp lamch lasd4 tfsm sfrk/hfrk rot (c, z) ilaver,
// sbevx hbevx stemr_lwork, orcsd/uncsd (+ _lwork), in every precision SciPy has them. (trsen tgsen tgexc:
// linalg-lapack-schur.test.ts; gejsv: linalg-lapack-lsq.test.ts.) Factorizations the routines
// take (geqrf, geqrt, tpqrt, tzrzf, trttf) come from this module, checked in their own suites.

import { type ArrayValue, jsArgs, randomArray } from '../helpers/scipy';
import {
  type Case, caseData, checkAgainstScipy, type Dtype, errorOf, ints, isComplex, loadLapack, matrix, PREFIXES, REAL, symmetric,
  triangular, vector,
} from './lapack-cases';

let m: Record<string, any>;

beforeAll(() => {
  m = loadLapack();
});

/** Calls this module's routine on case values. */
const call = (name: string, ...args: ArrayValue[] | any[]): any => m[name](...jsArgs({ fn: '', args }));

/** Multiplying by Q from QR (geqrf, geqrt, tpqrt) and RZ (tzrzf) factorizations. */
function qCases(p: string, t: Dtype, s: number): Case[] {
  const cx = isComplex(p);
  const tr = cx ? 'C' : 'T';
  const tall = randomArray(t, [5, 3], s + 1);
  const out: Case[] = [];
  if (cx) {
    const f = call(`${p}geqrf`, tall);
    const [qr, tau] = [caseData(t, f.qr), caseData(t, f.tau)];
    out.push(
      { fn: `lapack.${p}unmqr`, args: ['L', 'N', qr, tau, randomArray(t, [5, 2], s + 2), 64], skip: ['work'] },
      { fn: `lapack.${p}unmqr`, args: ['R', 'C', qr, tau, randomArray(t, [2, 5], s + 3), 64], skip: ['work'] },
    );
  }
  const g = call(`${p}geqrt`, 2, tall);
  const [v, tt] = [caseData(t, g.a), caseData(t, g.t)];
  out.push(
    { fn: `lapack.${p}gemqrt`, args: [v, tt, randomArray(t, [5, 2], s + 4)] },
    { fn: `lapack.${p}gemqrt`, args: [v, tt, randomArray(t, [2, 5], s + 5)], kwargs: { side: 'R', trans: tr } },
  );
  // tpqrt of [A; B] with A 3x3 upper triangular, B 5x3 (l = 0): V is B's result, k = 3.
  const upper = triangular(t, 3, s + 6);
  const tp = call(`${p}tpqrt`, 0, 2, upper, tall);
  const [tv, tpt] = [caseData(t, tp.b), caseData(t, tp.t)];
  out.push(
    { fn: `lapack.${p}tpmqrt`, args: [0, tv, tpt, randomArray(t, [3, 2], s + 7), randomArray(t, [5, 2], s + 8)] },
    { fn: `lapack.${p}tpmqrt`, args: [0, tv, tpt, randomArray(t, [2, 3], s + 9), randomArray(t, [2, 5], s + 10)], kwargs: { side: 'R', trans: tr } },
  );
  // tzrzf of an upper trapezoidal 3x5: A = (R 0) Z; ormrz/unmrz multiply by Z.
  const trap = matrix(t, 3, 5, (i, j) => (i > j ? [0, 0] : [1 + i + 0.3 * j, cx ? 0.1 * j : 0]));
  const z = call(`${p}tzrzf`, trap);
  const [rz, ztau] = [caseData(t, z.rz), caseData(t, z.tau)];
  const mrz = `${p}${cx ? 'unmrz' : 'ormrz'}`;
  out.push(
    { fn: `lapack.${mrz}`, args: [rz, ztau, randomArray(t, [5, 2], s + 11)] },
    { fn: `lapack.${mrz}`, args: [rz, ztau, randomArray(t, [2, 5], s + 12)], kwargs: { side: 'R', trans: tr, lwork: 8 } },
    { fn: `lapack.${mrz}_lwork`, args: [5, 2], skip: ['work'] },
    { fn: `lapack.${mrz}_lwork`, args: [2, 5], kwargs: { side: 'R', trans: tr }, skip: ['work'] },
  );
  return out;
}

/** Factorizations, row swaps, RFP level 3 operations, plane rotations, band eigenvalues. */
function moreCases(p: string, t: Dtype, s: number): Case[] {
  const cx = isComplex(p);
  const tr = cx ? 'C' : 'T';
  const a = randomArray(t, [4, 3], s + 21);
  const sym = symmetric(t, 4, s + 22, 0, false);
  // RFP forms of a triangular matrix (trttf, checked in linalg-lapack-solve.test.ts).
  const tri = triangular(t, 3, s + 23);
  const rfp = caseData(t, call(`${p}trttf`, tri).arf);
  const rfpL = caseData(t, call(`${p}trttf`, triangular(t, 3, s + 24, true), { transr: tr, uplo: 'L' }).arf);
  const spd = symmetric(t, 3, s + 25);
  const cRfp = caseData(t, call(`${p}trttf`, spd).arf);
  const frk = `${p}${cx ? 'hfrk' : 'sfrk'}`;
  const out: Case[] = [
    { fn: `lapack.${p}sytf2`, args: [sym] },
    { fn: `lapack.${p}sytf2`, args: [sym], kwargs: { lower: 1 } },
    { fn: `lapack.${p}laswp`, args: [a, ints([2, 3, 3])] },
    { fn: `lapack.${p}laswp`, args: [a, ints([1, 0, 3, 2])], kwargs: { k1: 1, k2: 2, off: 1 } },
    { fn: `lapack.${p}laswp`, args: [a, ints([3, 2, 1])], kwargs: { inc: -1 } },
    { fn: `lapack.${p}tfsm`, args: [cx ? { re: 2, im: 0.5 } : 2, rfp, randomArray(t, [3, 2], s + 26)] },
    { fn: `lapack.${p}tfsm`, args: [1, rfpL, randomArray(t, [2, 3], s + 27)], kwargs: { transr: tr, side: 'R', uplo: 'L', trans: tr, diag: 'U' } },
    { fn: `lapack.${frk}`, args: [3, 2, 1.5, randomArray(t, [3, 2], s + 28), 0.5, cRfp] },
    { fn: `lapack.${frk}`, args: [3, 4, -1, randomArray(t, [4, 3], s + 29), 2, cRfp], kwargs: { trans: tr } },
  ];
  // Band Hermitian/symmetric, kd = 2, upper storage: the (real) diagonal in the last row.
  const band = matrix(t, 3, 5, (i, j) => (i === 2 ? [6 + j, 0] : [0.3 * (i + 1) - 0.1 * j, cx ? 0.2 : 0]));
  const bandL = matrix(t, 3, 5, (i, j) => (i === 0 ? [6 + j, 0] : [0.3 * i - 0.1 * j, cx ? -0.2 : 0]));
  const bevx = `${p}${cx ? 'hbevx' : 'sbevx'}`;
  out.push(
    { fn: `lapack.${bevx}`, args: [band, 0, 0, 1, 5] },
    { fn: `lapack.${bevx}`, args: [band, 0, 0, 2, 4], kwargs: { range: 2 } },
    { fn: `lapack.${bevx}`, args: [bandL, 5, 8, 1, 5], kwargs: { range: 1, lower: 1, mmax: 5 }, skip: ['w', 'z'] },
    { fn: `lapack.${bevx}`, args: [band, 0, 0, 1, 5], kwargs: { compute_v: 0 }, skip: ['z'] },
  );
  if (cx) {
    const x = vector(t, 5, s + 30);
    const y = vector(t, 5, s + 31);
    out.push(
      { fn: `lapack.${p}rot`, args: [x, y, 0.6, { re: 0.8, im: 0 }] },
      { fn: `lapack.${p}rot`, args: [x, y, 0.8, { re: 0.36, im: 0.48 }], kwargs: { n: 2, offx: 1, incx: 2, offy: 0, incy: -2 } },
    );
  } else {
    const d = vector(t, 5, s + 32, 3);
    const e = vector(t, 5, s + 33);
    // lasd4's d: increasing, nonnegative.
    const sorted: ArrayValue = { dtype: t, shape: [4], data: [0.5, 1, 2, 3.5] };
    out.push(
      ...['E', 'S', 'B', 'P', 'N', 'R', 'M', 'U', 'L', 'O'].map((c): Case => ({ fn: `lapack.${p}lamch`, args: [c] })),
      { fn: `lapack.${p}lasd4`, args: [0, sorted, vector(t, 4, s + 34, 1)] },
      { fn: `lapack.${p}lasd4`, args: [3, sorted, vector(t, 4, s + 34, 1)], kwargs: { rho: 2 } },
      { fn: `lapack.${p}stemr_lwork`, args: [d, e, 0, 0, 0, 0, 0] },
      { fn: `lapack.${p}stemr_lwork`, args: [d, e, 2, 0, 0, 1, 3], kwargs: { compute_v: 0 } },
    );
  }
  return out;
}

/** Rows [r0, r1) and columns [c0, c1) of a column-major matrix. */
function block(a: ArrayValue, r0: number, r1: number, c0: number, c1: number): ArrayValue {
  const w = a.dtype.startsWith('complex') ? 2 : 1;
  const rows = a.shape[0]!;
  const out: number[] = [];
  for (let j = c0; j < c1; j++) for (let i = r0; i < r1; i++) out.push(...a.data.slice(w * (i + j * rows), w * (i + j * rows) + w));
  return { dtype: a.dtype, shape: [r1 - r0, c1 - c0], data: out };
}

/** The CS decomposition of an orthogonal/unitary 5x5 matrix (orgqr/ungqr of a QR), partitioned p, q. */
function csdCases(p: string, t: Dtype, s: number): Case[] {
  const cx = isComplex(p);
  const f = call(`${p}geqrf`, randomArray(t, [5, 5], s + 40));
  const x = caseData(t, m[`${p}${cx ? 'ungqr' : 'orgqr'}`](f.qr, f.tau).q);
  const parts = (pp: number, q: number): ArrayValue[] => [block(x, 0, pp, 0, q), block(x, 0, pp, q, 5), block(x, pp, 5, 0, q), block(x, pp, 5, q, 5)];
  const csd = `${p}${cx ? 'uncsd' : 'orcsd'}`;
  return [
    { fn: `lapack.${csd}`, args: parts(2, 3) },
    { fn: `lapack.${csd}`, args: parts(3, 2), kwargs: { compute_u2: 0, compute_v1t: 0, signs: 1 } },
    { fn: `lapack.${csd}`, args: parts(2, 2), kwargs: { compute_u1: 0, compute_v2t: 0, lwork: 200, ...(cx ? { lrwork: 200 } : {}) } },
    { fn: `lapack.${csd}_lwork`, args: [5, 2, 3], skip: ['work', 'rwork'] },
  ];
}

function cases(): Case[] {
  const out = PREFIXES.flatMap((p, k) => {
    const t = REAL[p]!;
    const s = 1000 + 50 * k;
    return [...qCases(p, t, s), ...moreCases(p, t, s), ...csdCases(p, t, s)];
  });
  out.push({ fn: 'lapack.ilaver', args: [] });
  // sytf2 of a singular matrix: info > 0 returned.
  out.push({ fn: 'lapack.dsytf2', args: [matrix('float64', 2, 2, () => [0, 0])] });
  return out;
}

describe('scipy.linalg.lapack other routines', () => {
  it('match SciPy in all precisions SciPy has, optional arguments included', () => {
    checkAgainstScipy(m, 'lapack_other', cases());
  });

  it('laswp takes 0-based pivots, as SciPy, and refuses rows a does not have', () => {
    const r = m.dlaswp([[1], [2], [3]], new Int32Array([2, 2, 2]));
    expect(Array.from(r.data)).toEqual([3, 1, 2]);
    expect(errorOf(() => m.dlaswp([[1], [2]], new Int32Array([2, 0])))).toMatchObject({ name: 'RangeError' });
  });

  it('have Async twins with the same results', async () => {
    expect(await m.dlamchAsync('E')).toBe(m.dlamch('E'));
    const sync = m.zrot(new Float64Array([1, 0, 2, 0]), new Float64Array([3, 0, 4, 0]), 0.6, { re: 0.8, im: 0 });
    const later = await m.zrotAsync(new Float64Array([1, 0, 2, 0]), new Float64Array([3, 0, 4, 0]), 0.6, { re: 0.8, im: 0 });
    expect(Array.from(later.y)).toEqual(Array.from(sync.y));
    expect((await m.ilaverAsync()).major).toBe(3);
  });

  it("refuse what SciPy's checks refuse, CHARACTER options included", () => {
    const eye = [[1, 0], [0, 1]];
    const t = new Float64Array([1, 0, 1]);
    const bad = [
      () => m.zunmqr('X', 'N', eye, new Float64Array(4), eye, 4),
      () => m.cunmqr('L', 'T', eye, new Float32Array(4), eye, 4),
      () => m.dgemqrt(eye, [[1, 0]], eye, { side: 'X' }),
      () => m.zgemqrt(eye, [[1, 0]], eye, { trans: 'T' }),
      () => m.dtpmqrt(3, eye, [[1, 0]], eye, eye),
      () => m.dormrz([[1, 0, 0], [0, 1, 0]], [1, 1], eye),
      () => m.dormrz([[1, 0], [0, 1]], [1, 1], eye, { lwork: 1 }),
      () => m.sormrz_lwork(2, 2, { trans: 'C' }),
      () => m.dsytf2(eye, { lower: 2 }),
      () => m.dlaswp(eye, new Int32Array([0, 1]), { k2: 2 }),
      () => m.dlaswp(eye, new Int32Array([0, 1]), { inc: 0 }),
      () => m.dlaswp([[1], [2], [3]], new Int32Array([0, 1, 1]), { inc: 2, k2: 2 }), // bridgegen's check: piv[0 + 2*2] is past the end
      () => m.dlasd4(3, [1, 2, 3], [1, 1, 1]),
      () => m.dtfsm(1, t, [[1, 2], [1, 2], [1, 2]]),
      () => m.stfsm(1, t, eye, { uplo: 'X' }),
      () => m.dsfrk(2, 2, 1, eye, 0, t, { trans: 'X' }),
      () => m.zhfrk(2, 1, 1, eye, 0, new Float64Array(6)),
      () => m.zrot(new Float64Array(4), new Float64Array(4), 1, 0, { incx: 0 }),
      () => m.crot(new Float32Array(4), new Float32Array(2), 1, 0, { n: 2 }),
      () => m.dsbevx([[0, 1], [2, 2]], 0, 0, 1, 3),
      () => m.zhbevx([[0, 1], [2, 2]], 0, 0, 1, 2, { range: 3 }),
      () => m.dstemr_lwork(new Float64Array(0), new Float64Array(0), 0, 0, 0, 0, 0),
      () => m.dorcsd([[1]], [[0]], [[0]], [[1]], { signs: 2 }),
      () => m.zuncsd([[1, 0]], [[0]], [[0, 0]], [[1]]),
    ];
    bad.forEach((f, i) => expect({ i, ...errorOf(f) }).toMatchObject({ i, name: 'RangeError', code: 'ERR_BRIDGEGEN_CHECK' }));
  });
});
