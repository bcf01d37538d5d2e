// Classifies one logical statement (header, end, module, declaration, directive, other) and parses
// it; how statements nest into program units is left to parser.ts.

import type { Attribute, ImplicitRule, NameRef, Stmt, TypeSpec, UseName } from './ast';
import { Cursor, indexTop, ParseError, splitTop } from './cursor';
import { atTypeSpec, parseAttribute, parseEntities, parseTypeSpec } from './decl-syntax';
import { lex } from './lexer';
import { statementSpan, type Statement } from './source-form';
import { parseCommon, parseTypeHeader, type TypeHeader } from './spec-syntax';

export interface Header {
  readonly routineKind: 'subroutine' | 'function';
  readonly name: string;
  readonly prefixes: readonly string[];
  readonly type?: TypeSpec;
  readonly args: readonly NameRef[];
  readonly result?: NameRef;
  /** Set when the header was recognised but is malformed. */
  readonly error?: ParseError;
}

export type EndWhat = 'subroutine' | 'function' | 'module' | 'program' | 'interface' | 'type' | 'blockdata' | 'submodule' | 'procedure';

export type Classified =
  | { readonly kind: 'header'; readonly header: Header }
  | { readonly kind: 'end'; readonly what: EndWhat | null; readonly name?: string }
  | { readonly kind: 'contains' }
  | { readonly kind: 'module'; readonly name: string }
  | { readonly kind: 'begin'; readonly what: 'program' | 'blockdata' | 'submodule' | 'type' | 'interface'; readonly abstract?: boolean; readonly name?: string }
  /** The header of a derived type definition that could be read (else a `begin` of what `type`). */
  | { readonly kind: 'typedef'; readonly header: TypeHeader }
  | { readonly kind: 'stmt'; readonly stmt: Stmt };

const PREFIXES = new Set(['pure', 'impure', 'elemental', 'recursive', 'non_recursive', 'module']);
const END_WHATS = new Set<string>(['subroutine', 'function', 'module', 'program', 'interface', 'type', 'blockdata', 'submodule', 'procedure']);
const ATTR_STMTS = new Set([
  'dimension', 'intent', 'optional', 'value', 'external', 'allocatable', 'pointer', 'target', 'public', 'private',
  'protected', 'volatile', 'asynchronous', 'contiguous', 'depend', 'check', 'required', 'note',
]);
const DIRECTIVES = new Set(['threadsafe', 'callstatement', 'callprotoargument', 'fortranname', 'usercode', 'pymethoddef']);
/**
 * Every leading name after which `classify` may find more than an `other` statement (besides `end...`):
 * routine prefixes and keywords, type specs, the unit and specification statements of its switch,
 * attribute statements. Keep in step with `classify`, `tryHeader` and `atTypeSpec`.
 */
const KEYWORDS = new Set([
  ...PREFIXES, ...ATTR_STMTS, 'subroutine', 'function',
  'integer', 'real', 'complex', 'logical', 'character', 'doubleprecision', 'doublecomplex', 'double', 'class', 'procedure',
  'contains', 'module', 'submodule', 'program', 'blockdata', 'block', 'interface', 'abstract', 'type', 'common', 'implicit', 'use', 'parameter',
]);
/** Blanks, then a name: a token when the lexer would read a name there. */
const NAME = /\s*[a-z_$][a-z0-9_$]*/iy;

/** The end of the name token at or after `from` (blanks skipped), -1 when the lexer would read no name there. */
function nameEnd(text: string, from: number): number {
  NAME.lastIndex = from;
  return NAME.test(text) ? NAME.lastIndex : -1;
}

/** The name token ending at `end` whose blanks start at `from`, lower case. */
function nameText(text: string, from: number, end: number): string {
  let start = from;
  while (!isNameStart(text.charCodeAt(start))) start++;
  return text.slice(start, end).toLowerCase();
}

function isNameStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code === 36;
}

/**
 * The leading name of a statement that can only classify as `other`, else undefined. Most statements
 * of a routine body are executable (88% in LAPACK, `end if` and `end do` included); this spares
 * lexing them just to skip them. Mirrors `classifyEnd` for the names that start with `end`.
 */
