// Level 1 BLAS as scipy.linalg.blas has it (fortran/linalg/blas_l1.pyf.src), built on its own
// over -l openblas and compared with SciPy (test/helpers/scipy.ts; answers kept in
// test/fixtures/linalg/blas1.json): every routine in every precision, the optional offsets,
// increments (negative too), n, SciPy's in-place/copy rules for each output, the checks SciPy
// makes (same condition, same order), and the Async twins.
// All 48: i?amax return SciPy's 0-based index (a `zerobased` result), caxpy/zaxpy default
// a = 1.0 (a complex default from a real value).

import { buildModule, ROOT } from '../helpers/build';
import * as path from 'node:path';
import { type ArrayValue, expectLikeScipy, jsArgs, randomArray, type ScipyAnswer, type ScipyCase, scipyAnswers, type Value } from '../helpers/scipy';

type Dtype = ArrayValue['dtype'];
type Precisions = readonly (readonly [string, Dtype])[];
const REAL: Precisions = [['s', 'float32'], ['d', 'float64']];
const COMPLEX: Precisions = [['c', 'complex64'], ['z', 'complex128']];
const ALL: Precisions = [...REAL, ...COMPLEX];
/** Single precision (s..., c..., sc..., cs...) to 2e-5, double to 1e-12, relative to the largest value. */
const rtolOf = (c: ScipyCase): number => (/^blas\.[sc]/.test(c.fn) ? 2e-5 : 1e-12);
const vec = (dtype: Dtype, n: number, seed: number): ArrayValue => randomArray(dtype, [n], seed);
const arr = (dtype: Dtype, data: readonly number[]): ArrayValue => ({ dtype, shape: [data.length], data });

/** The cases of each family; all go to SciPy at once (one fixture per suite). */
const families: Record<string, ScipyCase[]> = {};
function family(name: string, cases: ScipyCase[]): ScipyCase[] {
  families[name] = cases;
  return cases;
}

// Strides and offsets every x/y family is tried with (x has 7 elements, y 8).
const XY_OPTIONS: readonly (Record<string, number> | undefined)[] = [
  undefined,
  { offx: 2, offy: 1 },
  { incx: 2, n: 3 },
  { incx: -2, incy: 2, n: 3 },
  { offx: 1, incx: 3, offy: 3, incy: -1, n: 2 },
  { n: 0 },
  { n: -1 },
];
const X_OPTIONS: readonly (Record<string, number> | undefined)[] = [undefined, { offx: 3 }, { incx: 2 }, { offx: 1, incx: 3, n: 2 }, { incx: -1 }, { n: 0 }];

function xyCases(fnOf: (p: string) => string, types: Precisions, extra: (t: Dtype) => Value[] = () => [], kw: Record<string, Value> = {}): ScipyCase[] {
  return types.flatMap(([p, t], k) =>
    XY_OPTIONS.map((o, i) => ({ fn: `blas.${fnOf(p)}`, args: [vec(t, 7, 11 + 10 * k + i), vec(t, 8, 61 + 10 * k + i), ...extra(t)], kwargs: { ...kw, ...o } })),
  );
}
function xCases(fnOf: (p: string) => string, types: Precisions, before: (t: Dtype) => Value[] = () => []): ScipyCase[] {
  return types.flatMap(([p, t], k) => X_OPTIONS.map((o, i) => ({ fn: `blas.${fnOf(p)}`, args: [...before(t), vec(t, 7, 111 + 10 * k + i)], ...(o ? { kwargs: o } : {}) })));
}
const drop = (c: ScipyCase): ScipyCase => (c.kwargs && Object.keys(c.kwargs).length === 0 ? { fn: c.fn, args: c.args } : c);

