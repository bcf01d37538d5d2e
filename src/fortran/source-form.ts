// Splits Fortran source text (fixed or free form) into logical statements with spans, plus comments;
// tokens are left to lexer.ts and meaning to parser.ts / lower.ts.

import type { Span } from '../ir/types';

/** `text[offset..]` was copied from `line`, starting at column `col` (1-based). */
export interface Segment {
  readonly offset: number;
  readonly line: number;
  readonly col: number;
}

/** One logical statement: continuation lines joined, comments and labels removed. */
export interface Statement {
  readonly file: string;
  /** Statement text; a label is blanked out so offsets still map back through `segments`. */
  readonly text: string;
  readonly label?: string;
  /** Came from a `!f2py` / `Cf2py` directive line. */
  readonly directive: boolean;
  /** Last source line of the statement. */
  readonly endLine: number;
  readonly segments: readonly Segment[];
}

/** A comment; `text` keeps its marker (`!`, `!<`, `*>`, `C`...). */
export interface Comment {
  readonly line: number;
  readonly col: number;
  readonly text: string;
  /** Follows code on the same line. */
  readonly trailing: boolean;
}

export interface LogicalSource {
  readonly statements: readonly Statement[];
  readonly comments: readonly Comment[];
  /** Lines holding nothing but blanks (a Doxygen block may span them). */
  readonly blankLines?: readonly number[];
}

/** Maps an offset in a statement's text back to its original file position. */
export function spanAt(stmt: Statement, offset: number): Span {
  let seg = stmt.segments[0] ?? { offset: 0, line: stmt.endLine, col: 1 };
  for (const s of stmt.segments) {
    if (s.offset <= offset) seg = s;
    else break;
  }
  return { file: stmt.file, line: seg.line, col: seg.col + Math.max(0, offset - seg.offset) };
}

/** The span of a statement's first non-blank character. */
export function statementSpan(stmt: Statement): Span {
  return spanAt(stmt, Math.max(0, firstNonBlank(stmt.text)));
}

const NON_BLANK = /\S/;
const NON_BLANK_FROM = /\S/g;

/** Index of the first character `/\S/` matches, -1 if none; blanks and printable ASCII without a regex. */
export function firstNonBlank(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) continue;
    if (c > 32 && c < 127) return i;
    NON_BLANK_FROM.lastIndex = i; // other characters: the regex knows which are blanks
    return NON_BLANK_FROM.exec(text)?.index ?? -1;
  }
  return -1;
}

class Builder {
  text = '';
  /** Made by the first append: most statements are one line, and `[]` then push reserves room for 17. */
  segments: Segment[] | null = null;
  endLine = 0;
  constructor(
    readonly file: string,
    readonly directive: boolean,
    readonly label: string | undefined,
  ) {}

  append(line: number, src: string, from: number, to: number): void {
    const seg = { offset: this.text.length, line, col: from + 1 };
    if (this.segments) this.segments.push(seg);
    else this.segments = [seg];
    this.text += src.slice(from, to);
    this.endLine = line;
  }

  finish(out: Statement[]): void {
    if (!NON_BLANK.test(this.text)) return;
    const { file, text, directive, endLine } = this;
    const segments = this.segments ?? [];
    out.push(this.label ? { file, text, label: this.label, directive, endLine, segments } : { file, text, directive, endLine, segments });
  }
}

/**
 * Scans code in `line[from, to)`: quotes, `!` comments, `;` separators and (free form) a trailing `&`.
 * One scanner serves a whole file, its fields overwritten by each line: a result object per line was a
 * measurable share of the garbage made splitting large inputs.
 */
class LineScanner {
  /** [from, to) bounds of the pieces of code separated by `;`, flat: from0, to0, from1, to1... */
  readonly pieces: number[] = [];
  /** How many entries of `pieces` this line filled (the array is reused, never shrunk). */
  count = 0;
  /** Column index of a trailing `!` comment, -1 if none. */
  comment = -1;
  /** Free form: ended with `&` (continued). */
  continued = false;
  /** Open quote at the end of the line (a string continued on the next line). */
  quote: string | null = null;

  constructor(private readonly free: boolean) {}

