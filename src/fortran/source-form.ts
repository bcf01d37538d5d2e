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
const BLANK = /\s/;

/** `/\s/` for one UTF-16 code unit: ASCII without a regex (the regex knows the Unicode blanks). */
export function isBlankCode(c: number): boolean {
  if (c < 127) return c === 32 || (c >= 9 && c <= 13);
  return BLANK.test(String.fromCharCode(c));
}

/** Index of the first character of `text[from, to)` that `/\S/` matches, -1 if none. */
export function firstNonBlank(text: string, from = 0, to = text.length): number {
  for (let i = from; i < to; i++) if (!isBlankCode(text.charCodeAt(i))) return i;
  return -1;
}

/** `text.slice(from, to).trimEnd()` making one string rather than two. */
export function trimmedSlice(text: string, from: number, to: number): string {
  let end = to;
  while (end > from && isBlankCode(text.charCodeAt(end - 1))) end--;
  return text.slice(from, end);
}

class Builder {
  text = '';
  /** Made by the first append: most statements are one line, and `[]` then push reserves room for 17. */
  segments: Segment[] | null = null;
  endLine = 0;
  /** Some appended text is not blank (else `finish` drops the statement). */
  private code = false;
  constructor(
    readonly file: string,
    readonly directive: boolean,
    readonly label: string | undefined,
  ) {}

  /** Appends `src[from, to)`, from source line `line`, whose first column is at `src[lineStart]`. */
  append(line: number, src: string, from: number, to: number, lineStart = 0): void {
    const seg = { offset: this.text.length, line, col: from - lineStart + 1 };
    if (this.segments) this.segments.push(seg);
    else this.segments = [seg];
    this.text += src.slice(from, to);
    this.code ||= firstNonBlank(src, from, to) >= 0;
    this.endLine = line;
  }

  finish(out: Statement[]): void {
    if (!this.code) return;
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

/** `c C * d D !`: a line starting with one of these is a comment (or, for `!cC*`, maybe a directive). */
function commentMark(code: number): boolean {
  return code === 99 || code === 67 || code === 42 || code === 33 || code === 100 || code === 68;
}

/** `[!cC*]f2py` (any case) at `src[start]`, in a line ending at `end`; char codes rather than a regex, as this runs on every comment line. */
function isF2pyLine(src: string, start: number, end: number, c0: number): boolean {
  return (
    c0 !== 100 && c0 !== 68 && end - start >= 5 &&
    (src.charCodeAt(start + 1) | 32) === 102 && src.charCodeAt(start + 2) === 50 &&
    (src.charCodeAt(start + 3) | 32) === 112 && (src.charCodeAt(start + 4) | 32) === 121
  );
}

const TAB = 9;
const LABEL = /^\d+$/;

/**
 * Fixed-form source: columns 1-72, comment lines, column-6 continuation, labels, `Cf2py` directives.
 * Lines are walked as offsets into the text, never copied: two thirds of LAPACK's lines are comments,
 * told apart by their first character, and only a comment's text or a statement's code is sliced out.
 */
export function splitFixed(file: string, text: string): LogicalSource {
  const src = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  const split = new FixedSplitter(file);
  for (let start = 0, lineNo = 1; ; lineNo++) {
    let end = src.indexOf('\n', start);
    if (end < 0) end = src.length;
    split.line(src, start, end, lineNo);
    if (end === src.length) break;
    start = end + 1;
  }
  return split.finish();
}

/**
 * Splits one fixed-form file line by line. A line is `src[start, end)`; nothing here reads past `end`
 * (but the scanner's look-ahead at a doubled quote, as when lines were separate strings).
 */
class FixedSplitter {
  private readonly statements: Statement[] = [];
  private readonly comments: Comment[] = [];
  private readonly blankLines: number[] = [];
  private cur: Builder | null = null;
  private quote: string | null = null;
  private readonly scan = new LineScanner(false);

  constructor(private readonly file: string) {}

  line(src: string, start: number, end: number, lineNo: number): void {
    const c0 = start < end ? src.charCodeAt(start) : -1;
    if (commentMark(c0)) {
      if (!isF2pyLine(src, start, end, c0)) return this.comment(src, start, end, lineNo);
      const line = '     ' + src.slice(start + 5, end); // a directive: columns 1-5 blanked, then read as code
      if (isBangComment(line, 0, firstNonBlank(line))) return this.comment(src, start, end, lineNo);
      return this.code(line, 0, line.length, lineNo, true);
    }
    const first = firstNonBlank(src, start, end);
    if (first < 0) return void this.blankLines.push(lineNo);
    if (isBangComment(src, start, first)) return this.comment(src, start, end, lineNo);
    this.code(src, start, end, lineNo, false);
  }

  finish(): LogicalSource {
    this.cur?.finish(this.statements);
    return { statements: this.statements, comments: this.comments, blankLines: this.blankLines };
  }

  private comment(src: string, start: number, end: number, lineNo: number): void {
    this.comments.push({ line: lineNo, col: 1, text: trimmedSlice(src, start, end), trailing: false });
  }

  /** A code (or directive) line: label, continuation mark, then columns 7-72 (tab form: after the tab). */
  private code(line: string, start: number, end: number, lineNo: number, directive: boolean): void {
    const tab = tabInLabelField(line, start, end);
    const continuation = tab >= 0 ? isDigit1to9(tab + 1 < end ? line.charCodeAt(tab + 1) : -1) : isContinuationMark(line, start, end);
    const from = tab < 0 ? start + 6 : continuation ? tab + 2 : tab + 1;
    const to = Math.min(end, tab < 0 ? start + 72 : from + 66);
    if (!continuation || !this.cur) {
      this.cur?.finish(this.statements);
      const label = labelOf(line, start, tab < 0 ? Math.min(end, start + 5) : tab);
      this.cur = new Builder(this.file, directive, LABEL.test(label) ? label : undefined);
      this.quote = null;
    }
    const scan = this.scan;
    scan.scan(line, from, to, this.quote);
    this.quote = scan.quote;
    if (scan.comment >= 0) {
      this.comments.push({ line: lineNo, col: scan.comment - start + 1, text: trimmedSlice(line, scan.comment, to), trailing: true });
    }
    for (let k = 0; k < scan.count; k += 2) {
      if (k > 0) {
        this.cur.finish(this.statements);
        this.cur = new Builder(this.file, directive, undefined);
      }
      this.cur.append(lineNo, line, scan.pieces[k]!, scan.pieces[k + 1]!, start);
    }
  }
}

/** The first non-blank character of the line (at `first`) is a `!` not in column 6: a comment line. */
function isBangComment(line: string, start: number, first: number): boolean {
  return first >= 0 && line.charCodeAt(first) === BANG && first - start !== 5;
}

/** Index of a tab in columns 1-6, -1 if none. */
function tabInLabelField(line: string, start: number, end: number): number {
  for (let i = start; i < end && i < start + 6; i++) if (line.charCodeAt(i) === TAB) return i;
  return -1;
}

function isDigit1to9(c: number): boolean {
  return c >= 49 && c <= 57;
}

/** Column 6 holds neither a blank nor `0`. */
function isContinuationMark(line: string, start: number, end: number): boolean {
  if (start + 5 >= end) return false;
  const c6 = line.charCodeAt(start + 5);
  return c6 !== 32 && c6 !== 48;
}

/** The label field `line[start, to)`, trimmed; most lines have none and make no string. */
function labelOf(line: string, start: number, to: number): string {
  return firstNonBlank(line, start, to) < 0 ? '' : line.slice(start, to).trim();
}