function plainKeyword(text: string): string | undefined {
  const end = nameEnd(text, 0);
  if (end < 0) return undefined;
  const name = nameText(text, 0, end);
  if (KEYWORDS.has(name)) return undefined;
  if (!name.startsWith('end')) return name;
  if (name === 'end') {
    const nextEnd = nameEnd(text, end); // `end if`: not the END of a unit
    const next = nextEnd < 0 ? undefined : nameText(text, end, nextEnd);
    return next !== undefined && next !== 'block' && !END_WHATS.has(next) ? name : undefined;
  }
  return name === 'endblock' || END_WHATS.has(name.slice(3)) ? undefined : name;
}

function otherStmt(keyword: string, stmt: Statement): Classified {
  return { kind: 'stmt', stmt: { kind: 'other', keyword, span: statementSpan(stmt), endLine: stmt.endLine, directive: stmt.directive, text: stmt.text } };
}

/** Classifies and parses one statement; throws ParseError for a malformed declaration. */
export function classify(stmt: Statement): Classified | null {
  const plain = stmt.directive ? undefined : plainKeyword(stmt.text);
  if (plain !== undefined) return otherStmt(plain, stmt);
  const toks = lex(stmt.text);
  if (toks.length === 0) return null;
  const first = toks[0]!;
  const c = new Cursor(toks, stmt);
  const base = { span: statementSpan(stmt), endLine: stmt.endLine, directive: stmt.directive };
  if (stmt.directive) {
    if (DIRECTIVES.has(first.text)) return { kind: 'stmt', stmt: { kind: 'directive', name: first.text, text: stmt.text.trim(), ...base } };
  } else {
    const end = classifyEnd(c);
    if (end) return end;
    if (isAssignment(c)) return otherStmt(first.text, stmt);
  }
  if (first.kind !== 'ident') return otherStmt(first.text, stmt);
  const header = tryHeader(c);
  if (header) return { kind: 'header', header };
  c.i = 0;
  switch (first.text) {
    case 'contains':
      return toks.length === 1 ? { kind: 'contains' } : otherStmt(first.text, stmt);
    case 'module':
      return toks.length === 2 && c.atIdent(1) ? { kind: 'module', name: toks[1]!.text } : otherStmt(first.text, stmt);
    case 'submodule':
    case 'program':
      return { kind: 'begin', what: first.text };
    case 'blockdata':
      return { kind: 'begin', what: 'blockdata' };
    case 'block':
      return c.at('data', 1) ? { kind: 'begin', what: 'blockdata' } : otherStmt(first.text, stmt);
    case 'interface':
      return { kind: 'begin', what: 'interface', abstract: false, ...(c.atIdent(1) ? { name: toks[1]!.text } : {}) };
    case 'abstract':
      return c.at('interface', 1) ? { kind: 'begin', what: 'interface', abstract: true } : otherStmt(first.text, stmt);
    case 'type':
      if (!c.at('(', 1) && !c.at('is', 1)) return typeBegin(c);
      break;
    case 'common':
      return { kind: 'stmt', stmt: { kind: 'common', groups: parseCommon(c), ...base } };
    case 'implicit':
      return { kind: 'stmt', stmt: { kind: 'implicit', ...parseImplicit(c), ...base } };
    case 'use':
      return { kind: 'stmt', stmt: { kind: 'use', ...parseUse(c), ...base } };
    case 'parameter':
      if (!c.at('(', 1)) break;
      c.i = 1;
      return { kind: 'stmt', stmt: { kind: 'parameter', entities: parseEntities(c.sub(c.group())), ...base } };
  }
  if (atTypeSpec(c)) return { kind: 'stmt', stmt: { kind: 'decl', ...parseDecl(c), ...base } };
  if (ATTR_STMTS.has(first.text) || (stmt.directive && first.text === 'intent')) {
    const attr: Attribute = first.text === 'dimension' && c.atIdent(1) ? (c.i++, { kind: 'dimension', dims: [], span: base.span }) : parseAttribute(c);
    c.accept('::');
    return { kind: 'stmt', stmt: { kind: 'attr', attr, entities: c.done() ? [] : parseEntities(c), ...base } };
  }
  return otherStmt(first.text, stmt);
}

/** A type definition header; one that cannot be read is still a type definition, skipped as before. */
function typeBegin(c: Cursor): Classified {
  try {
    return { kind: 'typedef', header: parseTypeHeader(c) };
  } catch (e) {
    if (e instanceof ParseError) return { kind: 'begin', what: 'type' };
    throw e;
  }
}