  scan(line: string, from: number, to: number, quote: string | null): void {
    this.count = 0;
    this.comment = -1;
    this.continued = false;
    let q = quote === null ? 0 : quote.charCodeAt(0);
    let start = from;
    for (let i = from; i < to; i++) {
      const c = line.charCodeAt(i);
      if (q !== 0) {
        if (c === q) {
          if (line.charCodeAt(i + 1) === q) i++;
          else q = 0;
        } else if (c === AMP && this.free && line.slice(i + 1, to).trim() === '') {
          this.piece(start, i);
          return this.end(true, q);
        }
        continue;
      }
      if (c === QUOTE || c === DOUBLE_QUOTE) q = c;
      else if (c === BANG) {
        const amp = this.free ? ampBefore(line, start, i) : -1;
        this.piece(start, amp >= 0 ? amp : i);
        this.comment = i;
        return this.end(amp >= 0, 0);
      } else if (c === SEMICOLON) {
        this.piece(start, i);
        start = i + 1;
      } else if (c === AMP && this.free && line.slice(i + 1, to).trim() === '') {
        this.piece(start, i);
        return this.end(true, 0);
      }
    }
    this.piece(start, to);
    this.end(false, q);
  }

  private piece(from: number, to: number): void {
    this.pieces[this.count++] = from;
    this.pieces[this.count++] = to;
  }

  private end(continued: boolean, quote: number): void {
    this.continued = continued;
    this.quote = quote === 0 ? null : String.fromCharCode(quote);
  }
}

const QUOTE = 39;
const DOUBLE_QUOTE = 34;
const BANG = 33;
const SEMICOLON = 59;
const AMP = 38;

/** Index of a `&` that is the last non-blank character of `line[from, to)`, else -1. */
function ampBefore(line: string, from: number, to: number): number {
  let i = to - 1;
  while (i >= from && /\s/.test(line[i]!)) i--;
  return i >= from && line[i] === '&' ? i : -1;
}

const F2PY = /^[!cC*]f2py/i;

