// Level 2 BLAS of bridgegen/linalg (fortran/linalg/blas_l2.pyf.src) against scipy.linalg.blas:
// gemv gbmv symv hemv sbmv hbmv spmv hpmv ger geru gerc syr her syr2 her2 spr hpr spr2 hpr2 trmv
// tbmv tpmv trsv tbsv tpsv in every precision SciPy has, called exactly as SciPy is called
// (positional and keyword arguments; optional beta, y and a left out or given), their flags
// (trans, lower, diag), offsets and increments (negative ones too), overwrite flags, an Async
// twin, and the error paths. The module is the shipped one, require('bridgegen/linalg') (built by
// `bridgegen linalg-build`, which scripts/setup.sh runs). SciPy's answers: live through
// /usr/bin/python3 when it has SciPy, else test/fixtures/linalg/blas2.json.

import type * as Linalg from '../../linalg';
import { answersByCase, type ArrayValue, expectCaseLikeScipy, expectLikeScipy, jsArgs, randomArray, type ScipyAnswer, type ScipyCase, type Value } from '../helpers/scipy';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const m = (require('bridgegen/linalg') as typeof Linalg).blas as unknown as Record<string, (...args: unknown[]) => any>;

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

const cases: ScipyCase[] = [];
const add = (c: ScipyCase): ScipyCase => (cases.push(c), c);

