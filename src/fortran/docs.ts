// Documentation from comments: the block above or after a routine header (plain, FORD `!!`/`!>`,
// Doxygen `*>` with `\param`), and per-declaration comments; lower.ts decides what they attach to.

import type { Comment } from './source-form';

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

const MARKED = /^(?:[!*cCdD][>!<])/;

export class DocIndex {
  private readonly full = new Map<number, Comment>();
  private readonly trailing = new Map<number, Comment>();
  private readonly blank: ReadonlySet<number>;

  constructor(comments: readonly Comment[], blankLines: readonly number[] = []) {
    for (const c of comments) (c.trailing ? this.trailing : this.full).set(c.line, c);
    this.blank = new Set(blankLines);
  }

  /** The comment block directly above `line` (or, if none, directly after `endLine`). */
  routineDoc(line: number, endLine: number): RoutineDoc {
    let block = this.doxygenBlockBefore(line);
    if (block.length === 0) block = this.blockAfter(endLine, (c) => !/^!>/.test(c.text));
    return cleanBlock(block);
  }

  /** The doc of a declaration spanning `line..endLine`: trailing `!<`/`!!`, a `!>` block before, `!!` lines after. */
  declDoc(line: number, endLine: number): string | undefined {
    for (let l = line; l <= endLine; l++) {
      const t = this.trailing.get(l);
      if (t && /^!(<|!)/.test(t.text)) return strip([t.text]).join('\n').trim() || undefined;
    }
    const before = this.blockBefore(line, (c) => /^!>/.test(c.text));
    const after = before.length > 0 ? [] : this.blockAfter(endLine, (c) => /^!!/.test(c.text));
    const text = tidy(strip([...before, ...after].map((c) => c.text))).join('\n');
    return text || undefined;
  }

  private blockBefore(line: number, keep: (c: Comment) => boolean): Comment[] {
    const out: Comment[] = [];
    for (let l = line - 1; this.full.has(l) && keep(this.full.get(l)!); l--) out.unshift(this.full.get(l)!);
    return out;
  }

  /**
   * The block directly above `line`, continued upwards across blank lines as long as the block
   * above the blanks has Doxygen-marked lines (`*>`, `!>`): such a block documents what follows it.
   */
  private doxygenBlockBefore(line: number): Comment[] {
    const out = this.blockBefore(line, () => true);
    for (let top = line - out.length - 1; this.blank.has(top); ) {
      while (this.blank.has(top)) top--;
      const above = this.blockBefore(top + 1, () => true);
      if (!above.some((c) => MARKED.test(c.text))) break;
      out.unshift(...above);
      top -= above.length;
    }
    return out;
  }

  private blockAfter(line: number, keep: (c: Comment) => boolean): Comment[] {
    const out: Comment[] = [];
    for (let l = line + 1; this.full.has(l) && keep(this.full.get(l)!); l++) out.push(this.full.get(l)!);
    return out;
  }
}

/** Marker-stripped, de-indented doc text (Doxygen sections interpreted) of one comment block. */
export function cleanBlock(block: readonly Comment[]): RoutineDoc {
  let texts = block.map((c) => c.text);
  if (texts.some((t) => MARKED.test(t))) texts = texts.filter((t) => MARKED.test(t));
  const lines = withoutHtml(strip(texts).filter((l) => !/^\s*[=\-*]{3,}\s*$/.test(l)));
  if (!lines.some((l) => /^\s*[\\@](brief|param|par|details|return|returns|ingroup|addtogroup)\b/.test(l))) {
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
    if (/^\s*[\\@]htmlonly\b/.test(line)) html = true;
    else if (/^\s*[\\@]endhtmlonly\b/.test(line)) html = false;
    else if (html || DOWNLOAD.test(line)) continue;
    else if (/<\/?a\b|^\s*href=/i.test(line)) {
      const text = line.replace(/<a\b[^>]*(?:>|$)|<\/a>|^\s*href=\S*>/gi, '');
      if (!LINK_ONLY.test(text)) out.push(text.trimEnd());
    } else out.push(line.replace(/(?:^|\s+)\\n$/, ''));
  }
  return out;
}

/** Removes comment markers, then the indentation common to all non-blank lines. */
function strip(texts: readonly string[]): string[] {
  const lines = texts.map((t) => t.replace(MARKED.test(t) ? /^../ : /^./, ''));
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^\s*/.exec(l)![0].length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut).trimEnd());
}

/** Drops leading/trailing blank lines, collapses blank runs, de-indents. */
function tidy(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    if (l.trim() === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(l);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  const indents = out.filter((l) => l !== '').map((l) => /^\s*/.exec(l)![0].length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return out.map((l) => l.slice(cut));
}

const SKIPPED_SECTIONS = new Set(['author', 'date', 'ingroup', 'addtogroup', 'htmlonly', 'endhtmlonly', 'copyright', 'version']);

/** Interprets Doxygen commands: `\brief`, `\par Title:`, `\details`, `\param[in] name`, `\verbatim`. */
function doxygen(lines: readonly string[]): RoutineDoc {
  const main: string[] = [];
  const params = new Map<string, string[]>();
  const directions = new Map<string, ParamDirection>();
  let target: string[] | null = main;
  for (const line of lines) {
    const m = /^\s*[\\@](\w+)(\[[^\]]*\])?\s*(.*)$/.exec(line);
    if (!m) {
      target?.push(line);
      continue;
    }
    const [, cmd, bracket, rest = ''] = m;
    if (cmd === 'verbatim' || cmd === 'endverbatim') continue;
    if (cmd === 'param') {
      const [name = '', ...words] = rest.split(/\s+/);
      target = [];
      params.set(name.toLowerCase(), target);
      const dir = paramDirection(bracket);
      if (dir) directions.set(name.toLowerCase(), dir);
      if (words.length > 0) target.push(words.join(' '));
    } else if (cmd === 'brief') {
      target = main;
      const text = rest.replace(/<\/?b>|\\b\s*/g, '').trim();
      if (text) main.push(text, '');
    } else if (cmd === 'par') {
      target = main;
      if (!/^purpose:?$/i.test(rest.trim())) main.push('', rest.trim());
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
