// Level 2 BLAS of bridgegen/linalg (fortran/linalg/blas_l2.pyf.src) against scipy.linalg.blas:
// gemv gbmv symv hemv sbmv hbmv spmv hpmv ger geru gerc syr her syr2 her2 spr hpr spr2 hpr2 trmv
// tbmv tpmv trsv tbsv tpsv in every precision SciPy has, their flags (trans, lower, diag),
// offsets and increments (negative ones too), overwrite flags, an Async twin, and the error
// paths. SciPy's answers: live through /usr/bin/python3 when it has SciPy, else
// test/fixtures/linalg/blas2.json. Interim: beta and y (gemv...hpmv) and a (ger...her2) are
// required, right after SciPy's required arguments (see the signature file).

import * as path from 'node:path';
import { buildModule, ROOT } from '../helpers/build';
import { type ArrayValue, type ScipyAnswer, expectLikeScipy, jsArgs, randomArray, type ScipyCase, scipyAnswers, type Value } from '../helpers/scipy';

let m: Record<string, any>;

beforeAll(async () => {
  const dir = await buildModule('blas2', [path.join(ROOT, 'fortran/linalg/blas_l2.pyf.src')], ['openblas']);
  m = require(dir);
}, 300_000);

type P = 's' | 'd' | 'c' | 'z';
const ALL: readonly P[] = ['s', 'd', 'c', 'z'];
const DTYPE = { s: 'float32', d: 'float64', c: 'complex64', z: 'complex128' } as const;
const RTOL = { s: 2e-5, d: 1e-12, c: 2e-5, z: 1e-12 } as const;
const complex = (p: P): boolean => p === 'c' || p === 'z';

let seed = 500;
const rnd = (p: P, shape: number[]): ArrayValue => randomArray(DTYPE[p], shape, seed++);
/** A scalar of the precision: real for s/d, complex for c/z. */
const scalar = (p: P, re: number, im: number): Value => (complex(p) ? { re, im } : re);

/** `a` with 4 added to the elements at the given flat (column-major) indices: well-conditioned triangles. */
function shifted(p: P, a: ArrayValue, at: readonly number[]): ArrayValue {
  const data = [...a.data];
  const step = complex(p) ? 2 : 1;
  for (const i of at) data[i * step] += 4;
  return { ...a, data };
}
const square = (p: P, n: number): ArrayValue => shifted(p, rnd(p, [n, n]), Array.from({ length: n }, (_, i) => i * n + i));
/** A (k+1) x n triangular band matrix, its diagonal row (k for upper, 0 for lower) shifted. */
const band = (p: P, k: number, n: number, lower: boolean): ArrayValue =>
  shifted(p, rnd(p, [k + 1, n]), Array.from({ length: n }, (_, j) => j * (k + 1) + (lower ? 0 : k)));
/** A packed n x n triangle, its diagonal shifted. */
function packed(p: P, n: number, lower: boolean): ArrayValue {
  const diag: number[] = [];
  let at = 0;
  for (let j = 0; j < n; j++) {
    diag.push(lower ? at : at + j);
    at += lower ? n - j : j + 1;
  }
  return shifted(p, rnd(p, [(n * (n + 1)) / 2]), diag);
}

/**
 * Interim (see the signature file): these routines take SciPy's optional beta, y / a as required
 * arguments, right after SciPy's required ones. Cases are written that way below and stored in
 * SciPy's form (the moved arguments as keywords); `bridgegenArgs` moves them back. When the
 * generator has optional arrays and complex defaults, this table goes and cases call as SciPy.
 */