const families: [string, (p: P) => ScipyCase[]][] = [
  [
    'gemv',
    (p) => [
      // y = gemv(alpha,a,x,[beta,y,offx,incx,offy,incy,trans,overwrite_y])
      { fn: `blas.${p}gemv`, args: [scalar(p, 0.5, 0.25), rnd(p, [3, 4]), rnd(p, [4])] },
      { fn: `blas.${p}gemv`, args: [scalar(p, 0.5, 0.25), rnd(p, [3, 4]), rnd(p, [4]), scalar(p, 0, 0), rnd(p, [3])] },
      { fn: `blas.${p}gemv`, args: [scalar(p, 1.5, -1), rnd(p, [3, 4]), rnd(p, [3]), scalar(p, -2, 0.5), rnd(p, [4])], kwargs: { trans: complex(p) ? 2 : 1 } },
      { fn: `blas.${p}gemv`, args: [scalar(p, 1, 1), rnd(p, [3, 4]), rnd(p, [9]), scalar(p, 1, 0), rnd(p, [5])], kwargs: { offx: 1, incx: 2, offy: 2, incy: -1 } },
      // y left out: created zero-filled, 1+offy+(rows-1)*abs(incy) long; beta given or not
      { fn: `blas.${p}gemv`, args: [scalar(p, -1, 0.5), rnd(p, [3, 4]), rnd(p, [5]), scalar(p, 3, 0)], kwargs: { offx: 1, offy: 1, incy: -2 } },
      { fn: `blas.${p}gemv`, args: [scalar(p, 2, 0), rnd(p, [3, 4]), rnd(p, [3])], kwargs: { trans: 1, incy: 3 } },
    ],
  ],
  [
    'gbmv',
    (p) => [
      // yout = gbmv(m,n,kl,ku,alpha,a,x,[incx,offx,beta,y,incy,offy,trans,overwrite_y])
      // SciPy bounds x by m (trans 0), so x has m elements even when the routine reads n.
      { fn: `blas.${p}gbmv`, args: [4, 3, 1, 1, scalar(p, 0.5, 1), rnd(p, [3, 3]), rnd(p, [4])] },
      { fn: `blas.${p}gbmv`, args: [4, 3, 1, 1, scalar(p, 0.5, 1), rnd(p, [3, 3]), rnd(p, [4])], kwargs: { beta: scalar(p, 2, 0), y: rnd(p, [4]) } },
      { fn: `blas.${p}gbmv`, args: [4, 3, 1, 1, scalar(p, -1, 0.5), rnd(p, [3, 3]), rnd(p, [9]), 2, 1, scalar(p, 0.5, 0), rnd(p, [4])], kwargs: { trans: 1, offy: 1 } },
      { fn: `blas.${p}gbmv`, args: [4, 3, 1, 1, scalar(p, 1, -1), rnd(p, [3, 3]), rnd(p, [4])], kwargs: { trans: complex(p) ? 2 : 1, offy: 2, incy: 2 } },
    ],
  ],
  [
    'symv/hemv',
    (p) => {
      const r = complex(p) ? 'hemv' : 'symv';
      // y = symv(alpha,a,x,[beta,y,offx,incx,offy,incy,lower,overwrite_y])
      return [
        { fn: `blas.${p}${r}`, args: [scalar(p, 0.5, 1), rnd(p, [3, 3]), rnd(p, [3]), scalar(p, 2, 0), rnd(p, [3])] },
        { fn: `blas.${p}${r}`, args: [scalar(p, -1, 0.5), rnd(p, [3, 3]), rnd(p, [4]), scalar(p, 0.5, -1), rnd(p, [7])], kwargs: { lower: 1, offx: 1, offy: 1, incy: 2 } },
        { fn: `blas.${p}${r}`, args: [scalar(p, 1, 0.5), rnd(p, [3, 3]), rnd(p, [3])], kwargs: { lower: 1, offy: 1, incy: 2 } },
      ];
    },
  ],
  [
    'sbmv/hbmv',
    (p) => {
      const r = complex(p) ? 'hbmv' : 'sbmv';
      // yout = sbmv(k,alpha,a,x,[incx,offx,beta,y,incy,offy,lower,overwrite_y])
      return [
        { fn: `blas.${p}${r}`, args: [1, scalar(p, 0.5, 1), rnd(p, [2, 4]), rnd(p, [4])] },
        { fn: `blas.${p}${r}`, args: [1, scalar(p, 0.5, 1), rnd(p, [2, 4]), rnd(p, [4])], kwargs: { beta: scalar(p, 2, 0), y: rnd(p, [4]) } },
        { fn: `blas.${p}${r}`, args: [2, scalar(p, -1, 0), rnd(p, [3, 4]), rnd(p, [8]), -2, 0, scalar(p, 1, 1), rnd(p, [4])], kwargs: { lower: 1 } },
        { fn: `blas.${p}${r}`, args: [2, scalar(p, 1, 2), rnd(p, [3, 4]), rnd(p, [4])], kwargs: { lower: 1, offy: 1, incy: -1 } },
      ];
    },
  ],
  [
    'spmv/hpmv',
    (p) =>
      // yout = spmv(n,alpha,ap,x,[incx,offx,beta,y,incy,offy,lower,overwrite_y])
      (complex(p) ? ['spmv', 'hpmv'] : ['spmv']).flatMap((r) => [
        { fn: `blas.${p}${r}`, args: [3, scalar(p, 0.5, 1), rnd(p, [6]), rnd(p, [3])] },
        { fn: `blas.${p}${r}`, args: [3, scalar(p, 0.5, 1), rnd(p, [6]), rnd(p, [3])], kwargs: { beta: scalar(p, 2, 0), y: rnd(p, [3]) } },
        { fn: `blas.${p}${r}`, args: [3, scalar(p, -1, 0.5), rnd(p, [6]), rnd(p, [6]), 2, 1, scalar(p, 0.5, 0), rnd(p, [4])], kwargs: { lower: 1, offy: 1 } },
        { fn: `blas.${p}${r}`, args: [3, scalar(p, 1, -1), rnd(p, [6]), rnd(p, [3])], kwargs: { lower: 1, incy: 2 } },
      ]),
  ],
  [
    'ger/geru/gerc',
    (p) =>
      // a = ger(alpha,x,y,[incx,incy,a,overwrite_x,overwrite_y,overwrite_a])
      (complex(p) ? ['geru', 'gerc'] : ['ger']).flatMap((r) => [
        { fn: `blas.${p}${r}`, args: [scalar(p, 0.5, 1), rnd(p, [3]), rnd(p, [2])] },
        { fn: `blas.${p}${r}`, args: [scalar(p, 0.5, 1), rnd(p, [3]), rnd(p, [2])], kwargs: { a: rnd(p, [3, 2]) } },
        { fn: `blas.${p}${r}`, args: [scalar(p, -1, 0.5), rnd(p, [3]), rnd(p, [4]), -1, -1, rnd(p, [3, 4])] },
      ]),
  ],
  [
    'syr/her',
    (p) =>
      // a = syr(alpha,x,[lower,incx,offx,n,a,overwrite_a])
      (complex(p) ? ['syr', 'her'] : ['syr']).flatMap((r) => [
        { fn: `blas.${p}${r}`, args: [scalar(p, 0.5, r === 'her' ? 0 : 1), rnd(p, [3])] },
        { fn: `blas.${p}${r}`, args: [scalar(p, 0.5, r === 'her' ? 0 : 1), rnd(p, [3])], kwargs: { a: rnd(p, [3, 3]) } },
        { fn: `blas.${p}${r}`, args: [scalar(p, -1, 0), rnd(p, [6]), 1, 2, 1, 3, rnd(p, [3, 3])] },
        { fn: `blas.${p}${r}`, args: [scalar(p, 2, 0), rnd(p, [5])], kwargs: { n: 2, incx: -2, a: rnd(p, [2, 2]) } },
        { fn: `blas.${p}${r}`, args: [scalar(p, 2, 0), rnd(p, [5])], kwargs: { lower: 1, n: 2 } },
      ]),
  ],
  [
    'syr2/her2',
    (p) => {
      const r = complex(p) ? 'her2' : 'syr2';
      // a = syr2(alpha,x,y,[lower,incx,offx,incy,offy,n,a,overwrite_a])
      return [
        { fn: `blas.${p}${r}`, args: [scalar(p, 0.5, 1), rnd(p, [3]), rnd(p, [3])] },
        { fn: `blas.${p}${r}`, args: [scalar(p, 0.5, 1), rnd(p, [3]), rnd(p, [3])], kwargs: { a: rnd(p, [3, 3]) } },
        // n defaults to the shorter of x and y as strided
        { fn: `blas.${p}${r}`, args: [scalar(p, -1, 0.5), rnd(p, [7]), rnd(p, [4])], kwargs: { lower: 1, offx: 1, incx: 2, offy: 1, a: rnd(p, [3, 3]) } },
        { fn: `blas.${p}${r}`, args: [scalar(p, -1, 0.5), rnd(p, [4]), rnd(p, [9])], kwargs: { lower: 1, incy: -2 } },
        { fn: `blas.${p}${r}`, args: [scalar(p, 2, 0), rnd(p, [3]), rnd(p, [3]), 0, 1, 0, 1, 0, 2, rnd(p, [2, 2])] },
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
  { fn: 'blas.dgemv', args: [1, rnd('d', [3, 4]), rnd('d', [4])], kwargs: { offy: -1 } },
  { fn: 'blas.sgemv', args: [1, rnd('s', [3, 4]), rnd('s', [4])], kwargs: { trans: 3 } },
  { fn: 'blas.zgemv', args: [{ re: 1, im: 0 }, rnd('z', [3, 4]), rnd('z', [4])], kwargs: { offx: 4 } },
  { fn: 'blas.dgemv', args: [1, rnd('d', [3, 4]), rnd('d', [4]), 0, rnd('d', [3])], kwargs: { incx: 0 } },
  { fn: 'blas.dgemv', args: [1, rnd('d', [3, 4]), rnd('d', [4])], kwargs: { incy: 0 } },
  { fn: 'blas.dgbmv', args: [2, 3, 1, 1, 1, rnd('d', [3, 3]), rnd('d', [3])] },
  { fn: 'blas.dgbmv', args: [4, 2, 1, 1, 1, rnd('d', [3, 3]), rnd('d', [4])], kwargs: { beta: 0, y: rnd('d', [4]) } },
  { fn: 'blas.dgbmv', args: [4, 3, 1, 1, 1, rnd('d', [3, 3]), rnd('d', [4])], kwargs: { y: rnd('d', [3]) } },
  { fn: 'blas.dsymv', args: [1, rnd('d', [3, 2]), rnd('d', [3])] },
  { fn: 'blas.dsbmv', args: [2, 1, rnd('d', [2, 4]), rnd('d', [4])] },
  { fn: 'blas.dspmv', args: [3, 1, rnd('d', [5]), rnd('d', [3])], kwargs: { beta: 0, y: rnd('d', [3]) } },
  { fn: 'blas.dger', args: [1, rnd('d', [3]), rnd('d', [2])], kwargs: { incx: 2, a: rnd('d', [3, 2]) } },
  { fn: 'blas.dger', args: [1, rnd('d', [3]), rnd('d', [2])], kwargs: { a: rnd('d', [2, 3]) } },
  { fn: 'blas.dsyr', args: [1, rnd('d', [3])], kwargs: { n: 4, a: rnd('d', [4, 4]) } },
  { fn: 'blas.dsyr', args: [1, rnd('d', [3])], kwargs: { n: 4 } },
  { fn: 'blas.zher2', args: [{ re: 1, im: 0 }, rnd('z', [3]), rnd('z', [3])], kwargs: { offy: 3, a: rnd('z', [3, 3]) } },
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
  answers = answersByCase('blas2', cases);
});

const routine = (c: ScipyCase): string => c.fn.split('.')[1]!;

const rtolOf = (c: ScipyCase): number => RTOL[routine(c)[0] as P];

describe('level 2 BLAS against SciPy', () => {
  for (const [name, list] of byFamily) {
    it(`${name}: ${[...new Set(list.map(routine))].join(' ')}`, () => {
      for (const c of list) expectCaseLikeScipy(() => m[routine(c)]!(...jsArgs(c)), c, answers.get(c)!, rtolOf(c));
    });
  }

  it('refuses what SciPy refuses, before calling BLAS', () => {
    for (const c of errors) {
      expect({ fn: c.fn, kwargs: c.kwargs, scipy: 'error' in answers.get(c)! }).toEqual({ fn: c.fn, kwargs: c.kwargs, scipy: true });
      let thrown: unknown;
      try {
        m[routine(c)]!(...jsArgs(c));
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
    const sync = m.dgemv(...jsArgs(c));
    const async = await m.dgemvAsync(...jsArgs(c));
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
    m.dger(1, [1, 2], [3, 4], { a: g, overwrite_a: 1 });
    expect(Array.from(g.data)).toEqual([3, 6, 4, 8]);
  });

  it('takes positional optional arguments in SciPy\'s order', () => {
    const a = [[1, 2], [3, 4]];
    // y = dgemv(alpha,a,x,beta,y,offx,incx,offy,incy,trans)
    expect(Array.from(m.dgemv(1, a, [0, 1, 0, 1], 0, [0, 0], 1, 2, 0, 1, 1))).toEqual([4, 6]);
    // undefined stands for a left-out optional argument, as None does in SciPy: y created 1+1+(2-1)*2 long
    expect(Array.from(m.dgemv(1, a, [0, 1, 0, 1], 0, undefined, 1, 2, 1, 2, 1))).toEqual([0, 4, 0, 6]);
    // yout = dgbmv(m,n,kl,ku,alpha,a,x,incx,offx,beta,y,incy,offy,trans)
    expect(Array.from(m.dgbmv(2, 2, 0, 1, 1, [[0, 2], [1, 3]], [1, 1], 1, 0, 2, [5, 5], 1, 0, 0))).toEqual([13, 13]);
    // a = dger(alpha,x,y,incx,incy,a)
    expect(Array.from(m.dger(1, [1, 2], [3, 4], 1, -1, [[1, 1], [1, 1]]).data)).toEqual([5, 9, 4, 7]);
    // a = dsyr2(alpha,x,y,lower,incx,offx,incy,offy,n,a)
    expect(Array.from(m.dsyr2(1, [1, 2], [1, 1], 1, 1, 0, 1, 0, 2, undefined).data)).toEqual([2, 3, 0, 4]);
    // xout = dtrsv(a,x,incx,offx,lower,trans,diag)
    expect(Array.from(m.dtrsv([[2, 0], [1, 4]], [2, 9], 1, 0, 1, 0, 0))).toEqual([1, 2]);
  });
});
