// SciPy as the reference for bridgegen/linalg (issue 6): a suite's cases are run through
// `scripts/scipy-oracle.py` with Debian's /usr/bin/python3 when SciPy is there, and the answers
// are kept in test/fixtures/linalg/<suite>.json, so a machine without SciPy (CI) compares with
// the same answers. A case is plain data; `toJs` turns its arguments into bridgegen's inputs and
// `expectLikeScipy` compares a bridgegen result with SciPy's, output by output.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** An array as SciPy and bridgegen both see it: data flat in column-major order, complex interleaved. */
export interface ArrayValue {
  readonly dtype: 'float32' | 'float64' | 'complex64' | 'complex128' | 'int32' | 'int64';
  readonly shape: readonly number[];
  readonly data: readonly number[];
}
/** A callback by name: the same function on both sides (CALLBACKS here, in scipy-oracle.py). */
export interface CallbackValue {
  readonly callback: keyof typeof CALLBACKS;
}

export type Value = number | boolean | string | { readonly re: number; readonly im: number } | ArrayValue | CallbackValue;

type Scalar = number | { readonly re: number; readonly im: number };
const re = (x: Scalar): number => (typeof x === 'number' ? x : x.re);

/**
 * gees/gges's select, as scipy-oracle.py's: the eigenvalue has a negative real part. Called with
 * (wr, wi) or (w) by gees, (alphar, alphai, beta) or (alpha, beta) by gges (lambda = alpha/beta).
 */
function leftHalfPlane(...args: Scalar[]): boolean {
  if (args.length === 3) return re(args[0]!) * re(args[2]!) < 0;
  const [a, b] = args;
  if (args.length === 2 && typeof a === 'object' && typeof b === 'object') return a.re * b.re + a.im * b.im < 0;
  return re(a!) < 0;
}

export const CALLBACKS = { lhp: leftHalfPlane };

export interface ScipyCase {
  /** `blas.ddot`, `lapack.dgesv`: the module and the SciPy name (the bridgegen name too). */
  readonly fn: string;
  readonly args: readonly Value[];
  readonly kwargs?: Readonly<Record<string, Value | undefined>>;
}

/** SciPy's answer: its outputs, named as in its docstring, or the error it raised. */
export type ScipyAnswer = { readonly names: readonly string[]; readonly values: readonly Value[] } | { readonly error: string };

const ROOT = path.resolve(__dirname, '../..');
const PYTHON = '/usr/bin/python3';

/** SciPy is there (BRIDGEGEN_NO_SCIPY=1 pretends it is not: the fixtures answer, as in CI). */
function scipyAvailable(): boolean {
  if (process.env.BRIDGEGEN_NO_SCIPY) return false;
  return spawnSync(PYTHON, ['-c', 'import scipy.linalg'], { stdio: 'ignore' }).status === 0;
}

const keyOf = (c: ScipyCase): string => JSON.stringify(c);

/**
 * SciPy's answers to `cases`, from SciPy itself when it is installed (refreshing the fixture
 * `test/fixtures/linalg/<suite>.json`), else from that fixture.
 */