const INTERIM: Readonly<Record<string, { readonly required: number; readonly moved: readonly string[] }>> = {
  gbmv: { required: 7, moved: ['beta', 'y'] },
  sbmv: { required: 4, moved: ['beta', 'y'] },
  hbmv: { required: 4, moved: ['beta', 'y'] },
  spmv: { required: 4, moved: ['beta', 'y'] },
  hpmv: { required: 4, moved: ['beta', 'y'] },
  ger: { required: 3, moved: ['a'] },
  geru: { required: 3, moved: ['a'] },
  gerc: { required: 3, moved: ['a'] },
  syr: { required: 2, moved: ['a'] },
  her: { required: 2, moved: ['a'] },
  syr2: { required: 3, moved: ['a'] },
  her2: { required: 3, moved: ['a'] },
};
const interimOf = (c: ScipyCase) => INTERIM[c.fn.split('.')[1]!.slice(1)];

/** A case written in bridgegen's interim argument order, in SciPy's form. */
function toScipy(c: ScipyCase): ScipyCase {
  const interim = interimOf(c);
  if (!interim || c.args.length <= interim.required) return c;
  const moved = Object.fromEntries(interim.moved.map((k, i) => [k, c.args[interim.required + i]!]));
  return { fn: c.fn, args: c.args.slice(0, interim.required), kwargs: { ...moved, ...c.kwargs } };
}

/** The arguments for bridgegen of a case in SciPy's form. */
function bridgegenArgs(c: ScipyCase): unknown[] {
  const interim = interimOf(c);
  if (!interim) return jsArgs(c);
  const kwargs = { ...c.kwargs };
  const moved = interim.moved.map((k) => {
    const v = kwargs[k]!;
    delete kwargs[k];
    return v;
  });
  return jsArgs({ fn: c.fn, args: [...c.args, ...moved], kwargs });
}

const cases: ScipyCase[] = [];
const add = (c: ScipyCase): ScipyCase => {
  const scipy = toScipy(c);
  cases.push(scipy);
  return scipy;
};

