// Templated signature files (`.pyf.src`), with the rules of NumPy's `from_template` that SciPy's
// BLAS/LAPACK signatures are written in: every subroutine or function block whose text holds
// `<...>` is replicated once per entry of its lists.
//
//   <prefix=s,d,c,z>   a named list; later `<prefix>` in the block (or in later blocks) uses it
//   <s,d,c,z>          a short list, the same as a named one used only here
//   \1                 an entry that repeats entry 1 (0-based) of the same list
//   \, \< \>           a literal comma or angle bracket (`check(n\>0)`)
//
// Predefined: prefix (s,d,c,z), ftype, ftypereal, ctype, ctypereal. Lists of one block must have
// the same length. Instead of one long expanded text, the expansion is a set of variant texts
// with the template's line count: variant k holds replicate k of every block, in the block's own
// lines, so a diagnostic's line number points into the file the user wrote.

import type { SourceFile } from '../fortran';

export class TemplateError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const PREDEFINED: Readonly<Record<string, readonly string[]>> = {
  prefix: ['s', 'd', 'c', 'z'],
  ftype: ['real', 'double precision', 'complex', 'double complex'],
  ftypereal: ['real', 'double precision', 'real', 'double precision'],
  ctype: ['float', 'double', 'complex_float', 'complex_double'],
  ctypereal: ['float', 'double', 'float', 'double'],
};

const ROUTINE_START = /^\s*(?:[\w*()=,<>\s]*\s)?(subroutine|function)\s+\S/i;
const ROUTINE_END = /^\s*end\s*(subroutine|function)\b/i;
/** A list or a reference: `<name=a,b>`, `<a,b>`, `<name>` (escaped brackets never match). */
const TEMPLATE = /<([^<>]*)>/g;
const ESCAPES: readonly [RegExp, string][] = [[/\\,/g, '\u0001'], [/\\</g, '\u0002'], [/\\>/g, '\u0003']];
const UNESCAPES: readonly [RegExp, string][] = [[/\u0001/g, ','], [/\u0002/g, '<'], [/\u0003/g, '>']];

function replaceAll(text: string, pairs: readonly (readonly [RegExp, string])[]): string {
  return pairs.reduce((t, [re, by]) => t.replace(re, by), text);
}

/** The entries of `a, b, \0`: trimmed, `\k` replaced by entry k. */
function entries(list: string, line: number): string[] {
  const items = list.split(',').map((s) => s.trim());
  return items.map((item) => {
    const ref = /^\\(\d+)$/.exec(item);
    if (!ref) return item;
    const target = items[Number(ref[1])];
    if (target === undefined || /^\\\d+$/.test(target)) throw new TemplateError(line, `\`${item}\` names no entry of <${list}>`);
    return target;
  });
}

interface Block {
  readonly first: number;
  readonly last: number;
}

const COMMENT = /^\s*!/;

/**
 * The subroutine/function blocks of a template, as 0-based line ranges. A block includes the
 * comment lines right above its header (its documentation), so `<prefix>` there expands too.
 */
function routineBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let first = -1;
  lines.forEach((line, i) => {
    const code = line.replace(/!.*$/, '');
    if (first < 0 && ROUTINE_START.test(code) && !ROUTINE_END.test(code)) {
      const floor = blocks.length ? blocks[blocks.length - 1]!.last + 1 : 0;
      first = i;
      while (first > floor && COMMENT.test(lines[first - 1]!)) first--;
    } else if (first >= 0 && ROUTINE_END.test(code)) {
      blocks.push({ first, last: i });
      first = -1;
    }
  });
  return blocks;
}

/** Named lists defined in `lines` (outside blocks they are file-wide), and the lines without them. */
function takeDefinitions(lines: readonly string[], offset: number, names: Map<string, string[]>): string[] {
  return lines.map((line, i) =>
    line.replace(TEMPLATE, (whole, body: string) => {
      const named = /^\s*(\w+)\s*=(.*)$/s.exec(body);
      if (!named) return whole;
      names.set(named[1]!, entries(named[2]!, offset + i + 1));
      return '';
    }),
  );
}

/** Replicates of one block: each a copy of its lines with every template replaced. */
function expandBlock(lines: readonly string[], offset: number, names: Map<string, string[]>): string[][] {
  const rules = new Map<string, string[]>();
  const rule = (key: string, list: string[], line: number): string => {
    const count = rules.size === 0 ? list.length : [...rules.values()][0]!.length;
    if (list.length !== count) throw new TemplateError(line, `<${key}> has ${list.length} entries where this block's lists have ${count}`);
    rules.set(key, list);
    return key;
  };
  // First pass: give every template a rule key, defining named lists on the way.
  const keyed = lines.map((line, i) =>
    line.replace(TEMPLATE, (_, body: string) => {
      const lineNo = offset + i + 1;
      const named = /^\s*(\w+)\s*=(.*)$/s.exec(body);
      if (named) {
        const list = entries(named[2]!, lineNo);
        // As in NumPy: a named list defined in a block serves later blocks too (`_names` stay local).
        if (!named[1]!.startsWith('_')) names.set(named[1]!, list);
        return `<${rule(named[1]!, list, lineNo)}>`;
      }
      const name = body.trim();
      if (/^\w+$/.test(name)) {
        const list = rules.get(name) ?? names.get(name) ?? PREDEFINED[name];
        if (!list) throw new TemplateError(lineNo, `<${name}> is not defined`);
        return `<${rule(name, [...list], lineNo)}>`;
      }
      return `<${rule(`\u0000${body}`, entries(body, lineNo), lineNo)}>`;
    }),
  );
  if (rules.size === 0) return [lines.slice()];
  const count = [...rules.values()][0]!.length;
  return Array.from({ length: count }, (_, k) => keyed.map((line) => line.replace(TEMPLATE, (_m, key: string) => rules.get(key)![k]!)));
}

/** Expands one `.pyf.src` text into variant texts of the same line count (see the file comment). */
export function expandTemplateText(text: string): string[] {
  const lines = replaceAll(text, ESCAPES).split(/\r\n|\r|\n/);
  const names = new Map<string, string[]>();
  const variants: string[][] = [];
  let done = 0;
  // The skeleton: text outside blocks, blocks blank; a variant created later starts from it.
  const pending: string[] = [];
  const copyOutside = (upTo: number): void => {
    const plain = takeDefinitions(lines.slice(done, upTo), done, names);
    variants.forEach((v) => v.push(...plain));
    pending.push(...plain);
  };
  const blank = (n: number): string[] => Array<string>(n).fill('');
  for (const block of routineBlocks(lines)) {
    copyOutside(block.first);
    const replicates = expandBlock(lines.slice(block.first, block.last + 1), block.first, names);
    // A new variant starts as the skeleton so far: text outside blocks, earlier blocks blank.
    while (variants.length < replicates.length) variants.push([...pending]);
    variants.forEach((v, k) => v.push(...(replicates[k] ?? blank(block.last - block.first + 1))));
    pending.push(...blank(block.last - block.first + 1));
    done = block.last + 1;
  }
  copyOutside(lines.length);
  if (variants.length === 0) variants.push(pending);
  return variants.map((v) => replaceAll(v.join('\n'), UNESCAPES));
}

/** A `.pyf.src` file as the signature files it stands for: one per variant, same path and lines. */
export function expandTemplate(file: SourceFile): SourceFile[] {
  return expandTemplateText(file.text).map((text) => ({ ...file, text }));
}
