// Level 3 BLAS of bridgegen/linalg (fortran/linalg/blas_l3.pyf.src) against scipy.linalg.blas:
// gemm symm hemm syrk herk syr2k her2k trmm trsm in every precision SciPy has, called exactly as
// SciPy is called (positional and keyword arguments; optional beta and c left out or given), their
// flags (trans, side, lower, diag), overwrite_c/overwrite_b, an Async twin, and the error paths.
// The module is the shipped one, require('bridgegen/linalg') (built by `bridgegen linalg-build`,
// which scripts/setup.sh runs). SciPy's answers: live through /usr/bin/python3 when it has SciPy,
// else test/fixtures/linalg/blas3.json.

import type * as Linalg from '../../linalg';
import { answersByCase, type ArrayValue, expectCaseLikeScipy, expectLikeScipy, jsArgs, randomArray, type ScipyAnswer, type ScipyCase, type Value } from '../helpers/scipy';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const m = (require('bridgegen/linalg') as typeof Linalg).blas as unknown as Record<string, (...args: unknown[]) => any>;

type P = 's' | 'd' | 'c' | 'z';
const DTYPE = { s: 'float32', d: 'float64', c: 'complex64', z: 'complex128' } as const;
const RTOL = { s: 2e-5, d: 1e-12, c: 2e-5, z: 1e-12 } as const;
const complex = (p: P): boolean => p === 'c' || p === 'z';

let seed = 100;
const rnd = (p: P, shape: number[]): ArrayValue => randomArray(DTYPE[p], shape, seed++);
/** A scalar of the precision: real for s/d, complex for c/z. */
const scalar = (p: P, re: number, im: number): Value => (complex(p) ? { re, im } : re);

/** A random n x n matrix with `shift` added to its diagonal (well-conditioned triangles for trsm). */
function diagDominant(p: P, n: number): ArrayValue {
  const a = rnd(p, [n, n]);
  const data = [...a.data];
  const step = complex(p) ? 2 : 1;
  for (let i = 0; i < n; i++) data[(i * n + i) * step] += 4;
  return { ...a, data };
}

const cases: ScipyCase[] = [];
const add = (c: ScipyCase): ScipyCase => (cases.push(c), c);

interface Family {
  readonly name: string;
  readonly prefixes: readonly P[];
  readonly make: (p: P) => ScipyCase[];
}

