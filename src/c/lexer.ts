// Splits preprocessed C (see preprocess.ts) into tokens, each with the span of the file and line
// the line markers (`# 12 "mylib.h"`) give it. Comments are kept on the token they precede, for
// parameter names (`double * /* x */`) and doc comments; `#define`s become `define` tokens.

import type { Span } from '../ir/types';

export type CTokenKind = 'ident' | 'number' | 'string' | 'char' | 'punct' | 'define' | 'eof';

export interface CToken {
  readonly kind: CTokenKind;
  /** The token as written; for `define`, the macro's name. */
  readonly text: string;
  /** For `define`: the replacement text of an object-like macro (function-like ones have none). */
  readonly body?: string;
  readonly span: Span;
  /** The comments between the previous token and this one, without their delimiters. */
  readonly comments: readonly string[];
}

/**
 * One token, sticky, one group per kind (in KINDS' order): identifiers, numbers (pp-numbers:
 * `0x1fUL`, `1e-3f`), string and character literals, then punctuators, longest first, or any
 * other single character. One regular expression, not one per kind: lapacke.h has 200k tokens.
 */
const TOKEN = new RegExp([
  /([A-Za-z_]\w*)/, /(\.?\d(?:[eEpP][+-]|[\w.])*)/, /("(?:[^"\\\n]|\\.)*")/, /('(?:[^'\\\n]|\\.)*')/,
  /(\.\.\.|<<=|>>=|->|\+\+|--|<<|>>|[<>=!*/%+\-&^|]=|&&|\|\||##|[^])/,
].map((r) => r.source).join('|'), 'y');
const KINDS: readonly CTokenKind[] = ['ident', 'number', 'string', 'char', 'punct'];
const WHITE = /\s/;
const WHITE_RUN = /\s+/y;
const NO_COMMENTS: readonly string[] = Object.freeze([]);

class Lexer {
  private i = 0;
  private line = 1;
  private lineStart = 0;
  private file = '<stdin>';
  /** Shared by every token without comments (most of them): one array fewer per token. */
  private comments: readonly string[] = NO_COMMENTS;
  readonly tokens: CToken[] = [];

  constructor(private readonly text: string) {}

  private span(at: number): Span {
    return { file: this.file, line: this.line, col: at - this.lineStart + 1 };
  }

  private push(kind: CTokenKind, start: number, text: string, body?: string): void {
    // No conditional spread here: V8 builds such objects slowly, and lapacke.h has 200k tokens.
    const span = this.span(start);
    this.tokens.push(body === undefined ? { kind, text, span, comments: this.comments } : { kind, text, span, comments: this.comments, body });
    this.comments = NO_COMMENTS;
  }

  /** Advances over `text.slice(from, to)`, counting its newlines. */
  private advance(to: number): void {
    for (let nl = this.text.indexOf('\n', this.i); nl >= 0 && nl < to; nl = this.text.indexOf('\n', nl + 1)) {
      this.line++;
      this.lineStart = nl + 1;
    }
    this.i = to;
  }

  /** A `#` line: a line marker, a macro definition, or another directive (ignored). */
  private directive(): void {
    const end = this.text.indexOf('\n', this.i);
    const lineText = this.text.slice(this.i, end < 0 ? this.text.length : end);
    const marker = /^#\s*(?:line\s+)?(\d+)\s+"((?:[^"\\]|\\.)*)"/.exec(lineText);
    const define = /^#\s*define\s+([A-Za-z_]\w*)(\(?)(.*)$/.exec(lineText);
    if (define) this.push('define', this.i, define[1], define[2] ? undefined : define[3].trim());
    this.advance(end < 0 ? this.text.length : end + 1);
    if (marker) {
      this.file = marker[2].replace(/\\(.)/g, '$1');
      this.line = Number(marker[1]);
    }
  }

  run(): CToken[] {
    const t = this.text;
    while (this.i < t.length) {
      const c = t[this.i];
      if (c === '#' && t.slice(this.lineStart, this.i).trim() === '') this.directive();
      else if (WHITE.test(c)) this.skipWhite();
      else if (t.startsWith('/*', this.i)) this.comment(t.indexOf('*/', this.i + 2), 2);
      else if (t.startsWith('//', this.i)) this.comment(t.indexOf('\n', this.i), 0);
      else this.token();
    }
    this.push('eof', this.i, '');
    return this.tokens;
  }

  private skipWhite(): void {
    WHITE_RUN.lastIndex = this.i;
    WHITE_RUN.test(this.text);
    this.advance(WHITE_RUN.lastIndex);
  }

  private comment(end: number, closer: number): void {
    const stop = end < 0 ? this.text.length : end;
    this.comments = [...this.comments, this.text.slice(this.i + 2, stop)];
    this.advance(end < 0 ? this.text.length : stop + closer);
  }

  private token(): void {
    TOKEN.lastIndex = this.i;
    const m = TOKEN.exec(this.text)!; // its last alternative matches any character
    let group = 1;
    while (m[group] === undefined) group++;
    this.push(KINDS[group - 1], this.i, m[0]);
    this.advance(this.i + m[0].length);
  }
}

/** Tokens of preprocessed C, ending with an `eof` token. */
export function tokenize(text: string): CToken[] {
  return new Lexer(text).run();
}
