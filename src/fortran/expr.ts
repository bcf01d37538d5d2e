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
const SIGN_MINUS = new Set(['-']);
const SIGN_PLUS = new Set(['+']);

/** The double value of a real literal: `1.0`, `1d-8`, `2.5_dp` (the kind is irrelevant to the value). */
function realValue(text: string): number {
  return Number(text.replace(/_.*$/, '').replace(/[dq]/i, 'e'));
}

/** Recursive descent over one expression's tokens; each method is one precedence level. */
class Parser {
  private i = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }
  private isOp(text: string): boolean {
    const t = this.peek();
    return (t?.kind === 'op' || t?.kind === 'dotop') && t.text === text;
  }
  /** Consumes an operator of `set`, if the next token is one. */
  private accept(set: ReadonlySet<string>): boolean {
    const t = this.peek();
    if (!t || (t.kind !== 'op' && t.kind !== 'dotop') || !set.has(t.text)) return false;
    this.i++;
    return true;
  }

  whole(): Expr {
    const e = this.cond();
    const t = this.peek();
    if (t) throw new Fail(`unexpected '${t.text}'`, t);
    return e;
  }
  /** C's `test ? a : b` (F2Py's defaults use it), below every Fortran operator. */
  private cond(): Expr {
    const test = this.or();
    if (!this.isQuestion()) return test;
    this.i++;
    const then = this.cond();
    if (!this.isOp(':')) throw new Fail("expected ':' of '?:'", this.peek());
    this.i++;
    return { op: 'cond', test, then, else: this.cond() };
  }
  /** Fortran has no `?`: the lexer leaves it an unknown character. */
  private isQuestion(): boolean {
    return this.peek()?.text === '?';
  }
  private or(): Expr {
    let left = this.and();
    while (this.accept(OR)) left = { op: 'or', left, right: this.and() };
    return left;
  }
  private and(): Expr {
    let left = this.not();
    while (this.accept(AND)) left = { op: 'and', left, right: this.not() };
    return left;
  }
  private not(): Expr {
    return this.accept(NOT) ? { op: 'not', arg: this.not() } : this.compare();
  }
  /** Comparisons do not chain (`a < b < c` is an error, as in Fortran). */
  private compare(): Expr {
    const left = this.sum();
    const t = this.peek();
    const op = t && (t.kind === 'op' || t.kind === 'dotop') ? COMPARE[t.text] : undefined;
    if (!op) return left;
    this.i++;
    return { op, left, right: this.sum() };
  }
  private sum(): Expr {
    let left = this.term();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.tokens[this.i++]!.text as '+' | '-';
      left = { op, left, right: this.term() };
    }
    return left;
  }
  private term(): Expr {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/')) {
      const op = this.tokens[this.i++]!.text as '*' | '/';
      left = { op, left, right: this.unary() };
    }
    if (this.isOp('**')) throw new Fail("'**' is not supported", this.peek());
    return left;
  }
  private unary(): Expr {
    if (this.isOp('*')) return this.dereference();
    if (this.accept(SIGN_MINUS)) {
      const arg = this.unary();
      return arg.op === 'int' || arg.op === 'real' ? { op: arg.op, value: -arg.value } : { op: 'neg', arg };
    }
    return this.accept(SIGN_PLUS) ? this.unary() : this.primary();
  }
  private primary(): Expr {
    const t = this.peek();
    if (!t) throw new Fail('expression ends too early');
    this.i++;
    if (t.kind === 'int' && /^\d+$/.test(t.text)) return { op: 'int', value: Number(t.text) };
    if (t.kind === 'real' && Number.isFinite(realValue(t.text))) return { op: 'real', value: realValue(t.text) };
    if (t.kind === 'string') return { op: 'string', value: t.value ?? '' };
    if (t.kind === 'op' && t.text === '(') {
      const e = this.cond();
      if (!this.isOp(')')) throw new Fail("expected ')'", this.peek());
      this.i++;
      return e;
    }
    if (t.kind === 'ident' && this.isOp('[')) return this.firstElement(t.text);
    if (t.kind === 'ident') return this.isOp('(') ? this.call(t.text) : { op: 'name', name: t.text };
    throw new Fail(`'${t.text}' is not supported here`, t);
  }
  /**
   * C's `*c`: F2Py passes a CHARACTER argument as a `char*`, so SciPy's signatures compare its first
   * character this way (`*jobz=='N'`). A CHARACTER argument in a comparison is read by its first
   * character anyway (value-expr.ts), so `*c` is just `c`.
   */
  private dereference(): Expr {
    const star = this.tokens[this.i++]!;
    const t = this.peek();
    if (t?.kind !== 'ident' || this.tokens[this.i + 1]?.text === '(') throw new Fail("'*' must be followed by an argument name (C's `*c`)", star);
    this.i++;
    return { op: 'name', name: t.text };
  }
  /** C's `c[0]`, the other spelling of `*c` in SciPy's signatures; other indices are not supported. */
  private firstElement(name: string): Expr {
    const index = this.tokens[this.i + 1];
    if (index?.text !== '0' || this.tokens[this.i + 2]?.text !== ']') throw new Fail(`only \`${name}[0]\` (the first character) is supported`, index);
    this.i += 3;
    return { op: 'name', name };
  }
  private call(name: string): Expr {
    this.i++;
    const args: Expr[] = [];
    if (!this.isOp(')')) {
      do args.push(this.cond());
      while (this.isOp(',') && ++this.i);
    }
    if (!this.isOp(')')) throw new Fail("expected ')' or ','", this.peek());
    this.i++;
    return { op: 'call', name, args };
  }
}

/**
 * Fortran precedence, lowest first (after C's `?:`): `.or.`, `.and.`, `.not.`, comparison (not chained),
 * `+ -`, `* /`, unary minus, primary. `**` is refused (no checked power in the runtime). C's `*c` and
 * `c[0]` (a CHARACTER argument's first character, as F2Py's C reads it) are the name `c`.
 */
export function parseExpr(tokens: readonly Token[]): ExprResult {
  try {
    return { expr: new Parser(tokens).whole() };
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
    case 'string':
      return `'${e.value.replace(/'/g, "''")}'`;
    case 'neg':
      return `-${wrap(e.arg)}`;
    case 'not':
      return `.not.${wrap(e.arg)}`;
    case 'call':
      return `${e.name}(${e.args.map(exprText).join(',')})`;
    case 'cond':
      return `${wrap(e.test)}?${wrap(e.then)}:${wrap(e.else)}`;
    case 'and':
    case 'or':
      return `${wrap(e.left)}.${e.op}.${wrap(e.right)}`;
    default:
      return `${wrap(e.left)}${e.op}${wrap(e.right)}`;
  }
}

function wrap(e: Expr): string {
  return ('left' in e && e.op !== '*' && e.op !== '/') || e.op === 'cond' ? `(${exprText(e)})` : exprText(e);
}
