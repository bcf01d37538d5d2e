// Documentation from comments: the block above or after a routine header (plain, FORD `!!`/`!>`,
// Doxygen `*>` with `\param`), and per-declaration comments; lower.ts decides what they attach to.

import { firstNonBlank, trimmedSlice, type Comment } from './source-form';

/** The direction a Doxygen `\param[in]`, `\param[out]` or `\param[in,out]` command states. */
export type ParamDirection = 'in' | 'out' | 'inout';

export interface RoutineDoc {
  readonly doc?: string;
  /** Doxygen `\param[...] name` sections, by lower-case name. */
  readonly params: ReadonlyMap<string, string>;
  /** The stated direction of each `\param[dir] name`, by lower-case name (LAPACK's convention). */
  readonly directions?: ReadonlyMap<string, ParamDirection>;
}

/** `[in]`, `[out]`, `[in,out]`, `[in, out]`, `[inout]` (any case) -> a direction; anything else -> undefined. */
export function paramDirection(bracket: string | undefined): ParamDirection | undefined {
  const words = (bracket ?? '').toLowerCase().replace(/[[\]\s]/g, '');
  if (words === 'in') return 'in';
  if (words === 'out') return 'out';
  if (words === 'in,out' || words === 'inout' || words === 'out,in') return 'inout';
  return undefined;
}

// Patterns are compiled once here: a regex literal in a function is a new object at every call, and
// these run on every line of every doc block.
const TRAILING_DOC = /^!(<|!)/;
const FORD_BEFORE = /^!>/;
const FORD_AFTER = /^!!/;
const RULE = /^\s*[=\-*]{3,}\s*$/;
const DOXYGEN_SECTION = /^\s*[\\@](brief|param|par|details|return|returns|ingroup|addtogroup)\b/;
const HTML_ONLY = /^\s*[\\@]htmlonly\b/;
const END_HTML_ONLY = /^\s*[\\@]endhtmlonly\b/;
const ANCHOR = /<\/?a\b|^\s*href=/i;
const ANCHOR_TAGS = /<a\b[^>]*(?:>|$)|<\/a>|^\s*href=\S*>/gi;
const LINE_BREAK = /(?:^|\s+)\\n$/;
const COMMAND = /^\s*[\\@](\w+)(\[[^\]]*\])?\s*(.*)$/;
const BOLD = /<\/?b>|\\b\s*/g;
const PURPOSE = /^purpose:?$/i;
const SPACES = /\s+/;

const isFordBefore = (c: Comment): boolean => FORD_BEFORE.test(c.text);
const isFordAfter = (c: Comment): boolean => FORD_AFTER.test(c.text);
const notFordBefore = (c: Comment): boolean => !FORD_BEFORE.test(c.text);
const any = (): boolean => true;

/**
 * `t` starts with a doc marker: one of `!*cCdD`, then one of `>!<` (`*>`, `!>`, `!<`...). Char codes
 * rather than a regex, as this runs on every line of every doc block.
 */
function isMarked(t: string): boolean {
  const c0 = t.charCodeAt(0);
  const c1 = t.charCodeAt(1);
  const lead = c0 === 33 || c0 === 42 || c0 === 99 || c0 === 67 || c0 === 100 || c0 === 68; // ! * c C d D
  return lead && (c1 === 62 || c1 === 33 || c1 === 60); // > ! <
}

/** ANCHOR needs a `<` or an `=`: most doc lines have neither and skip the regex. */
const mayHaveAnchor = (l: string): boolean => l.includes('<') || l.includes('=');

/**
 * The first non-blank character of `l` (a char code; -1 for a blank line). Each line pattern here
 * needs a particular one (a backslash or `@` for commands, `=-*` for rules), so most lines skip the regex.
 */
function leadOf(l: string): number {
  const i = firstNonBlank(l);
  return i < 0 ? -1 : l.charCodeAt(i);
}

const isCommandLead = (c: number): boolean => c === 92 || c === 64;
const isRuleLead = (c: number): boolean => c === 61 || c === 45 || c === 42;

/**
 * The comments of one file by line. Arrays indexed by line number rather than maps: a file's comments
 * are dense (two thirds of LAPACK's lines), and maps of them were a large share of lowering's garbage.
 */
export class DocIndex {
  private readonly full: Array<Comment | undefined>;
  private readonly trailing: Array<Comment | undefined>;
  private readonly blank: Uint8Array;