const families: Family[] = [
  {
    name: 'gemm',
    prefixes: ['s', 'd', 'c', 'z'],
    make: (p) => [
      // c = gemm(alpha,a,b,[beta,c,trans_a,trans_b,overwrite_c])
      { fn: `blas.${p}gemm`, args: [scalar(p, 0.5, 0.25), rnd(p, [3, 4]), rnd(p, [4, 2])] },
      { fn: `blas.${p}gemm`, args: [scalar(p, 1, -0.5), rnd(p, [4, 3]), rnd(p, [2, 4])], kwargs: { trans_a: 1, trans_b: complex(p) ? 2 : 1 } },
      { fn: `blas.${p}gemm`, args: [scalar(p, 0.5, 0.25), rnd(p, [3, 4]), rnd(p, [4, 2]), scalar(p, 0, 0), rnd(p, [3, 2])] },
      { fn: `blas.${p}gemm`, args: [scalar(p, 1.5, -1), rnd(p, [4, 3]), rnd(p, [4, 2]), scalar(p, -2, 0.5), rnd(p, [3, 2])], kwargs: { trans_a: 1 } },
      { fn: `blas.${p}gemm`, args: [scalar(p, 1, 0), rnd(p, [3, 4]), rnd(p, [2, 4]), scalar(p, 1, 1), rnd(p, [3, 2])], kwargs: { trans_b: 2 } },
      { fn: `blas.${p}gemm`, args: [scalar(p, -1, 2), rnd(p, [4, 3]), rnd(p, [5, 4]), scalar(p, 0.5, 0), rnd(p, [3, 5])], kwargs: { trans_a: 2, trans_b: 1 } },
    ],
  },
  {
    name: 'symm/hemm',
    prefixes: ['s', 'd', 'c', 'z'],
    make: (p) => {
      const names = complex(p) ? ['symm', 'hemm'] : ['symm'];
      return names.flatMap((r) => [
        // c = symm(alpha,a,b,[beta,c,side,lower,overwrite_c])
        { fn: `blas.${p}${r}`, args: [scalar(p, 0.5, 1), rnd(p, [3, 3]), rnd(p, [3, 2]), scalar(p, 2, 0), rnd(p, [3, 2])] },
        { fn: `blas.${p}${r}`, args: [scalar(p, -1, 0.5), rnd(p, [3, 3]), rnd(p, [2, 3]), scalar(p, 0.5, -1), rnd(p, [2, 3])], kwargs: { side: 1, lower: 1 } },
        { fn: `blas.${p}${r}`, args: [scalar(p, 1, 2), rnd(p, [3, 3]), rnd(p, [3, 2])] },
        { fn: `blas.${p}${r}`, args: [scalar(p, 2, -1), rnd(p, [2, 2]), rnd(p, [3, 2])], kwargs: { side: 1, beta: scalar(p, 5, 0) } },
      ]);
    },
  },
  {
    name: 'syrk/herk',
    prefixes: ['s', 'd', 'c', 'z'],
    make: (p) => [
      // c = syrk(alpha,a,[beta,c,trans,lower,overwrite_c])
      { fn: `blas.${p}syrk`, args: [scalar(p, 0.5, 1), rnd(p, [3, 2]), scalar(p, 1, 0), rnd(p, [3, 3])] },
      { fn: `blas.${p}syrk`, args: [scalar(p, 0.5, 1), rnd(p, [3, 2])] },
      { fn: `blas.${p}syrk`, args: [scalar(p, 1, -1), rnd(p, [3, 2])], kwargs: { trans: 1, lower: 1 } },
      { fn: `blas.${p}syrk`, args: [scalar(p, -1, 0), rnd(p, [3, 2]), scalar(p, 0.5, 0.5), rnd(p, [2, 2])], kwargs: { trans: 1, lower: 1 } },
      ...(complex(p)
        ? [
            // herk's alpha and beta are real in BLAS (the real part is what counts, as in SciPy).
            { fn: `blas.${p}herk`, args: [scalar(p, 0.5, 0), rnd(p, [3, 2]), scalar(p, 2, 0), rnd(p, [3, 3])] },
            { fn: `blas.${p}herk`, args: [scalar(p, 1.5, 0), rnd(p, [3, 2])], kwargs: { trans: 2 } },
            { fn: `blas.${p}herk`, args: [scalar(p, -1, 0), rnd(p, [3, 2]), scalar(p, 0.5, 0), rnd(p, [2, 2])], kwargs: { trans: 2, lower: 1 } },
          ]
        : []),
    ],
  },
  {
    name: 'syr2k/her2k',
    prefixes: ['s', 'd', 'c', 'z'],
    make: (p) => [
      // c = syr2k(alpha,a,b,[beta,c,trans,lower,overwrite_c])
      { fn: `blas.${p}syr2k`, args: [scalar(p, 0.5, 1), rnd(p, [3, 2]), rnd(p, [3, 2]), scalar(p, 1, 0), rnd(p, [3, 3])] },
      { fn: `blas.${p}syr2k`, args: [scalar(p, 0.5, 1), rnd(p, [3, 2]), rnd(p, [3, 2])] },
      { fn: `blas.${p}syr2k`, args: [scalar(p, -2, 1), rnd(p, [2, 3]), rnd(p, [2, 3])], kwargs: { trans: 1 } },
      { fn: `blas.${p}syr2k`, args: [scalar(p, -1, 0), rnd(p, [2, 3]), rnd(p, [2, 3]), scalar(p, 0.5, 0.5), rnd(p, [3, 3])], kwargs: { trans: 1, lower: 1 } },
      ...(complex(p)
        ? [
            { fn: `blas.${p}her2k`, args: [scalar(p, 0.5, 1), rnd(p, [3, 2]), rnd(p, [3, 2]), scalar(p, 2, 0), rnd(p, [3, 3])] },
            { fn: `blas.${p}her2k`, args: [scalar(p, 1, -1), rnd(p, [3, 2]), rnd(p, [3, 2])], kwargs: { lower: 1 } },
            { fn: `blas.${p}her2k`, args: [scalar(p, -1, 0.5), rnd(p, [2, 3]), rnd(p, [2, 3]), scalar(p, 0.5, 0), rnd(p, [3, 3])], kwargs: { trans: 2, lower: 1 } },
          ]
        : []),
    ],
  },
  {
    name: 'trmm',
    prefixes: ['s', 'd', 'c', 'z'],
    make: (p) => [
      // b = trmm(alpha,a,b,[side,lower,trans_a,diag,overwrite_b])
      { fn: `blas.${p}trmm`, args: [scalar(p, 0.5, 1), rnd(p, [3, 3]), rnd(p, [3, 2])] },
      { fn: `blas.${p}trmm`, args: [scalar(p, 1, 1), rnd(p, [2, 2]), rnd(p, [3, 2]), 1, 0, 1, 0] },
      { fn: `blas.${p}trmm`, args: [scalar(p, -1, 0), rnd(p, [3, 3]), rnd(p, [2, 3])], kwargs: { side: 1, lower: 1, trans_a: complex(p) ? 2 : 1, diag: 1 } },
      // a with more columns than the triangle needs (k >= m), as SciPy allows
      { fn: `blas.${p}trmm`, args: [scalar(p, 2, 0), rnd(p, [3, 3]), rnd(p, [3, 4])], kwargs: { trans_a: 1 } },
    ],
  },
  {
    name: 'trsm',
    prefixes: ['s', 'd', 'c', 'z'],
    make: (p) => [
      // x = trsm(alpha,a,b,[side,lower,trans_a,diag,overwrite_b])
      { fn: `blas.${p}trsm`, args: [scalar(p, 1, 0), diagDominant(p, 3), rnd(p, [3, 2])] },
      { fn: `blas.${p}trsm`, args: [scalar(p, 1, -1), diagDominant(p, 2), rnd(p, [3, 2]), 1, 1, 0, 0] },
      { fn: `blas.${p}trsm`, args: [scalar(p, 0.5, -1), diagDominant(p, 3), rnd(p, [2, 3])], kwargs: { side: 1, lower: 1, trans_a: complex(p) ? 2 : 1 } },
      { fn: `blas.${p}trsm`, args: [scalar(p, 2, 0), diagDominant(p, 3), rnd(p, [3, 2])], kwargs: { lower: 1, trans_a: 1, diag: 1 } },
    ],
  },
];

