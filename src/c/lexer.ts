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

/** Identifiers, numbers (pp-numbers: `0x1fUL`, `1e-3f`), string and character literals; sticky. */
const PATTERNS: ReadonlyArray<[CTokenKind, RegExp]> = [
  ['ident', /[A-Za-z_]\w*/y],
  ['number', /\.?\d(?:[eEpP][+-]|[\w.])*/y],
  ['string', /"(?:[^"\\\n]|\\.)*"/y],
  ['char', /'(?:[^'\\\n]|\\.)*'/y],
];

const PUNCT = ['...', '<<=', '>>=', '->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '*=', '/=', '%=', '+=', '-=', '&=', '^=', '|=', '##'];

class Lexer {
  private i = 0;
  private line = 1;
  private lineStart = 0;
  private file = '<stdin>';
  private comments: string[] = [];
  readonly tokens: CToken[] = [];

  constructor(private readonly text: string) {}

  private span(at: number): Span {
    return { file: this.file, line: this.line, col: at - this.lineStart + 1 };
  }

  private push(kind: CTokenKind, start: number, text: string, body?: string): void {
    this.tokens.push({ kind, text, span: this.span(start), comments: this.comments, ...(body !== undefined ? { body } : {}) });
    this.comments = [];
  }

  /** Advances over `text.slice(from, to)`, counting its newlines. */
  private advance(to: number): void {
    for (let j = this.i; j < to; j++) {
      if (this.text[j] === '\n') {
        this.line++;
        this.lineStart = j + 1;
      }
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
      else if (/\s/.test(c)) this.advance(this.i + 1);
      else if (t.startsWith('/*', this.i)) this.comment(t.indexOf('*/', this.i + 2), 2);
      else if (t.startsWith('//', this.i)) this.comment(t.indexOf('\n', this.i), 0);
      else this.token();
    }
    this.push('eof', this.i, '');
    return this.tokens;
  }

  private comment(end: number, closer: number): void {
    const stop = end < 0 ? this.text.length : end;
    this.comments.push(this.text.slice(this.i + 2, stop));
    this.advance(end < 0 ? this.text.length : stop + closer);
  }

  private token(): void {
    for (const [kind, re] of PATTERNS) {
      re.lastIndex = this.i;
      const m = re.exec(this.text);
      if (!m) continue;
      this.push(kind, this.i, m[0]);
      return this.advance(this.i + m[0].length);
    }
    const text = PUNCT.find((p) => this.text.startsWith(p, this.i)) ?? this.text[this.i];
    this.push('punct', this.i, text);
    this.advance(this.i + text.length);
  }
}

/** Tokens of preprocessed C, ending with an `eof` token. */
export function tokenize(text: string): CToken[] {
  return new Lexer(text).run();
}