  constructor(comments: readonly Comment[], blankLines: readonly number[] = []) {
    let last = 0;
    for (const c of comments) last = Math.max(last, c.line);
    for (const l of blankLines) last = Math.max(last, l);
    this.full = new Array<Comment | undefined>(last + 1);
    this.trailing = new Array<Comment | undefined>(last + 1);
    for (const c of comments) if (c.line >= 0) (c.trailing ? this.trailing : this.full)[c.line] = c;
    this.blank = new Uint8Array(last + 2);
    for (const l of blankLines) if (l >= 0) this.blank[l] = 1;
  }

  private isBlank(line: number): boolean {
    return line >= 0 && this.blank[line] === 1;
  }

  /** The comment block directly above `line` (or, if none, directly after `endLine`). */
  routineDoc(line: number, endLine: number): RoutineDoc {
    let block = this.doxygenBlockBefore(line);
    if (block.length === 0) block = this.blockAfter(endLine, notFordBefore);
    return cleanBlock(block);
  }

  /** The doc of a declaration spanning `line..endLine`: trailing `!<`/`!!`, a `!>` block before, `!!` lines after. */
  declDoc(line: number, endLine: number): string | undefined {
    for (let l = line; l <= endLine; l++) {
      const t = this.trailing[l];
      if (t && TRAILING_DOC.test(t.text)) return strip([t.text]).join('\n').trim() || undefined;
    }
    const before = this.blockBefore(line, isFordBefore);
    const after = before.length > 0 ? [] : this.blockAfter(endLine, isFordAfter);
    if (before.length === 0 && after.length === 0) return undefined; // most declarations
    const text = tidy(strip([...before, ...after].map((c) => c.text))).join('\n');
    return text || undefined;
  }

  private blockBefore(line: number, keep: (c: Comment) => boolean): Comment[] {
    const out: Comment[] = [];
    for (let l = line - 1; l >= 0 && this.full[l] !== undefined && keep(this.full[l]!); l--) out.push(this.full[l]!);
    return out.reverse();
  }

  /**
   * The block directly above `line`, continued upwards across blank lines as long as the block
   * above the blanks has Doxygen-marked lines (`*>`, `!>`): such a block documents what follows it.
   */
  private doxygenBlockBefore(line: number): Comment[] {
    const out = this.blockBefore(line, any);
    for (let top = line - out.length - 1; this.isBlank(top); ) {
      while (this.isBlank(top)) top--;
      const above = this.blockBefore(top + 1, any);
      if (!above.some((c) => isMarked(c.text))) break;
      out.unshift(...above);
      top -= above.length;
    }
    return out;
  }

  private blockAfter(line: number, keep: (c: Comment) => boolean): Comment[] {
    const out: Comment[] = [];
    for (let l = line + 1; this.full[l] !== undefined && keep(this.full[l]!); l++) out.push(this.full[l]!);
    return out;
  }
}

/** Marker-stripped, de-indented doc text (Doxygen sections interpreted) of one comment block. */
export function cleanBlock(block: readonly Comment[]): RoutineDoc {
  let texts = block.map((c) => c.text);
  if (texts.some(isMarked)) texts = texts.filter(isMarked);
  const lines = withoutHtml(strip(texts).filter((l) => !(isRuleLead(leadOf(l)) && RULE.test(l))));
  if (!lines.some((l) => isCommandLead(leadOf(l)) && DOXYGEN_SECTION.test(l))) {
    const doc = tidy(lines).join('\n');
    return doc ? { doc, params: new Map() } : { params: new Map() };
  }
  return doxygen(lines);
}

const DOWNLOAD = /^\s*Download\s+\S+\s*\+\s*dependencies\s*$/i;
const LINK_ONLY = /^\s*(?:\[(?:TGZ|ZIP|TXT)\]\s*)?$/i;

/**
 * Drops what only makes sense in LAPACK's HTML pages: `\htmlonly`...`\endhtmlonly` sections, the
 * `Download X + dependencies` line and its `<a href=...>[TGZ]</a>` links (other `<a>` tags are unwrapped),
 * and Doxygen's `\n` line breaks.
 */
export function withoutHtml(lines: readonly string[]): string[] {
  const out: string[] = [];
  let html = false;
  for (const line of lines) {
    const lead = leadOf(line);
    if (isCommandLead(lead) && HTML_ONLY.test(line)) html = true;
    else if (isCommandLead(lead) && END_HTML_ONLY.test(line)) html = false;
    else if (html || ((lead === 68 || lead === 100) && DOWNLOAD.test(line))) continue; // D, d
    else if (mayHaveAnchor(line) && ANCHOR.test(line)) {
      const text = line.replace(ANCHOR_TAGS, '');
      if (!LINK_ONLY.test(text)) out.push(text.trimEnd());
    } else out.push(line.endsWith('\\n') ? line.replace(LINE_BREAK, '') : line);
  }
  return out;
}