export function scipyAnswers(suite: string, cases: readonly ScipyCase[]): ScipyAnswer[] {
  const file = path.join(ROOT, 'test/fixtures/linalg', `${suite}.json`);
  if (scipyAvailable()) {
    const r = spawnSync(PYTHON, [path.join(ROOT, 'scripts/scipy-oracle.py')], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(`scipy-oracle.py failed: ${r.stderr}`);
    const answers = JSON.parse(r.stdout) as ScipyAnswer[];
    const fixture = Object.fromEntries(cases.map((c, i) => [keyOf(c), answers[i]]));
    const text = `${JSON.stringify(fixture, null, 0).replace(/,"\{/g, ',\n"{')}\n`;
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
    return answers;
  }
  const fixture = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, ScipyAnswer>;
  const recorded = Object.keys(fixture).map((key) => ({ key, c: JSON.parse(key) as ScipyCase }));
  return cases.map((c) => {
    // A case whose inputs this module computed (an LU, a Schur form) may differ in the last bits
    // from the recorded one on another CPU (BLAS kernels differ): then the recorded case with the
    // same routine and options and inputs equal to a few ulps answers.
    const answer = fixture[keyOf(c)] ?? fixture[recorded.find((r) => sameCase(r.c, c))?.key ?? ''];
    if (!answer) throw new Error(`no SciPy answer for ${keyOf(c)} in ${file}: run the test once where /usr/bin/python3 has SciPy`);
    return answer;
  });
}

/** `a` and `b` are the same case up to rounding in their array arguments (relative to each array's largest entry). */
function sameCase(a: ScipyCase, b: ScipyCase): boolean {
  const close = (x: unknown, y: unknown): boolean => {
    if (typeof x !== 'object' || x === null || typeof y !== 'object' || y === null) return x === y;
    if (Array.isArray(x) || Array.isArray(y)) {
      return Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => close(v, y[i]));
    }
    const [u, v] = [x as Record<string, unknown>, y as Record<string, unknown>];
    if ('dtype' in u && 'dtype' in v) {
      const [p, q] = [u as unknown as ArrayValue, v as unknown as ArrayValue];
      if (p.dtype !== q.dtype || JSON.stringify(p.shape) !== JSON.stringify(q.shape) || p.data.length !== q.data.length) return false;
      const tol = (p.dtype === 'float32' || p.dtype === 'complex64' ? 1e-5 : 1e-12) * Math.max(1, ...p.data.map(Math.abs));
      return p.data.every((w, k) => Math.abs(w - q.data[k]!) <= tol);
    }
    const keys = Object.keys(u).filter((k) => u[k] !== undefined);
    return keys.length === Object.keys(v).filter((k) => v[k] !== undefined).length && keys.every((k) => close(u[k], v[k]));
  };
  return a.fn === b.fn && close(a.args, b.args) && close(a.kwargs ?? {}, b.kwargs ?? {});
}

const isArray = (v: Value): v is ArrayValue => typeof v === 'object' && 'dtype' in v;

/** Strings are compared as they are (no tolerance). */
const isString = (v: unknown): v is string => typeof v === 'string';

function typed(dtype: ArrayValue['dtype'], data: readonly number[]): Float64Array | Float32Array | Int32Array | BigInt64Array {
  switch (dtype) {
    case 'float32':
    case 'complex64':
      return Float32Array.from(data);
    case 'int32':
      return Int32Array.from(data);
    case 'int64':
      return BigInt64Array.from(data.map((x) => BigInt(x)));
    default:
      return Float64Array.from(data);
  }
}

/** A case value as bridgegen takes it: typed arrays (rank 1), column-major ndarray-likes (rank >= 2). */
export function toJs(v: Value): unknown {
  if (typeof v === 'object' && 'callback' in v) return CALLBACKS[v.callback];
  if (!isArray(v)) return v;
  const data = typed(v.dtype, v.data);
  return v.shape.length === 1 ? data : { data, shape: [...v.shape], order: 'column-major' };
}

/** The arguments of a case for bridgegen: positional ones, then the keyword ones as an options object. */
export function jsArgs(c: ScipyCase): unknown[] {
  const args = c.args.map(toJs);
  const given = Object.entries(c.kwargs ?? {}).filter((e): e is [string, Value] => e[1] !== undefined);
  return given.length ? [...args, Object.fromEntries(given.map(([k, v]) => [k, toJs(v)]))] : args;
}

/** A bridgegen output as flat numbers (column-major, complex interleaved) and a shape. */
function flatten(actual: unknown): { shape: number[]; data: number[] } {
  if (typeof actual === 'number' || typeof actual === 'boolean' || typeof actual === 'bigint') return { shape: [], data: [Number(actual)] };
  if (ArrayBuffer.isView(actual)) return { shape: [(actual as unknown as ArrayLike<number>).length], data: Array.from(actual as unknown as ArrayLike<number | bigint>, Number) };
  const o = actual as { re?: number; im?: number; data?: ArrayLike<number>; shape?: number[] };
  if (o && typeof o.re === 'number') return { shape: [], data: [o.re, o.im!] };
  if (o && o.data && o.shape) return { shape: o.shape, data: Array.from(o.data as ArrayLike<number | bigint>, Number) };
  throw new Error(`cannot compare ${String(actual)}`);
}

