// Lengths of C pointer arguments from recognised conventions, where the prototype alone says
// how much the function touches: BLAS strided vectors (`n`, `x`, `incx` -> 1+(n-1)*|incx|),
// leading dimensions (`a`, `lda`) of matrices whose other dimension the routine's sizes fix,
// with CBLAS's layout and transpose flags read through `?:`. Anything else stays unknown: a
// guessed length would make an out-of-bounds access look checked.

import type { Expr } from '../ir/types';

/** What a convention needs to know of one parameter (lower-case name). */
export interface ParamFacts {
  readonly name: string;
  /** A pointer to numbers: an array whose length is wanted. */
  readonly array: boolean;
  /** An integer (or enum) passed by value. */
  readonly integer: boolean;
  readonly integerArray: boolean;
}

const name = (n: string): Expr => ({ op: 'name', name: n });
const int = (value: number): Expr => ({ op: 'int', value });
const mul = (left: Expr, right: Expr): Expr => ({ op: '*', left, right });
const eq = (left: Expr, right: Expr): Expr => ({ op: '==', left, right });
const cond = (test: Expr, then: Expr, otherwise: Expr): Expr => ({ op: 'cond', test, then, else: otherwise });
const same = (a: Expr, b: Expr): boolean => JSON.stringify(a) === JSON.stringify(b);

/** `1+(n-1)*abs(inc)`: the elements a BLAS vector of `n` entries with stride `inc` spans. */
function strided(n: Expr, inc: string): Expr {
  return { op: '+', left: int(1), right: mul({ op: '-', left: n, right: int(1) }, { op: 'call', name: 'abs', args: [name(inc)] }) };
}

/** How the routine says its matrices are laid out and transposed, from the header's constants. */
interface Flags {
  /** The layout parameter (`order`, `layout`, `matrix_layout`) and the row-major value, if any. */
  readonly layout?: { readonly param: string; readonly rowMajor: number };
  /** `trans` is transposed: `trans==CblasTrans || trans==CblasConjTrans`, when the header defines them. */
  readonly transposed?: (trans: string) => Expr;
}

function flagsOf(params: readonly ParamFacts[], constants: ReadonlyMap<string, number>): Flags {
  const layoutParam = params.find((p) => p.integer && ['order', 'layout', 'matrix_layout'].includes(p.name));
  const rowMajor = constants.get('CblasRowMajor') ?? constants.get('LAPACK_ROW_MAJOR');
  const trans = constants.get('CblasTrans');
  const conjTrans = constants.get('CblasConjTrans');
  return {
    ...(layoutParam && rowMajor !== undefined ? { layout: { param: layoutParam.name, rowMajor } } : {}),
    ...(trans !== undefined && conjTrans !== undefined
      ? { transposed: (t: string) => ({ op: 'or', left: eq(name(t), int(trans)), right: eq(name(t), int(conjTrans)) }) as Expr }
      : {}),
  };
}

/** The elements a `rows` x `cols` matrix with leading dimension `ld` spans, in either layout. */
function matrix(rows: Expr, cols: Expr, ld: string, flags: Flags, hasLayoutParam: boolean): Expr | undefined {
  if (same(rows, cols) || !hasLayoutParam) return mul(name(ld), cols);
  if (!flags.layout) return undefined; // a layout parameter whose values the header does not name
  return cond(eq(name(flags.layout.param), int(flags.layout.rowMajor)), mul(rows, name(ld)), mul(name(ld), cols));
}

/** A matrix stored `rows` x `cols`, or `cols` x `rows` when `trans` says it is transposed. */
function stored(rows: Expr, cols: Expr, trans: string, ld: string, flags: Flags, hasLayout: boolean): Expr | undefined {
  if (!flags.transposed) return undefined;
  const plain = matrix(rows, cols, ld, flags, hasLayout);
  const swapped = matrix(cols, rows, ld, flags, hasLayout);
  return plain && swapped ? cond(flags.transposed(trans), swapped, plain) : undefined;
}

type Lengths = Map<string, Expr>;

/** `gemm`: op(A) is m x k, op(B) k x n, C m x n. */
function gemm(has: (n: string) => boolean, flags: Flags, hasLayout: boolean): Lengths | undefined {
  if (!['transa', 'transb', 'm', 'n', 'k', 'a', 'lda', 'b', 'ldb', 'c', 'ldc'].every(has)) return undefined;
  const [m, n, k] = [name('m'), name('n'), name('k')];
  return entries([
    ['a', stored(m, k, 'transa', 'lda', flags, hasLayout)],
    ['b', stored(k, n, 'transb', 'ldb', flags, hasLayout)],
    ['c', matrix(m, n, 'ldc', flags, hasLayout)],
  ]);
}

/** `gemv`: A is m x n; x has n entries and y m, the other way round when A is transposed. */
function gemv(has: (n: string) => boolean, flags: Flags, hasLayout: boolean): Lengths | undefined {
  if (!['trans', 'm', 'n', 'a', 'lda', 'x', 'incx', 'y', 'incy'].every(has) || !flags.transposed) return undefined;
  const [m, n, t] = [name('m'), name('n'), flags.transposed('trans')];
  return entries([
    ['a', matrix(m, n, 'lda', flags, hasLayout)],
    ['x', strided(cond(t, m, n), 'incx')],
    ['y', strided(cond(t, n, m), 'incy')],
  ]);
}

/**
 * Square systems: every size is `n` (or `nrhs`, the columns of `b`), as in BLAS's symmetric and
 * triangular routines and LAPACK's solvers (`LAPACKE_dgesv`): vectors of `n` with a stride,
 * `n` x `n` matrices, `b` of `n` x `nrhs`, and pivots (`ipiv`) of `n`.
 */
function square(params: readonly ParamFacts[], has: (n: string) => boolean, flags: Flags, hasLayout: boolean): Lengths | undefined {
  const sizes = params.filter((p) => p.integer && p.name !== flags.layout?.param && p.name !== 'matrix_layout' && p.name !== 'order');
  const known = (s: string) => ['n', 'nrhs'].includes(s) || (/^ld/.test(s) && has(s.slice(2))) || (/^inc/.test(s) && has(s.slice(3)));
  if (!has('n') || !sizes.every((p) => known(p.name))) return undefined;
  const n = name('n');
  const lengths: Lengths = new Map();
  for (const p of params.filter((q) => q.array || q.integerArray)) {
    const cols = p.name === 'b' && has('nrhs') ? name('nrhs') : n;
    const length = has(`inc${p.name}`) ? strided(n, `inc${p.name}`)
      : has(`ld${p.name}`) ? matrix(n, cols, `ld${p.name}`, flags, hasLayout)
        : p.integerArray && p.name === 'ipiv' ? n : undefined;
    if (length) lengths.set(p.name, length);
  }
  return lengths;
}

function entries(list: ReadonlyArray<readonly [string, Expr | undefined]>): Lengths {
  return new Map(list.filter((e): e is [string, Expr] => e[1] !== undefined));
}

/** The lengths the conventions give, by parameter name; pointers they do not cover are absent. */
export function conventionalLengths(params: readonly ParamFacts[], constants: ReadonlyMap<string, number>): ReadonlyMap<string, Expr> {
  const has = (n: string) => params.some((p) => p.name === n);
  const flags = flagsOf(params, constants);
  const hasLayout = params.some((p) => p.integer && ['order', 'layout', 'matrix_layout'].includes(p.name));
  return gemm(has, flags, hasLayout) ?? gemv(has, flags, hasLayout) ?? square(params, has, flags, hasLayout) ?? new Map();
}
