// An independent reference for check-lapack.ts: reads what LAPACK's fixed-form files state about each
// routine (the code header's argument list, the Doxygen `\param[dir] NAME` + `NAME is TYPE` lines)
// with small regular expressions, never with bridgegen's parser; comparing is left to check-lapack.ts.

export type RefType = 'integer' | 'real' | 'complex' | 'logical' | 'character' | 'procedure';

/** What the documentation says about one argument. */
export interface RefParam {
  readonly dir: 'in' | 'out' | 'inout';
  /** From the `NAME is ...` line; undefined when the block has none we understand. */
  readonly type?: RefType;
  readonly kind?: number;
  readonly array?: boolean;
  /** The `NAME is ...` text, for messages. */
  readonly said?: string;
  /** 1-based line of the `\param` command. */
  readonly line: number;
}

export interface RefRoutine {
  readonly name: string;
  readonly kind: 'subroutine' | 'function';
  /** Dummy argument names in header order, lower case. */
  readonly args: readonly string[];
  /** A function's type from its header prefix (`DOUBLE PRECISION FUNCTION F(...)`), if written there. */
  readonly result?: { readonly type: RefType; readonly kind: number };
  readonly params: ReadonlyMap<string, RefParam>;
  /** Intents the code declares (`INTEGER, INTENT( IN ) :: N`), which win over the docs. */
  readonly declared: ReadonlyMap<string, 'in' | 'out' | 'inout'>;
  /** 1-based line of the header. */
  readonly line: number;
}

const TYPES: ReadonlyArray<readonly [RegExp, RefType, number]> = [
  [/^DOUBLE\s+PRECISION\b/, 'real', 8],
  [/^(COMPLEX\s*\*\s*16|DOUBLE\s+COMPLEX)\b/, 'complex', 16],
  [/^COMPLEX\b/, 'complex', 8],
  [/^REAL\b/, 'real', 4],
  [/^INTEGER\b/, 'integer', 4],
  [/^LOGICAL\b/, 'logical', 4],
  [/^CHARACTER\b/, 'character', 1],
];

/** A type as written in a doc line or a function header prefix (`COMPLEX*16`, `DOUBLE PRECISION`, ...). */
export function refType(text: string): { type: RefType; kind: number } | undefined {
  const t = text.trim().toUpperCase().replace(/^(AN?|THE)\s+/, '');
  for (const [re, type, kind] of TYPES) if (re.test(t)) return { type, kind };
  return undefined;
}

/** Joins fixed-form source lines into code statements (comments dropped, column-6 continuations joined). */
function statements(lines: readonly string[]): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  lines.forEach((raw, i) => {
    if (/^[*cC!]/.test(raw) || raw.trim() === '') return;
    const body = raw.slice(6, 72).replace(/!.*$/, '');
    const cont = raw.length > 5 && raw[5] !== ' ' && raw[5] !== '0' && !/^\t/.test(raw);
    if (cont && out.length > 0) out[out.length - 1]!.text += ' ' + body.trim();
    else out.push({ text: /^\t/.test(raw) ? raw.trim() : body.trim(), line: i + 1 });
  });
  return out;
}

const HEADER = /^((?:[A-Z0-9*\s]+\s)?)(SUBROUTINE|FUNCTION)\s+(\w+)\s*(?:\(([^)]*)\))?/;
const PREFIX = /^(\s|RECURSIVE|PURE|ELEMENTAL|DOUBLE\s+PRECISION|DOUBLE\s+COMPLEX|INTEGER|REAL|COMPLEX|LOGICAL|CHARACTER|\*\s*\d+)*$/;

const INTENT = /^[^:]*\bINTENT\s*\(\s*(IN\s*OUT|IN|OUT)\s*\)[^:]*::(.*)$/;

/** Records `TYPE, INTENT( dir ) :: A( LDA, * ), B` in `into`. */
function declaredIntent(text: string, into: Map<string, 'in' | 'out' | 'inout'>): void {
  const m = INTENT.exec(text);
  if (!m) return;
  const dir = /IN\s*OUT/.test(m[1]!) ? 'inout' : m[1] === 'IN' ? 'in' : 'out';
  let names = m[2]!;
  while (/\([^()]*\)/.test(names)) names = names.replace(/\([^()]*\)/g, '');
  for (const n of names.split(',')) if (n.trim()) into.set(n.trim().toLowerCase(), dir);
}