/** `end`, `end subroutine foo`, `endsubroutine`, `end block data`; not `end if`, `enddo`, `end block`. */
function classifyEnd(c: Cursor): Classified | null {
  const t = c.peek()!;
  if (t.kind !== 'ident') return null;
  let what: string | undefined;
  let k = 1;
  if (t.text === 'end') {
    if (c.done() || c.toks.length === 1) return { kind: 'end', what: null };
    what = c.peek(1)!.text;
    k = 2;
    if (what === 'block' && c.at('data', 2)) (what = 'blockdata'), (k = 3);
  } else if (t.text.startsWith('end') && END_WHATS.has(t.text.slice(3))) what = t.text.slice(3);
  else if (t.text === 'endblock' && c.at('data', 1)) (what = 'blockdata'), (k = 2);
  if (what === undefined || !END_WHATS.has(what)) return null;
  if (what === 'interface') return { kind: 'end', what }; // end interface operator(+)
  const name = c.peek(k);
  if (c.toks.length > k + 1 || (name && name.kind !== 'ident')) return null;
  return { kind: 'end', what: what as EndWhat, ...(name ? { name: name.text } : {}) };
}

/** `x = ...`, `a(i, j) = ...`, `p%x(1) = ...`, `p => ...`: an assignment, whatever the name. */
function isAssignment(c: Cursor): boolean {
  let i = 0;
  const toks = c.toks;
  if (toks[0]?.kind !== 'ident') return false;
  i = 1;
  for (;;) {
    const t = toks[i];
    if (!t) return false;
    if (t.kind === 'op' && (t.text === '=' || t.text === '=>')) return true;
    if (t.kind === 'op' && t.text === '%' && toks[i + 1]?.kind === 'ident') i += 2;
    else if (t.kind === 'op' && t.text === '(') {
      let depth = 0;
      do {
        const u = toks[i++];
        if (!u) return false;
        if (u.kind === 'op' && u.text === '(') depth++;
        if (u.kind === 'op' && u.text === ')') depth--;
      } while (depth > 0);
    } else return false;
  }
}

/** `[prefixes] [type] [prefixes] subroutine|function name [(args)] [result(r)] [bind(...)]`, or null. */
function tryHeader(c: Cursor): Header | null {
  const prefixes: string[] = [];
  let type: TypeSpec | undefined;
  for (;;) {
    const t = c.peek();
    if (t?.kind === 'ident' && PREFIXES.has(t.text) && c.atIdent(1) && !c.at('procedure', 1)) {
      prefixes.push(t.text);
      c.i++;
    } else if (!type && atTypeSpec(c) && headerAhead(c)) {
      type = parseTypeSpec(c);
    } else break;
  }
  const kw = c.peek();
  if (!kw || kw.kind !== 'ident' || (kw.text !== 'subroutine' && kw.text !== 'function') || !c.atIdent(1)) return null;
  c.i++;
  const nameTok = c.ident();
  const routineKind = kw.text as 'subroutine' | 'function';
  const header = { routineKind, name: nameTok.text, prefixes, ...(type ? { type } : {}) };
  try {
    return { ...header, ...parseHeaderTail(c, routineKind) };
  } catch (e) {
    if (e instanceof ParseError) return { ...header, args: [], error: e };
    throw e;
  }
}

/** After a type spec there is a `function` keyword followed by a name (so this is not a declaration). */
function headerAhead(c: Cursor): boolean {
  const i = c.toks.findIndex((t, k) => k >= c.i && t.kind === 'ident' && t.text === 'function');
  return i > 0 && c.toks[i + 1]?.kind === 'ident' && indexTop(c.toks.slice(c.i, i), '::') < 0;
}

