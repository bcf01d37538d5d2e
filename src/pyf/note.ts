// F2Py's `note(text)` attribute: free text (F2Py allows LaTeX) that documents the entities it is
// declared on — `real*8 dimension(n), note(The values.) :: x` — or, on the routine's own name,
// the routine. The text is no Fortran, so it is taken out before the Fortran front end reads the
// declaration, blanked in place so every column keeps its position for diagnostics.

export interface Notes {
  /** The statement with each `note(...)` blanked. */
  readonly text: string;
  /** Each note's text, by the lower-case entity names it documents. */
  readonly notes: ReadonlyMap<string, string>;
}

const NOTE = /\bnote\s*\(/gi;

/** Index just past the `)` that closes the `(` before `from`; -1 when it never closes. */
function closing(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

/** F2Py writes paragraph breaks in notes as `\n`. */
function noteText(raw: string): string {
  return raw.replace(/\\n/g, '\n').replace(/[ \t]*\n[ \t]*/g, '\n').trim();
}

/** The entity names after `::`, without their dimensions and initializers. */
function entityNames(text: string): string[] {
  const colons = text.indexOf('::');
  if (colons < 0) return [];
  let depth = 0;
  const names: string[] = [];
  let start = colons + 2;
  const rest = `${text},`;
  for (let i = start; i < rest.length; i++) {
    const ch = rest[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      const name = /^\s*(\w+)/.exec(rest.slice(start, i))?.[1];
      if (name) names.push(name.toLowerCase());
      start = i + 1;
    }
  }
  return names;
}

/** Takes the `note(...)` attributes out of one signature-file declaration. */
export function takeNotes(text: string): Notes {
  const found: string[] = [];
  let blanked = text;
  for (const m of text.matchAll(NOTE)) {
    const open = m.index! + m[0].length;
    const end = closing(text, open);
    if (end < 0) continue; // unbalanced: left for the declaration parser to report
    found.push(noteText(text.slice(open, end - 1)));
    // The attribute and the comma before it go; the declaration reads as if it had no note.
    const comma = /,\s*$/.exec(blanked.slice(0, m.index!));
    const from = comma ? m.index! - comma[0].length : m.index!;
    blanked = blanked.slice(0, from) + ' '.repeat(end - from) + blanked.slice(end);
  }
  if (found.length === 0) return { text, notes: new Map() };
  const note = found.join('\n\n');
  return { text: blanked, notes: new Map(entityNames(text).map((n) => [n, note])) };
}