/**
 * Removes comment markers, then the indentation common to all non-blank lines, then trailing blanks:
 * offsets are worked out first, so each line is sliced once.
 */
function strip(texts: readonly string[]): string[] {
  let cut = Infinity;
  for (const t of texts) {
    const marker = markerLength(t);
    const first = firstNonBlank(t, marker);
    if (first >= 0) cut = Math.min(cut, first - marker);
  }
  if (cut === Infinity) cut = 0;
  const out: string[] = [];
  for (const t of texts) out.push(trimmedSlice(t, markerLength(t) + cut, t.length));
  return out;
}

/** The length of the marker of `t`: two characters for `*>` and the like, else one (as `/^../` or `/^./` would remove). */
function markerLength(t: string): number {
  if (isMarked(t)) return 2;
  const c = t.charCodeAt(0);
  return t.length === 0 || c === 10 || c === 13 || c === 0x2028 || c === 0x2029 ? 0 : 1;
}

/** Drops leading/trailing blank lines, collapses blank runs, de-indents. */
function tidy(lines: readonly string[]): string[] {
  const out: string[] = [];
  let cut = Infinity; // the least indentation of the lines kept (trailing '' lines, dropped below, have none)
  for (const l of lines) {
    const first = firstNonBlank(l);
    if (first < 0 && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(l);
    if (l !== '') cut = Math.min(cut, first < 0 ? l.length : first);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  if (cut === Infinity) cut = 0;
  return cut === 0 ? out : out.map((l) => l.slice(cut));
}

const SKIPPED_SECTIONS = new Set(['author', 'date', 'ingroup', 'addtogroup', 'htmlonly', 'endhtmlonly', 'copyright', 'version']);

/**
 * `\verbatim` or `\endverbatim` (or `@...`) alone on a line from `lead` on: the commands of every
 * `\param` block, skipped without matching COMMAND (whose match array was most of this file's garbage).
 */
function isVerbatimMark(line: string, lead: number): boolean {
  const c = line.charCodeAt(lead);
  const length = line.length - lead - 1;
  if (!isCommandLead(c)) return false;
  return (length === 8 && line.endsWith('verbatim')) || (length === 11 && line.endsWith('endverbatim'));
}

/** Interprets Doxygen commands: `\brief`, `\par Title:`, `\details`, `\param[in] name`, `\verbatim`. */
function doxygen(lines: readonly string[]): RoutineDoc {
  const main: string[] = [];
  const params = new Map<string, string[]>();
  const directions = new Map<string, ParamDirection>();
  let target: string[] | null = main;
  for (const line of lines) {
    const lead = firstNonBlank(line);
    if (lead >= 0 && isVerbatimMark(line, lead)) continue;
    const m = lead >= 0 && isCommandLead(line.charCodeAt(lead)) ? COMMAND.exec(line) : null;
    if (!m) {
      target?.push(line);
      continue;
    }
    const [, cmd, bracket, rest = ''] = m;
    if (cmd === 'verbatim' || cmd === 'endverbatim') continue;
    if (cmd === 'param') {
      const [name = '', ...words] = rest.split(SPACES);
      target = [];
      params.set(name.toLowerCase(), target);
      const dir = paramDirection(bracket);
      if (dir) directions.set(name.toLowerCase(), dir);
      if (words.length > 0) target.push(words.join(' '));
    } else if (cmd === 'brief') {
      target = main;
      const text = rest.replace(BOLD, '').trim();
      if (text) main.push(text, '');
    } else if (cmd === 'par') {
      target = main;
      if (!PURPOSE.test(rest.trim())) main.push('', rest.trim());
    } else if (cmd === 'return' || cmd === 'returns') {
      target = main;
      main.push('', rest ? `Returns: ${rest}` : 'Returns:');
    } else if (cmd === 'details') {
      target = main;
      if (rest) main.push(rest);
    } else if (SKIPPED_SECTIONS.has(cmd!)) target = null;
    else target?.push(line);
  }
  const doc = tidy(main).join('\n');
  const out = new Map<string, string>();
  for (const [k, v] of params) {
    const text = tidy(v).join('\n');
    if (text) out.set(k, text);
  }
  return { ...(doc ? { doc } : {}), params: out, ...(directions.size > 0 ? { directions } : {}) };
}
