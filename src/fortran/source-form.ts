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
  const m = /\S/.exec(stmt.text);
  return spanAt(stmt, m ? m.index : 0);
}

const NON_BLANK = /\S/;

class Builder {
  text = '';
  segments: Segment[] = [];
  endLine = 0;
  constructor(
    readonly file: string,
    readonly directive: boolean,
    readonly label: string | undefined,
  ) {}

  append(line: number, src: string, from: number, to: number): void {
    this.segments.push({ offset: this.text.length, line, col: from + 1 });
    this.text += src.slice(from, to);
    this.endLine = line;
  }

  finish(out: Statement[]): void {
    if (!NON_BLANK.test(this.text)) return;
    const { file, text, directive, endLine, segments } = this;
    out.push(this.label ? { file, text, label: this.label, directive, endLine, segments } : { file, text, directive, endLine, segments });
  }
}

/** What scanning one line of code found. */
interface LineScan {
  /** [from, to) pieces of code separated by `;`. */
  readonly pieces: Array<[number, number]>;
  /** Column index of a trailing `!` comment. */
  readonly comment?: number;
  /** Free form: ended with `&` (continued). */
  readonly continued: boolean;
  /** Open quote at the end of the line (a string continued on the next line). */
  readonly quote: string | null;
}

/** Scans code in `line[from, to)`: quotes, `!` comments, `;` separators and (free form) a trailing `&`. */
function scanLine(line: string, from: number, to: number, quote: string | null, free: boolean): LineScan {
  const pieces: Array<[number, number]> = [];
  let start = from;
  for (let i = from; i < to; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) {
        if (line[i + 1] === quote) i++;
        else quote = null;
      } else if (free && c === '&' && line.slice(i + 1, to).trim() === '') {
        pieces.push([start, i]);
        return { pieces, continued: true, quote };
      }
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '!') {
      pieces.push([start, i]);
      const amp = free ? ampBefore(line, start, i) : -1;
      if (amp >= 0) pieces[pieces.length - 1] = [start, amp];
      return { pieces, comment: i, continued: amp >= 0, quote: null };
    } else if (c === ';') {
      pieces.push([start, i]);
      start = i + 1;
    } else if (free && c === '&' && line.slice(i + 1, to).trim() === '') {
      pieces.push([start, i]);
      return { pieces, continued: true, quote: null };
    }
  }
  pieces.push([start, to]);
  return { pieces, continued: false, quote };
}

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
    const scan = scanLine(line, from, line.length, quote, true);
    quote = scan.quote;
    if (scan.comment !== undefined) {
      comments.push({ line: lineNo, col: scan.comment + 1, text: line.slice(scan.comment).trimEnd(), trailing: true });
    }
    scan.pieces.forEach(([a, b], k) => {
      if (k > 0) {
        cur!.finish(statements);
        cur = new Builder(file, directive, undefined);
      }
      cur!.append(lineNo, line, a, b);
    });
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
  return { label: line.slice(0, 5).trim(), continuation, from: 6, to: Math.min(line.length, 72), directive };
}

/** What splitting one file produces, filled line by line. */
class Collected {
  readonly statements: Statement[] = [];
  readonly comments: Comment[] = [];
  readonly blankLines: number[] = [];
  cur: Builder | null = null;
  quote: string | null = null;
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
  const scan = scanLine(line, kind.from, kind.to, out.quote, false);
  out.quote = scan.quote;
  if (scan.comment !== undefined) {
    out.comments.push({ line: lineNo, col: scan.comment + 1, text: line.slice(scan.comment, kind.to).trimEnd(), trailing: true });
  }
  const pieces = scan.pieces;
  for (let k = 0; k < pieces.length; k++) {
    if (k > 0) {
      out.cur.finish(out.statements);
      out.cur = new Builder(file, kind.directive, undefined);
    }
    out.cur.append(lineNo, line, pieces[k]![0], pieces[k]![1]);
  }
}