const families: [string, (p: P) => ScipyCase[]][] = [
  [
    'gemv',
    (p) => [
      { fn: `blas.${p}gemv`, args: [scalar(p, 0.5, 0.25), rnd(p, [3, 4]), rnd(p, [4]), scalar(p, 0, 0), rnd(p, [3])] },
      { fn: `blas.${p}gemv`, args: [scalar(p, 1.5, -1), rnd(p, [3, 4]), rnd(p, [3]), scalar(p, -2, 0.5), rnd(p, [4])], kwargs: { trans: complex(p) ? 2 : 1 } },
      { fn: `blas.${p}gemv`, args: [scalar(p, 1, 1), rnd(p, [3, 4]), rnd(p, [9]), scalar(p, 1, 0), rnd(p, [5])], kwargs: { offx: 1, incx: 2, offy: 2, incy: -1 } },
    ],
  ],
  [
    'gbmv',
    (p) => [
      // SciPy bounds x by m (trans 0), so x has m elements even when the routine reads n.
      { fn: `blas.${p}gbmv`, args: [4, 3, 1, 1, scalar(p, 0.5, 1), rnd(p, [3, 3]), rnd(p, [4]), scalar(p, 2, 0), rnd(p, [4])] },
      { fn: `blas.${p}gbmv`, args: [4, 3, 1, 1, scalar(p, -1, 0.5), rnd(p, [3, 3]), rnd(p, [9]), scalar(p, 0.5, 0), rnd(p, [4])], kwargs: { trans: 1, offx: 1, incx: 2, offy: 1 } },
    ],
  ],
  [
    'symv/hemv',
    (p) => {
      const r = complex(p) ? 'hemv' : 'symv';
      return [
        { fn: `blas.${p}${r}`, args: [scalar(p, 0.5, 1), rnd(p, [3, 3]), rnd(p, [3]), scalar(p, 2, 0), rnd(p, [3])] },
        { fn: `blas.${p}${r}`, args: [scalar(p, -1, 0.5), rnd(p, [3, 3]), rnd(p, [4]), scalar(p, 0.5, -1), rnd(p, [7])], kwargs: { lower: 1, offx: 1, offy: 1, incy: 2 } },
      ];
    },
  ],
  [
    'sbmv/hbmv',
    (p) => {
      const r = complex(p) ? 'hbmv' : 'sbmv';
      return [
        { fn: `blas.${p}${r}`, args: [1, scalar(p, 0.5, 1), rnd(p, [2, 4]), rnd(p, [4]), scalar(p, 2, 0), rnd(p, [4])] },
        { fn: `blas.${p}${r}`, args: [2, scalar(p, -1, 0), rnd(p, [3, 4]), rnd(p, [8]), scalar(p, 1, 1), rnd(p, [4])], kwargs: { lower: 1, incx: -2 } },
      ];
    },
  ],
  [
    'spmv/hpmv',
    (p) =>
      (complex(p) ? ['spmv', 'hpmv'] : ['spmv']).flatMap((r) => [
        { fn: `blas.${p}${r}`, args: [3, scalar(p, 0.5, 1), rnd(p, [6]), rnd(p, [3]), scalar(p, 2, 0), rnd(p, [3])] },
        { fn: `blas.${p}${r}`, args: [3, scalar(p, -1, 0.5), rnd(p, [6]), rnd(p, [6]), scalar(p, 0.5, 0), rnd(p, [4])], kwargs: { lower: 1, offx: 1, incx: 2, offy: 1 } },
      ]),
  ],
  [
    'ger/geru/gerc',
    (p) =>
      (complex(p) ? ['geru', 'gerc'] : ['ger']).flatMap((r) => [
        { fn: `blas.${p}${r}`, args: [scalar(p, 0.5, 1), rnd(p, [3]), rnd(p, [2]), rnd(p, [3, 2])] },
        { fn: `blas.${p}${r}`, args: [scalar(p, -1, 0.5), rnd(p, [3]), rnd(p, [4]), rnd(p, [3, 4])], kwargs: { incx: -1, incy: -1 } },
      ]),
  ],
  [
    'syr/her',
    (p) =>
      (complex(p) ? ['syr', 'her'] : ['syr']).flatMap((r) => [
        { fn: `blas.${p}${r}`, args: [scalar(p, 0.5, r === 'her' ? 0 : 1), rnd(p, [3]), rnd(p, [3, 3])] },
        { fn: `blas.${p}${r}`, args: [scalar(p, -1, 0), rnd(p, [6]), rnd(p, [3, 3])], kwargs: { lower: 1, offx: 1, incx: 2 } },
        { fn: `blas.${p}${r}`, args: [scalar(p, 2, 0), rnd(p, [5]), rnd(p, [2, 2])], kwargs: { n: 2, incx: -2 } },
      ]),
  ],
  [
    'syr2/her2',
    (p) => {
      const r = complex(p) ? 'her2' : 'syr2';
      return [
        { fn: `blas.${p}${r}`, args: [scalar(p, 0.5, 1), rnd(p, [3]), rnd(p, [3]), rnd(p, [3, 3])] },
        // n defaults to the shorter of x and y as strided
        { fn: `blas.${p}${r}`, args: [scalar(p, -1, 0.5), rnd(p, [7]), rnd(p, [4]), rnd(p, [3, 3])], kwargs: { lower: 1, offx: 1, incx: 2, offy: 1 } },
        { fn: `blas.${p}${r}`, args: [scalar(p, 2, 0), rnd(p, [3]), rnd(p, [3]), rnd(p, [2, 2])], kwargs: { n: 2 } },
      ];
    },
  ],
  [
    'spr/hpr',
    (p) =>
      (complex(p) ? ['spr', 'hpr'] : ['spr']).flatMap((r) => {
        const alpha = (re: number, im: number): Value => (r === 'hpr' ? re : scalar(p, re, im));
        return [
          { fn: `blas.${p}${r}`, args: [3, alpha(0.5, 1), rnd(p, [3]), rnd(p, [6])] },
          { fn: `blas.${p}${r}`, args: [3, alpha(-1, 0.5), rnd(p, [8]), rnd(p, [7])], kwargs: { lower: 1, offx: 1, incx: -3 } },
        ];
      }),
  ],
  [
    'spr2/hpr2',
    (p) => {
      const r = complex(p) ? 'hpr2' : 'spr2';
      return [
        { fn: `blas.${p}${r}`, args: [3, scalar(p, 0.5, 1), rnd(p, [3]), rnd(p, [3]), rnd(p, [6])] },
        { fn: `blas.${p}${r}`, args: [3, scalar(p, -1, 0.5), rnd(p, [6]), rnd(p, [4]), rnd(p, [6])], kwargs: { lower: 1, incx: 2, offy: 1 } },
      ];
    },
  ],
  [
    'trmv/trsv',
    (p) => [
      { fn: `blas.${p}trmv`, args: [rnd(p, [3, 3]), rnd(p, [3])] },
      { fn: `blas.${p}trmv`, args: [rnd(p, [3, 3]), rnd(p, [7])], kwargs: { offx: 1, incx: 2, lower: 1, trans: complex(p) ? 2 : 1, diag: 1 } },
      { fn: `blas.${p}trsv`, args: [square(p, 3), rnd(p, [3])] },
      { fn: `blas.${p}trsv`, args: [square(p, 3), rnd(p, [6])], kwargs: { incx: -2, offx: 1, lower: 1, trans: complex(p) ? 2 : 1 } },
      { fn: `blas.${p}trsv`, args: [square(p, 3), rnd(p, [3])], kwargs: { trans: 1, diag: 1 } },
    ],
  ],
  [
    'tbmv/tbsv',
    (p) => [
      { fn: `blas.${p}tbmv`, args: [1, rnd(p, [2, 4]), rnd(p, [4])] },
      { fn: `blas.${p}tbmv`, args: [2, rnd(p, [3, 4]), rnd(p, [8])], kwargs: { incx: 2, lower: 1, trans: complex(p) ? 2 : 1, diag: 1 } },
      { fn: `blas.${p}tbsv`, args: [1, band(p, 1, 4, false), rnd(p, [4])] },
      { fn: `blas.${p}tbsv`, args: [2, band(p, 2, 4, true), rnd(p, [9])], kwargs: { offx: 1, incx: -2, lower: 1, trans: 1 } },
      // SciPy's check(trans >= 0 || trans <= 2) lets any trans through; 3 means T there.
      { fn: `blas.${p}tbsv`, args: [1, band(p, 1, 4, false), rnd(p, [4])], kwargs: { trans: 3 } },
    ],
  ],
  [
    'tpmv/tpsv',
    (p) => [
      { fn: `blas.${p}tpmv`, args: [3, rnd(p, [6]), rnd(p, [3])] },
      { fn: `blas.${p}tpmv`, args: [3, rnd(p, [6]), rnd(p, [6])], kwargs: { offx: 1, incx: 2, lower: 1, trans: complex(p) ? 2 : 1, diag: 1 } },
      { fn: `blas.${p}tpsv`, args: [3, packed(p, 3, false), rnd(p, [3])] },
      { fn: `blas.${p}tpsv`, args: [3, packed(p, 3, true), rnd(p, [5])], kwargs: { incx: -2, lower: 1, trans: complex(p) ? 2 : 1 } },
    ],
  ],
];