const byFamily = new Map(families.map((f) => [f.name, f.prefixes.flatMap((p) => f.make(p).map(add))]));

// Calls SciPy refuses; bridgegen must refuse them too: a RangeError, from a check(...) of the
// signature (ERR_BRIDGEGEN_CHECK) or from the declared dimensions (ERR_BRIDGEGEN_SHAPE).
const errors: ScipyCase[] = [
  { fn: 'blas.dgemm', args: [1, rnd('d', [3, 4]), rnd('d', [3, 2])] },
  { fn: 'blas.dgemm', args: [1, rnd('d', [3, 4]), rnd('d', [4, 2]), 0, rnd('d', [2, 2])] },
  { fn: 'blas.dgemm', args: [1, rnd('d', [3, 4]), rnd('d', [4, 2])], kwargs: { c: rnd('d', [3, 3]) } },
  { fn: 'blas.dgemm', args: [1, rnd('d', [3, 4]), rnd('d', [4, 2])], kwargs: { trans_a: 3 } },
  { fn: 'blas.dsymm', args: [1, rnd('d', [3, 3]), rnd('d', [2, 2])] },
  { fn: 'blas.dsymm', args: [1, rnd('d', [3, 3]), rnd('d', [3, 2])], kwargs: { side: 2 } },
  { fn: 'blas.ssyrk', args: [1, rnd('s', [3, 2])], kwargs: { c: rnd('s', [2, 2]) } },
  { fn: 'blas.zsyr2k', args: [{ re: 1, im: 0 }, rnd('z', [3, 2]), rnd('z', [3, 3])] },
  { fn: 'blas.strsm', args: [1, rnd('s', [3, 2]), rnd('s', [3, 2])] },
  { fn: 'blas.dtrsm', args: [1, rnd('d', [2, 2]), rnd('d', [3, 2])] },
  { fn: 'blas.ctrmm', args: [{ re: 1, im: 0 }, rnd('c', [2, 2]), rnd('c', [3, 2])] },
  { fn: 'blas.dtrmm', args: [1, rnd('d', [3, 3]), rnd('d', [3, 2])], kwargs: { diag: 2 } },
].map(add);

