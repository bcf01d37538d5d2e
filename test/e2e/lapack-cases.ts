// Shared by test/e2e/linalg-lapack-{solve,eig,lsq}.test.ts: matrices with the structure LAPACK
// routines need (diagonally dominant, symmetric/Hermitian positive definite, triangular, banded)
// as plain SciPy-case data, and the loop that checks bridgegen against SciPy case by case.

import { type ArrayValue, expectLikeScipy, jsArgs, randomArray, type ScipyCase, scipyAnswers } from '../helpers/scipy';

export type Dtype = ArrayValue['dtype'];
export const REAL: Record<string, Dtype> = { s: 'float32', d: 'float64', c: 'complex64', z: 'complex128' };
export const PREFIXES = ['s', 'd', 'c', 'z'] as const;
export const isComplex = (p: string): boolean => p === 'c' || p === 'z';
/** The real dtype of a precision: float32 for s and c, float64 for d and z. */
export const realOf = (p: string): Dtype => (p === 's' || p === 'c' ? 'float32' : 'float64');
export const rtolOf = (p: string): number => (p === 's' || p === 'c' ? 2e-4 : 1e-9);

/** The shipped package's `lapack` namespace (built by `bridgegen linalg-build`, scripts/setup.sh in CI). */
export function loadLapack(): Record<string, any> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('bridgegen/linalg').lapack;
}

/** Element (i, j) of a column-major matrix as [re, im] (im 0 for real). */
function get(a: ArrayValue, i: number, j: number): [number, number] {
  const k = i + j * a.shape[0]!;
  return a.dtype.startsWith('complex') ? [a.data[2 * k]!, a.data[2 * k + 1]!] : [a.data[k]!, 0];
}

/** A matrix built element by element (column-major). */
export function matrix(dtype: Dtype, m: number, n: number, f: (i: number, j: number) => [number, number]): ArrayValue {
  const cx = dtype.startsWith('complex');
  const data: number[] = [];
  for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) {
    const [re, im] = f(i, j);
    if (cx) data.push(re, im);
    else data.push(re);
  }
  return { dtype, shape: [m, n], data };
}

/** A random m-by-n matrix plus `boost` on its diagonal (diagonally dominant for boost > n). */
export function dominant(dtype: Dtype, m: number, n: number, seed: number, boost = n + 1): ArrayValue {
  const r = randomArray(dtype, [m, n], seed);
  return matrix(dtype, m, n, (i, j) => {
    const [re, im] = get(r, i, j);
    return i === j ? [re + boost, im] : [re, im];
  });
}

/** (R + R^T)/2 (or R^H for `hermitian`) plus `boost` on the diagonal: positive definite for boost > n. */
export function symmetric(dtype: Dtype, n: number, seed: number, boost = n + 1, hermitian = dtype.startsWith('complex')): ArrayValue {
  const r = randomArray(dtype, [n, n], seed);
  return matrix(dtype, n, n, (i, j) => {
    const [a, b] = get(r, i, j);
    const [c, d] = get(r, j, i);
    const im = hermitian ? (b - d) / 2 : (b + d) / 2;
    return i === j ? [(a + c) / 2 + boost, hermitian ? 0 : im] : [(a + c) / 2, im];
  });
}

/** The upper (or lower) triangle of a dominant matrix, zeros elsewhere. */
export function triangular(dtype: Dtype, n: number, seed: number, lower = false): ArrayValue {
  const a = dominant(dtype, n, n, seed);
  return matrix(dtype, n, n, (i, j) => ((lower ? i >= j : i <= j) ? get(a, i, j) : [0, 0]));
}

/** A JS result (typed array or column-major ndarray) as case data of dtype `t`: outputs of one routine as inputs of the next. */
export function caseData(t: Dtype, v: any): ArrayValue {
  if (ArrayBuffer.isView(v)) {
    const flat = Array.from(v as unknown as ArrayLike<number>);
    return { dtype: t, shape: [t.startsWith('complex') ? flat.length / 2 : flat.length], data: flat };
  }
  return { dtype: t, shape: [...v.shape], data: Array.from(v.data as ArrayLike<number>) };
}

export const ints = (values: readonly number[]): ArrayValue => ({ dtype: 'int32', shape: [values.length], data: [...values] });
export const vector = (dtype: Dtype, n: number, seed: number, boost = 0): ArrayValue => {
  const r = randomArray(dtype, [n], seed);
  const step = dtype.startsWith('complex') ? 2 : 1;
  return { ...r, data: r.data.map((x, k) => (k % step === 0 ? x + boost : x)) };
};

/** A case with its tolerance and the outputs not to compare (e.g. workspace sizes that differ by library). */
export interface Case extends ScipyCase {
  readonly rtol?: number;
  readonly skip?: readonly string[];
}

/** Checks every case against SciPy (answers from `suite`'s fixture when SciPy is missing). */
export function checkAgainstScipy(m: Record<string, any>, suite: string, cases: readonly Case[]): void {
  const answers = scipyAnswers(suite, cases.map(({ fn, args, kwargs }) => (kwargs ? { fn, args, kwargs } : { fn, args })));
  answers.forEach((answer, i) => {
    const c = cases[i]!;
    const name = c.fn.split('.')[1]!;
    if ('error' in answer) throw new Error(`${c.fn}: SciPy raised ${answer.error}`);
    try {
      expectLikeScipy(m[name](...jsArgs(c)), answer, c.rtol ?? rtolOf(name[0]!), c.skip ?? []);
    } catch (e) {
      throw new Error(`case ${i} ${c.fn}(${JSON.stringify(c.kwargs ?? {})}): ${(e as Error).message}`);
    }
  });
}

/** Names the `code` and message of an error thrown by `f` (errors cross a realm in jest: no instanceof). */
export function errorOf(f: () => unknown): { name: string; code?: string; message: string } {
  try {
    f();
  } catch (e) {
    const err = e as { name: string; code?: string; message: string };
    return { name: err.name, code: err.code, message: err.message };
  }
  throw new Error('expected an error');
}