const byFamily = new Map(families.map(([name, make]) => [name, ALL.flatMap((p) => make(p).map(add))]));

// Calls SciPy refuses; bridgegen must refuse them too: a RangeError, from a check(...) of the
// signature (ERR_BRIDGEGEN_CHECK) or from the declared dimensions (ERR_BRIDGEGEN_SHAPE).
const errors: ScipyCase[] = [
  { fn: 'blas.dgemv', args: [1, rnd('d', [3, 4]), rnd('d', [3]), 0, rnd('d', [3])] },
  { fn: 'blas.dgemv', args: [1, rnd('d', [3, 4]), rnd('d', [4]), 0, rnd('d', [2])] },
  { fn: 'blas.sgemv', args: [1, rnd('s', [3, 4]), rnd('s', [4]), 0, rnd('s', [3])], kwargs: { trans: 3 } },
  { fn: 'blas.zgemv', args: [{ re: 1, im: 0 }, rnd('z', [3, 4]), rnd('z', [4]), { re: 0, im: 0 }, rnd('z', [3])], kwargs: { offx: 4 } },
  { fn: 'blas.dgemv', args: [1, rnd('d', [3, 4]), rnd('d', [4]), 0, rnd('d', [3])], kwargs: { incx: 0 } },
  { fn: 'blas.dgbmv', args: [2, 3, 1, 1, 1, rnd('d', [3, 3]), rnd('d', [3]), 0, rnd('d', [3])] },
  { fn: 'blas.dgbmv', args: [4, 2, 1, 1, 1, rnd('d', [3, 3]), rnd('d', [4]), 0, rnd('d', [4])] },
  { fn: 'blas.dsymv', args: [1, rnd('d', [3, 2]), rnd('d', [3]), 0, rnd('d', [3])] },
  { fn: 'blas.dsbmv', args: [2, 1, rnd('d', [2, 4]), rnd('d', [4]), 0, rnd('d', [4])] },
  { fn: 'blas.dspmv', args: [3, 1, rnd('d', [5]), rnd('d', [3]), 0, rnd('d', [3])] },
  { fn: 'blas.dger', args: [1, rnd('d', [3]), rnd('d', [2]), rnd('d', [3, 2])], kwargs: { incx: 2 } },
  { fn: 'blas.dsyr', args: [1, rnd('d', [3]), rnd('d', [4, 4])], kwargs: { n: 4 } },
  { fn: 'blas.zher2', args: [{ re: 1, im: 0 }, rnd('z', [3]), rnd('z', [3]), rnd('z', [3, 3])], kwargs: { offy: 3 } },
  { fn: 'blas.dspr', args: [3, 1, rnd('d', [3]), rnd('d', [5])] },
  { fn: 'blas.chpr2', args: [3, { re: 1, im: 0 }, rnd('c', [3]), rnd('c', [2]), rnd('c', [6])] },
  { fn: 'blas.dtrmv', args: [rnd('d', [3, 3]), rnd('d', [3])], kwargs: { offx: 1 } },
  { fn: 'blas.dtrmv', args: [rnd('d', [3, 3]), rnd('d', [3])], kwargs: { diag: 2 } },
  { fn: 'blas.dtrsv', args: [rnd('d', [3, 2]), rnd('d', [3])] },
  { fn: 'blas.dtbsv', args: [2, rnd('d', [2, 4]), rnd('d', [4])] },
  { fn: 'blas.dtpmv', args: [3, rnd('d', [6]), rnd('d', [3])], kwargs: { incx: 0 } },
].map(add);

