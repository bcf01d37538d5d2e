// Parses an expression's tokens (`2*n+1`, `size(a,1)`, `max(shape(a,0),1)`, `len(x)>=n .and. n>0`)
// into the IR's `Expr`: array bounds, F2Py defaults and `check(...)` conditions share it. Constant
// kind expressions are evaluated in kinds.ts instead; what each use accepts is decided later.

import type { CompareOp, Expr } from '../ir/types';
import type { Token } from './lexer';

export type ExprResult = { readonly expr: Expr } | { readonly error: string; readonly token?: Token };

class Fail {
  constructor(
    readonly error: string,
    readonly token?: Token,
  ) {}
}

/** Comparison spellings: Fortran's symbols and dot operators, and C's `!=` (F2Py accepts C syntax). */
const COMPARE: Readonly<Record<string, CompareOp>> = {
  '==': '==', '/=': '/=', '!=': '/=', '<': '<', '<=': '<=', '>': '>', '>=': '>=',
  '.eq.': '==', '.ne.': '/=', '.lt.': '<', '.le.': '<=', '.gt.': '>', '.ge.': '>=',
};
const OR = new Set(['.or.', '||']);
const AND = new Set(['.and.', '&&']);
const NOT = new Set(['.not.', '!']);

/** The double value of a real literal: `1.0`, `1d-8`, `2.5_dp` (the kind is irrelevant to the value). */
function realValue(text: string): number {
  return Number(text.replace(/_.*$/, '').replace(/[dq]/i, 'e'));
}

/**
 * Fortran precedence, lowest first: `.or.`, `.and.`, `.not.`, comparison (not chained),
 * `+ -`, `* /`, unary minus, primary. `**` is refused (no checked power in the runtime).
 */
export function parseExpr(tokens: readonly Token[]): ExprResult {
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const isOp = (text: string): boolean => (peek()?.kind === 'op' || peek()?.kind === 'dotop') && peek()!.text === text;
  const isIn = (set: ReadonlySet<string>): boolean => [...set].some(isOp);

  const or = (): Expr => {
    let left = and();
    while (isIn(OR) && ++i) left = { op: 'or', left, right: and() };
    return left;
  };
  const and = (): Expr => {
    let left = not();
    while (isIn(AND) && ++i) left = { op: 'and', left, right: not() };
    return left;
  };
  const not = (): Expr => (isIn(NOT) && ++i ? { op: 'not', arg: not() } : compare());
  const compare = (): Expr => {
    const left = sum();
    const t = peek();
    const op = t && (t.kind === 'op' || t.kind === 'dotop') ? COMPARE[t.text] : undefined;
    if (!op) return left;
    i++;
    return { op, left, right: sum() };
  };
  const sum = (): Expr => {
    let left = term();
    while (isOp('+') || isOp('-')) {
      const op = tokens[i++]!.text as '+' | '-';
      left = { op, left, right: term() };
    }
    return left;
  };
  const term = (): Expr => {
    let left = unary();
    while (isOp('*') || isOp('/')) {
      const op = tokens[i++]!.text as '*' | '/';
      left = { op, left, right: unary() };
    }
    if (isOp('**')) throw new Fail("'**' is not supported", peek());
    return left;
  };
  const unary = (): Expr => {
    if (isOp('-')) {
      i++;
      const arg = unary();
      return arg.op === 'int' || arg.op === 'real' ? { op: arg.op, value: -arg.value } : { op: 'neg', arg };
    }
    if (isOp('+')) {
      i++;
      return unary();
    }
    return primary();
  };
  const primary = (): Expr => {
    const t = peek();
    if (!t) throw new Fail('expression ends too early');
    i++;
    if (t.kind === 'int' && /^\d+$/.test(t.text)) return { op: 'int', value: Number(t.text) };
    if (t.kind === 'real' && Number.isFinite(realValue(t.text))) return { op: 'real', value: realValue(t.text) };
    if (t.kind === 'op' && t.text === '(') {
      const e = or();
      if (!isOp(')')) throw new Fail("expected ')'", peek());
      i++;
      return e;
    }
    if (t.kind === 'ident') return isOp('(') ? call(t.text) : { op: 'name', name: t.text };
    throw new Fail(`'${t.text}' is not supported here`, t);
  };
  const call = (name: string): Expr => {
    i++;
    const args: Expr[] = [];
    if (!isOp(')')) {
      do args.push(or());
      while (isOp(',') && ++i);
    }
    if (!isOp(')')) throw new Fail("expected ')' or ','", peek());
    i++;
    return { op: 'call', name, args };
  };

  try {
    const e = or();
    if (i < tokens.length) return { error: `unexpected '${tokens[i]!.text}'`, token: tokens[i] };
    return { expr: e };
  } catch (err) {
    if (err instanceof Fail) return err.token ? { error: err.error, token: err.token } : { error: err.error };
    throw err;
  }
}

/** Renders an `Expr` back to Fortran-like text, every operation but the outermost parenthesized (for messages and tests). */
export function exprText(e: Expr): string {
  switch (e.op) {
    case 'int':
    case 'real':
      return String(e.value);
    case 'name':
      return e.name;
    case 'neg':
      return `-${wrap(e.arg)}`;
    case 'not':
      return `.not.${wrap(e.arg)}`;
    case 'call':
      return `${e.name}(${e.args.map(exprText).join(',')})`;
    case 'and':
    case 'or':
      return `${wrap(e.left)}.${e.op}.${wrap(e.right)}`;
    default:
      return `${wrap(e.left)}${e.op}${wrap(e.right)}`;
  }
}

function wrap(e: Expr): string {
  return 'left' in e && e.op !== '*' && e.op !== '/' ? `(${exprText(e)})` : exprText(e);
}
