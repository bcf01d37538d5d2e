// Gathers, per name, everything a routine's specification part says about it (type, dims, intents,
// attributes, directive additions, doc); deciding what that means is left to lower.ts.

import type { Span } from '../ir/types';
import type { Attribute, DimSpec, Entity, RawExpr, Stmt, TypeSpec } from './ast';
import type { DocIndex } from './docs';

export interface Sym {
  /** From a Fortran declaration. */
  type?: TypeSpec;
  /** From an F2Py directive declaration (used when there is no Fortran one). */
  directiveType?: TypeSpec;
  /** `c*10` on the entity. */
  charLen?: RawExpr;
  dims?: readonly DimSpec[];
  /** The dims came from an F2Py directive, which wins over the Fortran declaration (as in F2Py). */
  dimsFromDirective?: boolean;
  /** Intent words from declarations and directives: `in`, `out`, `inout`, `hide`, `c`, ... */
  intents: readonly string[];
  /** The intent words of Fortran declarations only (no directives): what the routine itself says. */
  sourceIntents: readonly string[];
  /** Fortran `optional` attribute. */
  optional: boolean;
  /** F2Py `optional` (directive). */
  f2pyOptional: boolean;
  required: boolean;
  /** Other attributes: `value`, `allocatable`, `pointer`, `external`, `parameter`, `depend`, ... */
  flags: ReadonlySet<string>;
  /** bridgegen's `zerobased[(extent)]` on an index array. */
  zeroBased?: RawExpr | true;
  /** Initializer from an F2Py directive (`integer intent(hide) :: n = len(x)`). */
  directiveInit?: RawExpr;
  doc?: string;
  /** Where it was first declared in Fortran (else in a directive). */
  span?: Span;
  fromDirective?: boolean;
}

export type SymbolTable = Map<string, Sym>;

/**
 * Most symbols (a routine's locals) have no intents or flags: they share these empty ones, replaced
 * on the first addition. A Set and two arrays per symbol were a large part of lowering's garbage.
 */
const NONE: readonly string[] = [];
const NO_FLAGS: ReadonlySet<string> = new Set();

function symbol(table: SymbolTable, name: string): Sym {
  let s = table.get(name);
  if (!s) {
    s = { intents: NONE, sourceIntents: NONE, optional: false, f2pyOptional: false, required: false, flags: NO_FLAGS };
    table.set(name, s);
  }
  return s;
}

function addFlag(s: Sym, flag: string): void {
  s.flags = new Set(s.flags).add(flag);
}

/** Applies one attribute (from a declaration or an attribute statement) to a symbol. */
function applyAttr(s: Sym, a: Attribute, directive: boolean): void {
  switch (a.kind) {
    case 'dimension':
      if (directive) setDirectiveDims(s, a.dims);
      else if (!s.dims) s.dims = a.dims;
      return;
    case 'intent':
      s.intents = [...s.intents, ...a.words];
      if (!directive) s.sourceIntents = [...s.sourceIntents, ...a.words];
      return;
    case 'simple':
      if (a.name === 'optional') {
        if (directive) s.f2pyOptional = true;
        else s.optional = true;
      } else if (a.name === 'required') s.required = true;
      else if (a.name === 'zerobased') s.zeroBased = a.args ?? true;
      else addFlag(s, a.name);
      return;
    default:
      return assertNever(a);
  }
}

function setDirectiveDims(s: Sym, dims: readonly DimSpec[]): void {
  s.dims = dims;
  s.dimsFromDirective = true;
}

function applyEntity(s: Sym, e: Entity, directive: boolean): void {
  if (e.dims && directive) setDirectiveDims(s, e.dims);
  else if (e.dims && !s.dimsFromDirective) s.dims = e.dims;
  if (e.charLen) s.charLen = e.charLen;
  if (e.init && directive) s.directiveInit = e.init;
  if (!s.span || (s.fromDirective && !directive)) {
    s.span = e.span;
    s.fromDirective = directive;
  }
}

/** Everything the statements of a specification part say about each name. */
export function collectSymbols(body: readonly Stmt[], docs: DocIndex): SymbolTable {
  const table: SymbolTable = new Map();
  for (const st of body) {
    if (st.kind !== 'decl' && st.kind !== 'attr' && st.kind !== 'parameter') continue;
    const doc = st.kind === 'decl' ? docs.declDoc(st.span.line, st.endLine) : undefined;
    for (const e of st.entities) {
      const s = symbol(table, e.name);
      if (st.kind === 'decl') {
        if (st.directive) s.directiveType ??= st.type;
        else s.type = st.type;
        for (const a of st.attrs) applyAttr(s, a, st.directive);
        if (doc && !s.doc) s.doc = doc;
      } else if (st.kind === 'attr') applyAttr(s, st.attr, st.directive);
      else addFlag(s, 'parameter');
      applyEntity(s, e, st.directive);
    }
  }
  return table;
}

function assertNever(x: never): never {
  throw new Error(`unexpected ${JSON.stringify(x)}`);
}