let answers: Map<ScipyCase, ScipyAnswer>;
beforeAll(() => {
  const list = scipyAnswers('blas2', cases);
  answers = new Map(cases.map((c, i) => [c, list[i]!]));
});

const routine = (c: ScipyCase): string => c.fn.split('.')[1]!;

/**
 * A single result as expectLikeScipy compares it: a rank-1 complex output is an interleaved typed
 * array of 2n numbers, which the helper would take for shape [2n]; given as { data, shape: [n] }.
 */
function comparable(result: unknown, answer: ScipyAnswer): unknown {
  if ('error' in answer || !ArrayBuffer.isView(result)) return result;
  const want = answer.values[0]!;
  const complexWant = typeof want === 'object' && 'dtype' in want && want.dtype.startsWith('complex');
  return complexWant ? { data: result, shape: [(result as unknown as ArrayLike<number>).length / 2] } : result;
}
const rtolOf = (c: ScipyCase): number => RTOL[routine(c)[0] as P];

describe('level 2 BLAS against SciPy', () => {
  for (const [name, list] of byFamily) {
    it(`${name}: ${[...new Set(list.map(routine))].join(' ')}`, () => {
      for (const c of list) {
        try {
          expectLikeScipy(comparable(m[routine(c)](...bridgegenArgs(c)), answers.get(c)!), answers.get(c)!, rtolOf(c));
        } catch (e) {
          throw new Error(`${JSON.stringify({ fn: c.fn, kwargs: c.kwargs })}: ${(e as Error).message}`);
        }
      }
    });
  }

  it('refuses what SciPy refuses, before calling BLAS', () => {
    for (const c of errors) {
      expect({ fn: c.fn, kwargs: c.kwargs, scipy: 'error' in answers.get(c)! }).toEqual({ fn: c.fn, kwargs: c.kwargs, scipy: true });
      let thrown: unknown;
      try {
        m[routine(c)](...bridgegenArgs(c));
      } catch (e) {
        thrown = e;
      }
      expect({ fn: c.fn, kwargs: c.kwargs, thrown }).toEqual({
        fn: c.fn,
        kwargs: c.kwargs,
        thrown: expect.objectContaining({ name: 'RangeError', code: expect.stringMatching(/^ERR_BRIDGEGEN_(CHECK|SHAPE)$/) }),
      });
    }
    const a = new Float64Array(12);
    expect(() => m.dgemv(1, { data: a, shape: [3, 4], order: 'column-major' }, new Float64Array(4), 0, new Float64Array(3), { incy: 0 })).toThrow(
      /^dgemv\(\): check\(incy>0\|\|incy<0\) failed$/,
    );
  });
});

