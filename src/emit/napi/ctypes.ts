// C++ spellings for the napi emitter: element types, member names and extent expressions.

import { requireDtype, type Dtype } from '../../ir/dtype';
import type { Arg, Bound, Expr } from '../../ir/types';

export const C_TYPE: Readonly<Record<Dtype, string>> = {
  int8: 'int8_t',
  int16: 'int16_t',
  int32: 'int32_t',
  int64: 'int64_t',
  float32: 'float',
  float64: 'double',
  complex64: 'std::complex<float>',
  complex128: 'std::complex<double>',
  logical1: 'bridgegen::logical1',
  logical4: 'bridgegen::logical4',
  chars: 'bridgegen::Chars',
};

/** Frame members are prefixed so no Fortran name can clash with C++ keywords or frame methods. */
export function member(name: string): string {
  return `a_${name}`;
}

/** Whether an argument that may be absent was given. */
export function present(arg: Pick<Arg, 'name'>): string {
  return `${member(arg.name)}_present`;
}

export function cType(arg: Pick<Arg, 'type' | 'kind' | 'name'>): string {
  return C_TYPE[requireDtype(arg)];
}

export const RESULT_MEMBER = 'r_value';

const CHECKED_OP: Readonly<Record<'+' | '-' | '*' | '/', string>> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div' };

/** An extent expression in checked C++ arithmetic (runtime extent.h); `args` is in scope. */
export function cppExtentExpr(expr: Expr, paramIndex: (name: string) => number = () => -1): string {
  const sub = (e: Expr) => cppExtentExpr(e, paramIndex);
  switch (expr.op) {
    case 'int':
      return `int64_t{${expr.value}}`;
    case 'name':
      return `int64_t(${member(expr.name)})`;
    case 'neg':
      return `bridgegen::ext_neg(args, ${sub(expr.arg)})`;
    case '+':
    case '-':
    case '*':
    case '/':
      return `bridgegen::ext_${CHECKED_OP[expr.op]}(args, ${sub(expr.left)}, ${sub(expr.right)})`;
    case 'call':
      if (expr.name === 'size') return cppSize(expr.args, paramIndex);
      // Only max/min are left (the `supported` pass); fold left over two or more arguments.
      return expr.args.map(sub).reduce((acc, next) => `bridgegen::ext_${expr.name}(${acc}, ${next})`);
  }
}

/** `size(a)` (elements) or `size(a, k)` (an extent, which needs `a`'s shape) of an input array. */
function cppSize(args: readonly Expr[], paramIndex: (name: string) => number): string {
  const [of, dim] = args;
  const name = of.op === 'name' ? of.name : '';
  if (!dim) return `int64_t(${member(name)}.length)`;
  const k = dim.op === 'int' ? dim.value - 1 : 0;
  return `bridgegen::known_extent(args, ${paramIndex(name)}, ${member(name)}, ${k})`;
}

/** The extent of one dimension, or `bridgegen::kUnchecked` for an assumed-size `*` or shape `:`. */
export function cppExtent(bound: Bound, paramIndex?: (name: string) => number): string {
  if (bound.upper === null) return 'bridgegen::kUnchecked';
  if (bound.lower.op === 'int' && bound.lower.value === 1) return cppExtentExpr(bound.upper, paramIndex);
  return `bridgegen::ext_span(args, ${cppExtentExpr(bound.lower, paramIndex)}, ${cppExtentExpr(bound.upper, paramIndex)})`;
}

/** A C++ string literal. */
export function cppString(text: string): string {
  return JSON.stringify(text);
}
