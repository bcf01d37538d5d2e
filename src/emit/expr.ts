// Prints IR extent expressions in each target language; emitters choose how names are spelled.

import type { Bound, Expr } from '../ir/types';

/** Binding strength of each operator: higher binds tighter. */
const PRECEDENCE: Readonly<Record<string, number>> = {
  or: 1, and: 2, not: 3, '==': 4, '/=': 4, '<': 4, '<=': 4, '>': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6,
};
const SUM = PRECEDENCE['+']!;

/** A real literal that reads back as real: `1.0`, `0.5`, `1e-08`. */
export function realText(value: number): string {
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** Fortran spelling, as in the source (normalised): `2*n+1`, `max(1,n)`. */
export function fortranExpr(expr: Expr): string {
  return printInfix(expr, (name) => name, (name, args) => `${name}(${args.join(',')})`);
}

/** Fortran spelling of one dimension: `n`, `0:n`, `*`, `:`. */
export function fortranBound(bound: Bound): string {
  const lower = bound.lower.op === 'int' && bound.lower.value === 1 ? '' : `${fortranExpr(bound.lower)}:`;
  if (bound.form === 'assumed-shape') return lower === '' ? ':' : lower;
  if (bound.upper === null) return `${lower}*`;
  return lower + fortranExpr(bound.upper);
}

/** Infix printing with minimal parentheses; `name` and `call` decide the spelling of leaves. */
export function printInfix(
  expr: Expr,
  name: (name: string) => string,
  call: (name: string, args: string[]) => string,
  parent = 0,
): string {
  switch (expr.op) {
    case 'int':
      return String(expr.value);
    case 'real':
      return realText(expr.value);
    case 'name':
      return name(expr.name);
    case 'string':
      return `'${expr.value.replace(/'/g, "''")}'`;
    case 'neg': {
      // Standard Fortran allows no operator right after another (`a--n`, `2*-n`): a negation
      // that is not the leftmost operand of a sum is parenthesized.
      const text = `-${printInfix(expr.arg, name, call, SUM + 2)}`;
      return parent > SUM ? `(${text})` : text;
    }
    case 'not': {
      const text = `.not.${printInfix(expr.arg, name, call, PRECEDENCE.not!)}`;
      return parent > PRECEDENCE.not! ? `(${text})` : text;
    }
    case 'call':
      return call(expr.name, expr.args.map((a) => printInfix(a, name, call)));
    case 'cond':
      // Fortran's spelling of `?:`; every target that prints infix reads `merge` as a call.
      return call('merge', [expr.then, expr.else, expr.test].map((a) => printInfix(a, name, call)));
    default: {
      const own = PRECEDENCE[expr.op]!;
      const op = expr.op === 'and' || expr.op === 'or' ? `.${expr.op}.` : expr.op;
      // The right operand binds tighter so that a-(b-c) keeps its parentheses.
      const text = `${printInfix(expr.left, name, call, own)}${op}${printInfix(expr.right, name, call, own + 1)}`;
      return own < parent ? `(${text})` : text;
    }
  }
}
