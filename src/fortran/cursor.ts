// A cursor over one statement's tokens with the small helpers the statement parser needs
// (balanced groups, top-level comma splits, raw expressions); grammar lives in statement.ts.

import type { Span } from '../ir/types';
import type { RawExpr } from './ast';
import type { Token } from './lexer';
import { spanAt, type Statement } from './source-form';

/** A syntax error in one statement; caught by the parser and turned into a diagnostic. */
export class ParseError extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

export class Cursor {
  i = 0;
  constructor(
    readonly toks: readonly Token[],
    readonly stmt: Statement,
  ) {}

  peek(k = 0): Token | undefined {
    return this.toks[this.i + k];
  }

  /** The token at `k` has this text (identifiers and operators). */
  at(text: string, k = 0): boolean {
    const t = this.toks[this.i + k];
    return t !== undefined && t.text === text && t.kind !== 'string';
  }

  atIdent(k = 0): boolean {
    return this.toks[this.i + k]?.kind === 'ident';
  }

  done(): boolean {
    return this.i >= this.toks.length;
  }

  accept(text: string): boolean {
    if (!this.at(text)) return false;
    this.i++;
    return true;
  }

  expect(text: string, what = `'${text}'`): Token {
    if (!this.at(text)) this.fail(`expected ${what}${this.found()}`);
    return this.toks[this.i++]!;
  }

  ident(what = 'a name'): Token {
    if (!this.atIdent()) this.fail(`expected ${what}${this.found()}`);
    return this.toks[this.i++]!;
  }

  /** Span of token `t`, or of the current token (end of statement when none is left). */
  span(t: Token | undefined = this.peek()): Span {
    if (t) return spanAt(this.stmt, t.offset);
    return spanAt(this.stmt, this.stmt.text.trimEnd().length);
  }

  found(): string {
    const t = this.peek();
    return t ? `, found '${t.text}'` : ', found end of statement';
  }

  fail(message: string, t: Token | undefined = this.peek()): never {
    throw new ParseError(message, this.span(t));
  }

  /** At `(`: consumes the balanced group and returns the tokens inside. */
  group(): Token[] {
    const open = this.expect('(');
    const start = this.i;
    let depth = 1;
    while (this.i < this.toks.length) {
      const t = this.toks[this.i++]!;
      if (t.kind !== 'op') continue;
      if (t.text === '(' || t.text === '[') depth++;
      else if (t.text === ')' || t.text === ']') {
        depth--;
        if (depth === 0) return this.toks.slice(start, this.i - 1) as Token[];
      }
    }
    this.fail("missing ')'", open);
  }

  /** Consumes tokens up to (not including) a top-level `,` or the end. */
  untilComma(): Token[] {
    const start = this.i;
    let depth = 0;
    while (this.i < this.toks.length) {
      const t = this.toks[this.i]!;
      if (t.kind === 'op' && (t.text === '(' || t.text === '[')) depth++;
      else if (t.kind === 'op' && (t.text === ')' || t.text === ']')) depth--;
      else if (depth === 0 && t.kind === 'op' && t.text === ',') break;
      this.i++;
    }
    return this.toks.slice(start, this.i) as Token[];
  }

  /** A cursor over a sub-list of this statement's tokens. */
  sub(toks: readonly Token[]): Cursor {
    return new Cursor(toks, this.stmt);
  }

  raw(toks: readonly Token[], at?: Token): RawExpr {
    return { text: toks.map((t) => t.text).join(''), tokens: toks, span: this.span(toks[0] ?? at) };
  }
}

/** Splits tokens at top-level occurrences of `sep` (outside parentheses). */
export function splitTop(toks: readonly Token[], sep = ','): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const t of toks) {
    if (t.kind === 'op' && (t.text === '(' || t.text === '[')) depth++;
    else if (t.kind === 'op' && (t.text === ')' || t.text === ']')) depth--;
    if (depth === 0 && t.kind === 'op' && t.text === sep) parts.push([]);
    else parts[parts.length - 1]!.push(t);
  }
  return parts;
}

/** Index of the first top-level token with this text, or -1. */
export function indexTop(toks: readonly Token[], text: string): number {
  let depth = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.kind !== 'op') continue;
    if (t.text === '(' || t.text === '[') depth++;
    else if (t.text === ')' || t.text === ']') depth--;
    else if (depth === 0 && t.text === text) return i;
  }
  return -1;
}