/** The code headers of a file, skipping `END ...` lines and interface bodies. */
function headers(lines: readonly string[]): Array<Omit<RefRoutine, 'params'>> {
  const out: Array<Omit<RefRoutine, 'params'>> = [];
  let inInterface = false;
  for (const st of statements(lines)) {
    const text = st.text.toUpperCase();
    if (/^(ABSTRACT\s+)?INTERFACE\b/.test(text)) inInterface = true;
    if (/^END\s*INTERFACE\b/.test(text)) inInterface = false;
    const m = HEADER.exec(text);
    const last = out[out.length - 1];
    if (last && !inInterface) declaredIntent(text, last.declared as Map<string, 'in' | 'out' | 'inout'>);
    if (inInterface || !m || /^END\b/.test(text) || !PREFIX.test(m[1]!)) continue;
    const args = (m[4] ?? '').split(',').map((a) => a.trim().toLowerCase()).filter((a) => a !== '');
    const result = m[2] === 'FUNCTION' ? refType(m[1]!.replace(/RECURSIVE|PURE|ELEMENTAL/g, '')) : undefined;
    out.push({
      name: m[3]!.toLowerCase(), kind: m[2] === 'FUNCTION' ? 'function' : 'subroutine', args,
      ...(result ? { result } : {}), declared: new Map(), line: st.line,
    });
  }
  return out;
}

/** `... array, dimension (N)`, `... workspace of size (LWORK)`; not `INTEGER. The leading dimension of A`. */
const ARRAY = /\barray\b|\bdimension\s*\(|\bworkspace of size\b/i;
const PARAM = /^\*>\s*\\param\s*\[\s*(in|out|in\s*,\s*out|inout)\s*\]\s*(\w+)/i;

/** The type a doc line states for `name`: `NAME is TYPE ...`, or `(workspace) TYPE ...` when `alone`. */
function stated(raw: string, name: string, alone: boolean): Partial<RefParam> | undefined {
  const is = new RegExp(`^\\*>\\s+${name}\\s+is\\s+(.*)$`, 'i').exec(raw) ?? (alone ? /^\*>\s+\(\w+\)\s+(.*)$/.exec(raw) : null);
  if (!is) return undefined;
  const said = is[1]!.trim();
  const t = /\b(FUNCTION|SUBROUTINE|PROCEDURE)\b/i.test(said) ? { type: 'procedure' as const, kind: 0 } : refType(said);
  return { said, ...(t ?? {}), array: ARRAY.test(said) };
}

/**
 * The Doxygen `\param` blocks before each header; a block's first `NAME is ...` line gives its type.
 * Consecutive `\param` lines (`\param[in] N1` `\param[in] N2`) share one block.
 */
function paramBlocks(lines: readonly string[], headerLines: readonly number[]): Array<Map<string, RefParam>> {
  const maps = headerLines.map(() => new Map<string, RefParam>());
  let group: Array<{ name: string; map: Map<string, RefParam> }> = [];
  let grouping = false;
  lines.forEach((raw, i) => {
    const m = PARAM.exec(raw);
    if (m) {
      const owner = headerLines.findIndex((h) => h > i);
      const map = maps[owner < 0 ? maps.length - 1 : owner];
      if (!map) return;
      const dir = /out/i.test(m[1]!) ? (/in/i.test(m[1]!) ? 'inout' : 'out') : 'in';
      if (!grouping) group = [];
      group.push({ name: m[2]!.toLowerCase(), map });
      map.set(m[2]!.toLowerCase(), { dir, line: i + 1 });
      grouping = true;
      return;
    }
    grouping = false;
    if (!/^\*>/.test(raw)) group = [];
    for (const g of group) {
      const p = g.map.get(g.name)!;
      const t = p.said === undefined ? stated(raw, g.name, group.length === 1) : undefined;
      if (t) g.map.set(g.name, { ...p, ...t });
    }
  });
  return maps;
}

/** Every routine a LAPACK fixed-form file defines, as the file itself states it. */
export function readReference(text: string): RefRoutine[] {
  const lines = text.split(/\r?\n/);
  const hs = headers(lines);
  const params = paramBlocks(lines, hs.map((h) => h.line - 1));
  return hs.map((h, k) => ({ ...h, params: params[k]! }));
}