describe('calling conventions', () => {
  it('dgemvAsync resolves to what dgemv returns', async () => {
    const c = byFamily.get('gemv')!.find((x) => x.fn === 'blas.dgemv' && x.kwargs?.offx === 1)!;
    const sync = m.dgemv(...bridgegenArgs(c));
    const async = await m.dgemvAsync(...bridgegenArgs(c));
    expect(async).toEqual(sync);
    expectLikeScipy(async, answers.get(c)!, 1e-12);
  });

  it('overwrite_y / overwrite_x / overwrite_a update the caller\'s array in place; by default it is left alone', () => {
    const a = [[1, 2], [3, 4]];
    const y = Float64Array.from([1, 1]);
    const kept = m.dgemv(1, a, [1, 1], 1, y);
    expect(Array.from(y)).toEqual([1, 1]);
    expect(Array.from(kept)).toEqual([4, 8]);
    expect(m.dgemv(1, a, [1, 1], 1, y, { overwrite_y: 1 })).toBe(y);
    expect(Array.from(y)).toEqual([4, 8]);
    const x = Float64Array.from([1, 1]);
    expect(Array.from(m.dtrmv(a, x, { overwrite_x: 1 }))).toEqual([3, 4]);
    expect(Array.from(x)).toEqual([3, 4]);
    const g = { data: new Float64Array(4), shape: [2, 2], order: 'column-major' };
    m.dger(1, [1, 2], [3, 4], g, { overwrite_a: 1 });
    expect(Array.from(g.data)).toEqual([3, 6, 4, 8]);
  });

  it('takes positional optional arguments in SciPy\'s order', () => {
    const a = [[1, 2], [3, 4]];
    // y = dgemv(alpha,a,x,beta,y,offx,incx,offy,incy,trans)
    expect(Array.from(m.dgemv(1, a, [0, 1, 0, 1], 0, [0, 0], 1, 2, 0, 1, 1))).toEqual([4, 6]);
    // xout = dtrsv(a,x,incx,offx,lower,trans,diag)
    expect(Array.from(m.dtrsv([[2, 0], [1, 4]], [2, 9], 1, 0, 1, 0, 0))).toEqual([1, 2]);
  });
});