const ROTG = family('rotg', REAL.flatMap(([p]) => [[3, 4], [-2, 1], [0.5, -7], [0, 0], [1, 0]].map(([a, b]) => ({ fn: `blas.${p}rotg`, args: [a!, b!] }))));
const ROTMG = family('rotmg', REAL.flatMap(([p]) => [[1, 2, 3, 4], [2, 1, -3, 0.5], [1, 1, 0, 2], [-1, 2, 3, 4], [1, 2, 3, 0]].map((v) => ({ fn: `blas.${p}rotmg`, args: v }))));
const ROT = family('rot', [
  ...xyCases((p) => ({ s: 'srot', d: 'drot', c: 'csrot', z: 'zdrot' })[p]!, ALL, () => [0.6, 0.8]),
  { fn: 'blas.drot', args: [vec('float64', 5, 3), vec('float64', 5, 4), -0.28, 0.96], kwargs: { overwrite_x: 1, overwrite_y: 1 } },
].map(drop));
const ROTM = family('rotm', REAL.flatMap(([p, t]) =>
  [[-1, 0.5, -2, 1.5, 0.25], [0, 9, 0.5, -2, 9], [1, 0.75, 9, 9, -1.5], [-2, 9, 9, 9, 9]].flatMap((param, i) => [
    { fn: `blas.${p}rotm`, args: [vec(t, 7, 200 + i), vec(t, 8, 210 + i), arr(t, param)] },
    { fn: `blas.${p}rotm`, args: [vec(t, 7, 220 + i), vec(t, 8, 230 + i), arr(t, param)], kwargs: { offx: 1, incx: -2, offy: 2, incy: 2, n: 3 } },
  ]),
));
const SWAP = family('swap', xyCases((p) => `${p}swap`, ALL).map(drop));
const SCAL = family('scal', [
  ...xCases((p) => `${p}scal`, REAL, () => [1.5]),
  ...xCases((p) => `${p}scal`, COMPLEX, () => [{ re: 0.5, im: -2 }]),
  ...xCases((p) => (p === 'c' ? 'csscal' : 'zdscal'), COMPLEX, () => [-2.5]),
  { fn: 'blas.zdscal', args: [3, vec('complex128', 4, 9)], kwargs: { overwrite_x: 1 } },
]);
const COPY = family('copy', xyCases((p) => `${p}copy`, ALL).map(drop));
const AXPY = family('axpy', [
  ...xyCases((p) => `${p}axpy`, ALL).map(drop),
  ...xyCases((p) => `${p}axpy`, REAL, () => [], { a: -1.25 }),
  ...xyCases((p) => `${p}axpy`, COMPLEX, () => [], { a: { re: 0.5, im: -1.5 } }),
]);
const AMAX = family('amax', [
  ...xCases((p) => `i${p}amax`, ALL),
  { fn: 'blas.idamax', args: [vec('float64', 5, 77)], kwargs: { n: 0 } },
]);
const DOT = family('dot', [
  ...xyCases((p) => `${p}dot`, REAL).map(drop),
  ...xyCases((p) => `${p}dotu`, COMPLEX).map(drop),
  ...xyCases((p) => `${p}dotc`, COMPLEX).map(drop),
]);
const NRM2 = family('nrm2', xCases((p) => ({ s: 'snrm2', d: 'dnrm2', c: 'scnrm2', z: 'dznrm2' })[p]!, ALL));
const ASUM = family('asum', xCases((p) => ({ s: 'sasum', d: 'dasum', c: 'scasum', z: 'dzasum' })[p]!, ALL));

// What SciPy refuses, routine by routine: bridgegen must refuse it with the same check.
const x4 = (t: Dtype) => vec(t, 4, 301);
const y4 = (t: Dtype) => vec(t, 4, 302);
const XY_ERRORS: readonly Record<string, number>[] = [{ offx: 4 }, { offx: -1 }, { incx: 0 }, { offy: 4 }, { offy: -1 }, { incy: 0 }, { n: 5 }, { incx: 2, n: 3 }, { incy: -2, n: 3 }];
const X_ERRORS: readonly Record<string, number>[] = [{ offx: 4 }, { offx: -1 }, { incx: 0 }, { n: 5 }, { offx: 2, n: 3 }, { incx: -2, n: 3 }];
const ERRORS = family('errors', [
  ...['ddot', 'cdotc', 'zdotu', 'saxpy', 'dcopy', 'zswap'].flatMap((fn) => {
    const t = fn[0] === 'c' ? 'complex64' : fn[0] === 'z' ? 'complex128' : fn[0] === 's' ? 'float32' : 'float64';
    return XY_ERRORS.map((kwargs) => ({ fn: `blas.${fn}`, args: [x4(t), y4(t)], kwargs }));
  }),
  ...XY_ERRORS.map((kwargs) => ({ fn: 'blas.zdrot', args: [x4('complex128'), y4('complex128'), 0.6, 0.8], kwargs })),
  ...XY_ERRORS.map((kwargs) => ({ fn: 'blas.drotm', args: [x4('float64'), y4('float64'), arr('float64', [-1, 1, 2, 3, 4])], kwargs })),
  ...X_ERRORS.map((kwargs) => ({ fn: 'blas.dnrm2', args: [x4('float64')], kwargs })),
  ...X_ERRORS.map((kwargs) => ({ fn: 'blas.scasum', args: [x4('complex64')], kwargs })),
  ...X_ERRORS.map((kwargs) => ({ fn: 'blas.cscal', args: [{ re: 2, im: 1 }, x4('complex64')], kwargs })),
  ...X_ERRORS.map((kwargs) => ({ fn: 'blas.csscal', args: [2, x4('complex64')], kwargs })),
  // Empty vectors: SciPy's offx<len(x) refuses them.
  { fn: 'blas.ddot', args: [arr('float64', []), arr('float64', [])] },
  { fn: 'blas.dscal', args: [2, arr('float64', [])] },
]);

