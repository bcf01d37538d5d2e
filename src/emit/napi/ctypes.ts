// C++ spellings for the napi emitter: element types, member names and extent expressions.

import type { Dtype } from '../../ir/dtype';
import type { Bound, Expr } from '../../ir/types';

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

export const RESULT_MEMBER = 'r_value';

const CHECKED_OP: Readonly<Record<'+' | '-' | '*' | '/', string>> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div' };

/** An extent expression in checked C++ arithmetic (runtime extent.h); `args` is in scope. */
export function cppExtentExpr(expr: Expr): string {
  switch (expr.op) {
    case 'int':
      return `int64_t{${expr.value}}`;
    case 'name':
      return `int64_t(${member(expr.name)})`;
    case 'neg':
      return `bridgegen::ext_neg(args, ${cppExtentExpr(expr.arg)})`;
    case '+':
    case '-':
    case '*':
    case '/':
      return `bridgegen::ext_${CHECKED_OP[expr.op]}(args, ${cppExtentExpr(expr.left)}, ${cppExtentExpr(expr.right)})`;
    case 'call':
      // Only max/min reach here (the `supported` pass); fold left over two or more arguments.
      return expr.args.map(cppExtentExpr).reduce((acc, next) => `bridgegen::ext_${expr.name}(${acc}, ${next})`);
  }
}

/** The extent of one dimension, or `bridgegen::kUnchecked` for an assumed-size `*`. */
export function cppExtent(bound: Bound): string {
  if (bound.upper === null) return 'bridgegen::kUnchecked';
  if (bound.lower.op === 'int' && bound.lower.value === 1) return cppExtentExpr(bound.upper);
  return `bridgegen::ext_span(args, ${cppExtentExpr(bound.lower)}, ${cppExtentExpr(bound.upper)})`;
}

/** A C++ string literal. */
export function cppString(text: string): string {
  return JSON.stringify(text);
}