let answers: Map<ScipyCase, ScipyAnswer>;
beforeAll(() => {
  answers = answersByCase('blas3', cases);
});

const routine = (c: ScipyCase): string => c.fn.split('.')[1]!;
const rtolOf = (c: ScipyCase): number => RTOL[routine(c)[0] as P];

describe('level 3 BLAS against SciPy', () => {
  for (const [name, list] of byFamily) {
    it(`${name}: ${[...new Set(list.map(routine))].join(' ')}`, () => {
      for (const c of list) expectCaseLikeScipy(() => m[routine(c)]!(...jsArgs(c)), c, answers.get(c)!, rtolOf(c));
    });
  }

  it('refuses what SciPy refuses, before calling BLAS', () => {
    for (const c of errors) {
      expect({ fn: c.fn, scipy: 'error' in answers.get(c)! }).toEqual({ fn: c.fn, scipy: true });
      expect(() => m[routine(c)]!(...jsArgs(c))).toThrow(expect.objectContaining({ name: 'RangeError', code: expect.stringMatching(/^ERR_BRIDGEGEN_(CHECK|SHAPE)$/) }));
    }
    expect(() => m.dgemm(1, [[1]], [[1]], 0, [[0]], { trans_a: 3 })).toThrow(/^dgemm\(\): check\(trans_a>=0 && 2>=trans_a\) failed$/);
  });
});

describe('calling conventions', () => {
  it('dgemmAsync resolves to what dgemm returns', async () => {
    const c = byFamily.get('gemm')!.find((x) => x.fn === 'blas.dgemm' && x.kwargs?.trans_a === 2)!;
    const sync = m.dgemm(...jsArgs(c));
    const async = await m.dgemmAsync(...jsArgs(c));
    expect(async).toEqual(sync);
    expectLikeScipy(async, answers.get(c)!, 1e-12);
  });

  it('overwrite_c / overwrite_b update the caller\'s array in place; by default it is left alone', () => {
    const c0 = Float64Array.from([1, 2, 3, 4]);
    const cIn = { data: c0.slice(), shape: [2, 2], order: 'column-major' };
    const a = [[1, 2], [3, 4]];
    const kept = m.dgemm(1, a, a, 1, cIn);
    expect(cIn.data).toEqual(c0);
    const over = m.dgemm(1, a, a, 1, cIn, { overwrite_c: 1 });
    expect(Array.from(over.data)).toEqual(Array.from(kept.data));
    expect(Array.from(cIn.data)).toEqual(Array.from(kept.data));
    const b = { data: Float64Array.from([2, 4]), shape: [2, 1], order: 'column-major' };
    const x = m.dtrsm(1, [[2, 0], [0, 4]], b, { overwrite_b: 1 });
    expect(Array.from(x.data)).toEqual([1, 1]);
    expect(Array.from(b.data)).toEqual([1, 1]);
  });

  it('takes positional optional arguments in SciPy\'s order', () => {
    const a = [[1, 2], [3, 4]];
    const eye = [[1, 0], [0, 1]];
    // c = dgemm(alpha,a,b,beta,c,trans_a,trans_b)
    expect(Array.from(m.dgemm(1, a, eye, 0, eye, 1, 0).data)).toEqual([1, 2, 3, 4]);
    // undefined stands for a left-out optional argument, as None does in SciPy
    expect(Array.from(m.dgemm(1, a, a, undefined, undefined, 1, 0).data)).toEqual([10, 14, 14, 20]);
    // c = dsyrk(alpha,a,beta,c,trans,lower): lower triangle of a^T a, the rest of c (zero) untouched
    expect(Array.from(m.dsyrk(1, a, 0, undefined, 1, 1).data)).toEqual([10, 14, 0, 20]);
    // b = dtrmm(alpha,a,b,side,lower,trans_a,diag): unit diagonal, lower triangle of a
    expect(Array.from(m.dtrmm(1, a, eye, 0, 1, 0, 1).data)).toEqual([1, 3, 0, 1]);
  });
});