function expected(v: Value): { shape: number[]; data: number[]; complex: boolean } {
  if (isArray(v)) return { shape: [...v.shape], data: [...v.data], complex: v.dtype.startsWith('complex') };
  if (isString(v)) throw new Error('internal: strings are compared directly');
  if (typeof v === 'object' && 'callback' in v) throw new Error('internal: SciPy returns no callbacks');
  if (typeof v === 'object') return { shape: [], data: [v.re, v.im], complex: true };
  return { shape: [], data: [Number(v)], complex: false };
}

/**
 * Expects bridgegen's `result` to be SciPy's `answer`: a single output is the value itself, several
 * come as an object keyed by SciPy's names. `rtol` is relative to the largest magnitude of each output.
 */
export function expectLikeScipy(result: unknown, answer: ScipyAnswer, rtol = 1e-10, skip: readonly string[] = []): void {
  if ('error' in answer) throw new Error(`SciPy raised ${answer.error}; test the error path explicitly`);
  answer.names.forEach((name, i) => {
    if (skip.includes(name)) return;
    const actual = answer.names.length === 1 ? result : (result as Record<string, unknown>)[name];
    if (isString(answer.values[i])) return void expect({ name, actual }).toEqual({ name, actual: answer.values[i] });
    const want = expected(answer.values[i]!);
    const got = flatten(actual);
    // A complex vector is an interleaved typed array: 2 numbers per element.
    if (want.complex && ArrayBuffer.isView(actual) && got.shape.length === 1) got.shape = [got.shape[0]! / 2];
    const where = `output \`${name}\``;
    if (want.shape.length > 0) expect({ where, shape: got.shape }).toEqual({ where, shape: want.shape });
    // A complex scalar is {re, im}; a complex array interleaves, so lengths already agree.
    expect({ where, length: got.data.length }).toEqual({ where, length: want.data.length });
    const scale = Math.max(1, ...want.data.map(Math.abs));
    const worst = Math.max(0, ...want.data.map((w, k) => Math.abs(w - got.data[k]!) / scale));
    if (!(worst <= rtol)) throw new Error(`${where}: relative error ${worst} > ${rtol}\n got  ${got.data.slice(0, 12).join(', ')}\n want ${want.data.slice(0, 12).join(', ')}`);
  });
}

/** A deterministic pseudo-random array (the same numbers on every machine, so fixtures stay valid). */
export function randomArray(dtype: ArrayValue['dtype'], shape: readonly number[], seed = 1): ArrayValue {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.round(((state / 2 ** 32) * 2 - 1) * 1e6) / 1e6; // 6 decimals: exact in JSON
  };
  const count = shape.reduce((a, b) => a * b, 1) * (dtype.startsWith('complex') ? 2 : 1);
  return { dtype, shape, data: Array.from({ length: count }, next) };
}

/** SciPy's answers to `cases` (as `scipyAnswers`), keyed by case. */
export function answersByCase(suite: string, cases: readonly ScipyCase[]): Map<ScipyCase, ScipyAnswer> {
  const list = scipyAnswers(suite, cases);
  return new Map(cases.map((c, i) => [c, list[i]!]));
}

/** `expectLikeScipy` on what `call` returns, a failure naming the case (its routine and options). */
export function expectCaseLikeScipy(call: () => unknown, c: ScipyCase, answer: ScipyAnswer, rtol?: number): void {
  try {
    expectLikeScipy(call(), answer, rtol);
  } catch (e) {
    throw new Error(`${JSON.stringify({ fn: c.fn, kwargs: c.kwargs })}: ${(e as Error).message}`);
  }
}