let m: Record<string, any>;
let answers: Map<string, ScipyAnswer>;
const answerOf = (c: ScipyCase): ScipyAnswer => answers.get(JSON.stringify(c))!;
const call = (c: ScipyCase): unknown => m[c.fn.split('.')[1]!](...jsArgs(c));

beforeAll(async () => {
  const all = Object.values(families).flat();
  const got = scipyAnswers('blas1', all);
  answers = new Map(all.map((c, i) => [JSON.stringify(c), got[i]!]));
  const dir = await buildModule('blas1', [path.join(ROOT, 'fortran/linalg/blas_l1.pyf.src')], ['openblas']);
  m = require(dir);
}, 300_000);

/**
 * A result as expectLikeScipy compares it: a rank-1 complex output is an interleaved typed array
 * of 2n numbers, which the helper would take for shape [2n]; given as { data, shape: [n] } here.
 */
function comparable(result: unknown, answer: ScipyAnswer): unknown {
  if ('error' in answer) return result;
  const fix = (v: unknown, want: Value | undefined): unknown =>
    ArrayBuffer.isView(v) && want && typeof want === 'object' && 'dtype' in want && want.dtype.startsWith('complex')
      ? { data: v, shape: [(v as unknown as ArrayLike<number>).length / 2] }
      : v;
  if (answer.names.length === 1) return fix(result, answer.values[0]);
  const r = result as Record<string, unknown>;
  return Object.fromEntries(answer.names.map((n, i) => [n, fix(r[n], answer.values[i])]));
}

/** Every case of a family gives SciPy's outputs. */
function likeScipy(cases: readonly ScipyCase[], skip: readonly string[] = []): void {
  for (const c of cases) {
    try {
      const answer = answerOf(c);
      expectLikeScipy(comparable(call(c), answer), answer, rtolOf(c), skip);
    } catch (e) {
      throw new Error(`${JSON.stringify({ fn: c.fn, kwargs: c.kwargs })}: ${(e as Error).message}`);
    }
  }
}

