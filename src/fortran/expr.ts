// Parses a bound expression (tokens of `2*n+1`, `size(a,1)`, `max(1,n)`) into the IR's `Expr`;
// constant kind expressions (reals, `kind(1.d0)`) are evaluated in kinds.ts instead.

import type { Expr } from '../ir/types';
import type { Token } from './lexer';

export type ExprResult = { readonly expr: Expr } | { readonly error: string; readonly token?: Token };

class Fail {
  constructor(
    readonly error: string,
    readonly token?: Token,
  ) {}
}

/** `expr := term (('+'|'-') term)*`, `term := unary (('*'|'/') unary)*`, `unary := '-' unary | primary`. */
export function parseExpr(tokens: readonly Token[]): ExprResult {
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const isOp = (text: string): boolean => peek()?.kind === 'op' && peek()!.text === text;

  const expr = (): Expr => {
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
    if (isOp('**')) throw new Fail("'**' is not supported in array bounds", peek());
    return left;
  };
  const unary = (): Expr => {
    if (isOp('-')) {
      i++;
      const arg = unary();
      return arg.op === 'int' ? { op: 'int', value: -arg.value } : { op: 'neg', arg };
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
    if (t.kind === 'op' && t.text === '(') {
      const e = expr();
      if (!isOp(')')) throw new Fail("expected ')'", peek());
      i++;
      return e;
    }
    if (t.kind === 'ident') {
      if (!isOp('(')) return { op: 'name', name: t.text };
      i++;
      const args: Expr[] = [];
      if (!isOp(')')) {
        do args.push(expr());
        while (isOp(',') && ++i);
      }
      if (!isOp(')')) throw new Fail("expected ')' or ','", peek());
      i++;
      return { op: 'call', name: t.text, args };
    }
    throw new Fail(`'${t.text}' is not supported in array bounds`, t);
  };

  try {
    const e = expr();
    if (i < tokens.length) return { error: `unexpected '${tokens[i]!.text}'`, token: tokens[i] };
    return { expr: e };
  } catch (err) {
    if (err instanceof Fail) return err.token ? { error: err.error, token: err.token } : { error: err.error };
    throw err;
  }
}

/** Renders an `Expr` back to Fortran-like text (for messages and tests). */
export function exprText(e: Expr): string {
  switch (e.op) {
    case 'int':
      return String(e.value);
    case 'name':
      return e.name;
    case 'neg':
      return `-${wrap(e.arg)}`;
    case 'call':
      return `${e.name}(${e.args.map(exprText).join(',')})`;
    case '+':
    case '-':
    case '*':
    case '/':
      return `${wrap(e.left)}${e.op}${wrap(e.right)}`;
    default:
      return assertNever(e);
  }
}

function wrap(e: Expr): string {
  return e.op === '+' || e.op === '-' ? `(${exprText(e)})` : exprText(e);
}

function assertNever(x: never): never {
  throw new Error(`unexpected ${JSON.stringify(x)}`);
}