/** Free-form source: `!` comments, `&` continuation (with optional leading `&`), `;`, `!f2py` directives. */
export function splitFree(file: string, text: string): LogicalSource {
  const statements: Statement[] = [];
  const comments: Comment[] = [];
  const blankLines: number[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  let cur: Builder | null = null;
  let quote: string | null = null;
  const scan = new LineScanner(true);
  lines.forEach((line, i) => {
    const lineNo = i + 1;
    const first = line.search(/\S/);
    if (first < 0) return void blankLines.push(lineNo);
    let from = first;
    let directive = false;
    if (/^!f2py/i.test(line.slice(first))) {
      directive = true;
      from = first + 5;
    } else if (line[first] === '!' && !quote) {
      comments.push({ line: lineNo, col: first + 1, text: line.slice(first).trimEnd(), trailing: false });
      return;
    }
    if (cur) {
      const rest = line.slice(from).search(/\S/);
      if (rest >= 0 && line[from + rest] === '&') from = from + rest + 1;
    } else {
      cur = new Builder(file, directive, undefined);
      const label = /^(\d{1,5})\s/.exec(line.slice(from));
      if (label) line = line.slice(0, from) + ' '.repeat(label[1]!.length) + line.slice(from + label[1]!.length);
    }
    scan.scan(line, from, line.length, quote);
    quote = scan.quote;
    if (scan.comment >= 0) {
      comments.push({ line: lineNo, col: scan.comment + 1, text: line.slice(scan.comment).trimEnd(), trailing: true });
    }
    for (let k = 0; k < scan.count; k += 2) {
      if (k > 0) {
        cur!.finish(statements);
        cur = new Builder(file, directive, undefined);
      }
      cur!.append(lineNo, line, scan.pieces[k]!, scan.pieces[k + 1]!);
    }
    if (!scan.continued) {
      cur!.finish(statements);
      cur = null;
      quote = null;
    }
  });
  (cur as Builder | null)?.finish(statements);
  return { statements, comments, blankLines };
}

/** The code part of one fixed-form line, or undefined for comment and blank lines. */
interface FixedLine {
  readonly label: string;
  readonly continuation: boolean;
  readonly from: number;
  readonly to: number;
  readonly directive: boolean;
}

/** `c C * d D !`: a line starting with one of these is a comment (or, for `!cC*`, maybe a directive). */
function commentMark(code: number): boolean {
  return code === 99 || code === 67 || code === 42 || code === 33 || code === 100 || code === 68;
}

/** `[!cC*]f2py` (any case) at the start of a line; char codes rather than a regex, as this runs on every comment line. */
function isF2pyLine(line: string, c0: number): boolean {
  return (
    c0 !== 100 && c0 !== 68 && line.length >= 5 &&
    (line.charCodeAt(1) | 32) === 102 && line.charCodeAt(2) === 50 &&
    (line.charCodeAt(3) | 32) === 112 && (line.charCodeAt(4) | 32) === 121
  );
}

function classifyFixed(line: string): FixedLine | 'comment' | 'blank' {
  const c0 = line.charCodeAt(0);
  let directive = false;
  if (commentMark(c0)) {
    if (!isF2pyLine(line, c0)) return 'comment';
    directive = true;
    line = '     ' + line.slice(5);
  } else if (!NON_BLANK.test(line)) return 'blank';
  const first = line.search(NON_BLANK);
  if (line.charCodeAt(first) === 33 && first !== 5) return 'comment';
  const tab = line.indexOf('\t');
  if (tab >= 0 && tab < 6) {
    const label = line.slice(0, tab).trim();
    const cont = /[1-9]/.test(line[tab + 1] ?? '');
    const from = cont ? tab + 2 : tab + 1;
    return { label, continuation: cont, from, to: Math.min(line.length, from + 66), directive };
  }
  const c6 = line[5] ?? ' ';
  const continuation = c6 !== ' ' && c6 !== '0';
  const label = line.startsWith('     ') ? '' : line.slice(0, 5).trim(); // most lines have no label
  return { label, continuation, from: 6, to: Math.min(line.length, 72), directive };
}

/** What splitting one file produces, filled line by line. */
class Collected {
  readonly statements: Statement[] = [];
  readonly comments: Comment[] = [];
  readonly blankLines: number[] = [];
  cur: Builder | null = null;
  quote: string | null = null;
  readonly scan = new LineScanner(false);
}

/**
 * Fixed-form source: columns 1-72, comment lines, column-6 continuation, labels, `Cf2py` directives.
 * Lines are walked with indexOf rather than split(): two thirds of LAPACK's lines are comments, told
 * apart by their first character before anything else is done with them.
 */
export function splitFixed(file: string, text: string): LogicalSource {
  const src = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  const out = new Collected();
  for (let start = 0, lineNo = 1; ; lineNo++) {
    let end = src.indexOf('\n', start);
    if (end < 0) end = src.length;
    fixedLine(file, src.slice(start, end), lineNo, out);
    if (end === src.length) break;
    start = end + 1;
  }
  out.cur?.finish(out.statements);
  return { statements: out.statements, comments: out.comments, blankLines: out.blankLines };
}

function fixedLine(file: string, line: string, lineNo: number, out: Collected): void {
  const kind = classifyFixed(line);
  if (kind === 'blank') return void out.blankLines.push(lineNo);
  if (kind === 'comment') {
    out.comments.push({ line: lineNo, col: 1, text: line.trimEnd(), trailing: false });
    return;
  }
  if (!kind.continuation || !out.cur) {
    out.cur?.finish(out.statements);
    out.cur = new Builder(file, kind.directive, /^\d+$/.test(kind.label) ? kind.label : undefined);
    out.quote = null;
  }
  const scan = out.scan;
  scan.scan(line, kind.from, kind.to, out.quote);
  out.quote = scan.quote;
  if (scan.comment >= 0) {
    out.comments.push({ line: lineNo, col: scan.comment + 1, text: line.slice(scan.comment, kind.to).trimEnd(), trailing: true });
  }
  const pieces = scan.pieces;
  for (let k = 0; k < scan.count; k += 2) {
    if (k > 0) {
      out.cur.finish(out.statements);
      out.cur = new Builder(file, kind.directive, undefined);
    }
    out.cur.append(lineNo, line, pieces[k]!, pieces[k + 1]!);
  }
}