describe('level 1 BLAS like scipy.linalg.blas', () => {
  it('has the 48 routines (with Async twins)', () => {
    const names = [
      ...['s', 'd', 'c', 'z'].flatMap((p) => [`${p}rotg`, `${p}swap`, `${p}scal`, `${p}copy`, `${p}axpy`, `i${p}amax`]),
      'srotmg', 'drotmg', 'srotm', 'drotm', 'srot', 'drot', 'csrot', 'zdrot', 'csscal', 'zdscal',
      'sdot', 'ddot', 'cdotu', 'zdotu', 'cdotc', 'zdotc', 'snrm2', 'dnrm2', 'scnrm2', 'dznrm2', 'sasum', 'dasum', 'scasum', 'dzasum',
    ];
    expect(names).toHaveLength(48);
    for (const n of names) {
      expect(typeof m[n]).toBe('function');
      expect(typeof m[`${n}Async`]).toBe('function');
    }
  });

  it('?rotg: c, s of a Givens rotation', () => {
    likeScipy(ROTG);
  });

  it('crotg/zrotg: c (complex, as SciPy types it; imag 0 where SciPy leaves its buffer) and s', () => {
    // SciPy's own c.imag is uninitialised memory, so these are checked by the formula:
    // c = |a| / r, s = (a/|a|) conj(b) / r, r = sqrt(|a|^2 + |b|^2).
    for (const [p, tol] of [['c', 1e-6], ['z', 1e-14]] as const) {
      for (const [a, b] of [[{ re: 3, im: 0 }, { re: 4, im: 0 }], [{ re: 1, im: 2 }, { re: 3, im: -1 }], [{ re: -0.5, im: 0.25 }, { re: 0, im: 2 }]] as const) {
        const { c, s } = m[`${p}rotg`](a, b);
        const na = Math.hypot(a.re, a.im);
        const r = Math.hypot(na, Math.hypot(b.re, b.im));
        const u = { re: a.re / na, im: a.im / na };
        expect(c.re).toBeCloseTo(na / r, p === 'c' ? 6 : 14);
        expect(c.im).toBe(0);
        expect(Math.abs(s.re - (u.re * b.re + u.im * b.im) / r)).toBeLessThan(tol);
        expect(Math.abs(s.im - (u.im * b.re - u.re * b.im) / r)).toBeLessThan(tol);
      }
    }
  });

  it('?rotmg: param of a modified Givens rotation', () => {
    likeScipy(ROTMG);
  });

  it('srot/drot/csrot/zdrot: offsets, strides, n; x and y copied unless overwrite_x/overwrite_y', async () => {
    likeScipy(ROT);
    const x = new Float64Array([1, 2, 3]);
    const y = new Float64Array([4, 5, 6]);
    const r = m.drot(x, y, 0.6, 0.8);
    expect([x, y]).toEqual([new Float64Array([1, 2, 3]), new Float64Array([4, 5, 6])]);
    expect(r.x).not.toBe(x);
    const r2 = m.drot(x, y, 0.6, 0.8, { overwrite_x: 1, overwrite_y: 1 });
    expect(r2.x).toBe(x);
    expect(r2.y).toBe(y);
    const c = ROT.find((k) => k.fn === 'blas.zdrot' && k.kwargs?.incx === -2)!;
    expectLikeScipy(comparable(await m.zdrotAsync(...jsArgs(c)), answerOf(c)), answerOf(c), 1e-12);
  });

  it('srotm/drotm: every param flag (-1, 0, 1, -2), with strides and offsets', () => {
    likeScipy(ROTM);
  });

  it('?swap: both vectors swapped in place, as in SciPy', () => {
    likeScipy(SWAP);
    const x = new Float32Array([1, 2]);
    const y = new Float32Array([3, 4]);
    const r = m.sswap(x, y);
    expect([r.x, r.y]).toEqual([x, y]);
    expect(r.x).toBe(x);
    expect(x).toEqual(new Float32Array([3, 4]));
  });

  it('?scal in place; csscal/zdscal copy unless overwrite_x', async () => {
    likeScipy(SCAL);
    const x = new Float64Array([1, 2, 3]);
    expect(m.dscal(2, x)).toBe(x);
    expect(x).toEqual(new Float64Array([2, 4, 6]));
    const z = new Float64Array([1, 1, 2, 2]);
    expect(Array.from(m.zdscal(2, z))).toEqual([2, 2, 4, 4]);
    expect(z).toEqual(new Float64Array([1, 1, 2, 2]));
    expect(m.zdscal(2, z, { overwrite_x: 1 })).toBe(z);
    const zc = new Float64Array([1, 2]);
    // Async: the update is written back into the caller's array (and resolved as a new one).
    expect(Array.from(await m.zscalAsync({ re: 0, im: 1 }, zc))).toEqual([-2, 1]);
    expect(zc).toEqual(new Float64Array([-2, 1]));
  });

  it('?copy into y (in place, as SciPy)', () => {
    likeScipy(COPY);
    const y = new Float64Array(3);
    expect(m.dcopy(new Float64Array([1, 2, 3]), y)).toBe(y);
    expect(y).toEqual(new Float64Array([1, 2, 3]));
  });

  it('i?amax: the 0-based index of the largest |x| (|re|+|im| for complex), -1 for n = 0', () => {
    likeScipy(AMAX);
  });

  it('?axpy: z = a*x + y in y (a defaults to 1, complex a too)', async () => {
    likeScipy(AXPY);
    const y = new Float64Array([1, 2, 3]);
    const z = m.daxpy(new Float64Array([1, 1, 1]), y, { a: 2 });
    expect(z).toBe(y);
    expect(y).toEqual(new Float64Array([3, 4, 5]));
    // (outputs the addon allocates are typed arrays of Node's realm, not jest's: compared as arrays)
    expect(Array.from(await m.saxpyAsync(new Float32Array([1, 2]), new Float32Array([1, 1])))).toEqual([2, 3]);
  });

  it('sdot/ddot, cdotu/zdotu, cdotc/zdotc', async () => {
    likeScipy(DOT);
    const c = DOT.find((k) => k.fn === 'blas.zdotc' && k.kwargs?.offx === 1)!;
    expectLikeScipy(await m.zdotcAsync(...jsArgs(c)), answerOf(c), 1e-12);
  });

  it('snrm2/dnrm2/scnrm2/dznrm2 and sasum/dasum/scasum/dzasum', () => {
    likeScipy(NRM2);
    likeScipy(ASUM);
  });

  it("refuses what SciPy refuses, with SciPy's check", () => {
    for (const c of ERRORS) {
      const answer = answerOf(c);
      if (!('error' in answer)) throw new Error(`SciPy accepted ${JSON.stringify(c)}`);
      const cond = /^error: \((.*)\) failed for/.exec(answer.error)?.[1];
      const name = c.fn.split('.')[1]!;
      let thrown: any;
      try {
        call(c);
      } catch (e) {
        thrown = e;
      }
      const where = JSON.stringify({ fn: c.fn, kwargs: c.kwargs ?? {}, scipy: answer.error });
      expect({ where, name: thrown?.name, code: thrown?.code, message: thrown?.message }).toEqual({
        where, name: 'RangeError', code: 'ERR_BRIDGEGEN_CHECK', message: `${name}(): check(${cond}) failed`,
      });
    }
  });
});