function parseHeaderTail(c: Cursor, kind: 'subroutine' | 'function'): { args: NameRef[]; result?: NameRef } {
  const args: NameRef[] = [];
  let result: NameRef | undefined;
  if (c.at('(')) {
    const inner = c.group();
    if (inner.length > 0) {
      for (const item of splitTop(inner)) {
        const t = item[0];
        if (item.length !== 1 || !(t!.kind === 'ident' || t!.text === '*')) {
          c.fail('expected an argument name', t ?? c.peek());
        }
        args.push({ name: t!.text, span: c.span(t) });
      }
    }
  } else if (kind === 'function') c.fail(`expected '(' after the function name${c.found()}`);
  while (!c.done()) {
    const t = c.ident(`'result' or 'bind' or end of statement`);
    if (t.text === 'result' && kind === 'function' && !result) {
      const inner = c.group();
      if (inner.length !== 1 || inner[0]!.kind !== 'ident') c.fail('expected one result name', inner[0] ?? t);
      result = { name: inner[0]!.text, span: c.span(inner[0]) };
    } else if (t.text === 'bind') c.group();
    else c.fail(`unexpected '${t.text}' after the ${kind} header`, t);
  }
  return result ? { args, result } : { args };
}

/** `type [, attr]... [::] entities`; F2Py directives may omit the comma before attributes. */
function parseDecl(c: Cursor): { type: TypeSpec; attrs: Attribute[]; entities: ReturnType<typeof parseEntities> } {
  const type = parseTypeSpec(c);
  const attrs: Attribute[] = [];
  if (indexTop(c.toks.slice(c.i), '::') >= 0) {
    while (!c.accept('::')) {
      c.accept(',');
      if (c.at('::')) continue;
      attrs.push(parseAttribute(c));
    }
  } else c.accept(',');
  return { type, attrs, entities: parseEntities(c) };
}

/** `implicit none`, `implicit real*8 (a-h, o-z), integer (i-n)`. */
function parseImplicit(c: Cursor): { none: boolean; rules: ImplicitRule[] } {
  c.expect('implicit');
  if (c.accept('none')) return { none: true, rules: [] };
  const rules: ImplicitRule[] = [];
  for (const item of splitTop(c.toks.slice(c.i))) {
    const open = lastTopGroupStart(item);
    if (open <= 0) c.fail('expected a type and a letter list, e.g. implicit real*8 (a-h, o-z)', item[0]);
    const sub = c.sub(item.slice(0, open));
    const type = parseTypeSpec(sub);
    if (!sub.done()) sub.fail(`unexpected '${sub.peek()!.text}' in implicit type`);
    const letters = c.sub(item.slice(open));
    const ranges = splitTop(letters.group()).map((r): [string, string] => {
      const ok = (r.length === 1 || (r.length === 3 && r[1]!.text === '-')) && r.every((t, k) => (k === 1 ? true : /^[a-z]$/.test(t.text)));
      if (!ok) c.fail('expected a letter or a letter range like a-h', r[0] ?? item[open]);
      return [r[0]!.text, r[r.length - 1]!.text];
    });
    rules.push({ type, ranges });
  }
  return { none: false, rules };
}

function lastTopGroupStart(toks: readonly { text: string; kind: string }[]): number {
  if (toks[toks.length - 1]?.text !== ')') return -1;
  let depth = 0;
  for (let i = toks.length - 1; i >= 0; i--) {
    if (toks[i]!.kind !== 'op') continue;
    if (toks[i]!.text === ')') depth++;
    if (toks[i]!.text === '(' && --depth === 0) return i;
  }
  return -1;
}

/** `use m`, `use, intrinsic :: iso_c_binding, only: c_int`, `use m, wp => dp`. */
function parseUse(c: Cursor): { module: string; intrinsic: boolean; only: boolean; names: UseName[] } {
  c.expect('use');
  let intrinsic = false;
  if (c.accept(',')) {
    intrinsic = c.ident("'intrinsic' or 'non_intrinsic'").text === 'intrinsic';
  }
  c.accept('::');
  const module = c.ident('a module name').text;
  let only = false;
  const names: UseName[] = [];
  if (c.accept(',')) {
    if (c.at('only') && c.at(':', 1)) {
      only = true;
      c.i += 2;
    }
    for (const item of splitTop(c.toks.slice(c.i))) {
      if (item.length === 0) continue;
      const arrow = item.findIndex((t) => t.text === '=>');
      if (item[0]!.kind !== 'ident' || (item.length > 1 && arrow !== 1)) continue; // operator(...), assignment(=)
      names.push({ local: item[0]!.text, remote: (arrow === 1 ? item[2] : item[0])?.text ?? item[0]!.text, span: c.span(item[0]) });
    }
  } else if (!c.done()) c.fail(`expected ',' after the module name${c.found()}`);
  return { module, intrinsic, only, names };
}
