// A module's public data: its variables and named constants (with evaluated values) and its derived
// type definitions -> IR; routines are lowered by lower.ts, common blocks by commons.ts.

import type { ConstantValue, DerivedType, ModuleVariable, Span, TypeComponent } from '../ir/types';
import type { Attribute, ModuleUnit, Stmt, TypeDef } from './ast';
import type { Const } from './const-eval';
import { lowerDataDecl, type DeclScope } from './data-decl';
import type { DocIndex } from './docs';
import { collectSymbols, type Sym } from './symbols';

/** Whether a module's `public`/`private` statements export a name (default public). */
export function visibility(body: readonly Stmt[]): (name: string) => boolean {
  let byDefault = true;
  const named = new Map<string, boolean>();
  for (const s of body) {
    if (s.kind !== 'attr' || s.attr.kind !== 'simple') continue;
    const name = s.attr.name;
    if (name !== 'public' && name !== 'private') continue;
    if (s.entities.length === 0) byDefault = name === 'public';
    for (const e of s.entities) named.set(e.name, name === 'public');
  }
  return (name) => named.get(name) ?? byDefault;
}

/** Attributes that make a name a variable of this module (not a re-exported or procedure name). */
const DATA_FLAGS = ['parameter', 'allocatable', 'pointer', 'target', 'save', 'protected', 'dimension'];

/** The public variables and derived types of a module, in source order. */
export function lowerModuleData(u: ModuleUnit, docs: DocIndex, ctx: DeclScope): { variables: ModuleVariable[]; types: DerivedType[] } {
  const isPublic = visibility(u.body);
  const notData = new Set<string>([
    ...u.routines.map((r) => r.name),
    ...u.interfaces.flatMap((i) => [...(i.name ? [i.name] : []), ...i.bodies.map((b) => b.name)]),
    ...u.types.map((t) => t.name),
    ...u.body.flatMap((s) => (s.kind === 'common' ? s.groups.flatMap((g) => g.entities.map((e) => e.name)) : [])),
  ]);
  const saveAll = u.body.some((s) => s.kind === 'attr' && s.attr.kind === 'simple' && s.attr.name === 'save' && s.entities.length === 0);
  const declared = declarationSpans(u.body);
  const variables: ModuleVariable[] = [];
  for (const [name, sym] of collectSymbols(u.body, docs)) {
    if (notData.has(name) || !isData(sym) || !exported(sym, isPublic(name))) continue;
    const v = lowerVariable(name, { ...sym, span: declared.get(name) ?? sym.span }, u, ctx, saveAll);
    if (v) variables.push(v);
  }
  variables.sort((a, b) => a.span.line - b.span.line || a.span.col - b.span.col);
  const types: DerivedType[] = [];
  for (const t of u.types) {
    if (!exported({ flags: new Set(t.attrs.map((a) => (a.kind === 'simple' ? a.name : a.kind))) }, isPublic(t.name))) continue;
    const lowered = lowerType(t, u.name, docs, ctx);
    if (lowered) types.push(lowered);
  }
  return { variables, types };
}

/** Where each name is declared with a type (else given a value or dimension): its span in the IR. */
function declarationSpans(body: readonly Stmt[]): Map<string, Span> {
  const spans = new Map<string, Span>();
  for (const pass of ['decl', 'parameter', 'attr'] as const) {
    for (const s of body) {
      if (s.kind !== pass || s.directive) continue;
      for (const e of s.entities) if (!spans.has(e.name)) spans.set(e.name, e.span);
    }
  }
  return spans;
}

function isData(sym: Sym): boolean {
  if (sym.flags.has('external') || sym.flags.has('intrinsic')) return false;
  return sym.type !== undefined || sym.dims !== undefined || DATA_FLAGS.some((f) => sym.flags.has(f));
}

/** A `public`/`private` attribute on the declaration wins over the module's statements. */
function exported(sym: Pick<Sym, 'flags'>, byStatements: boolean): boolean {
  if (sym.flags.has('public')) return true;
  if (sym.flags.has('private')) return false;
  return byStatements;
}

function lowerVariable(name: string, sym: Sym, u: ModuleUnit, ctx: DeclScope, saveAll: boolean): ModuleVariable | undefined {
  const decl = lowerDataDecl(name, sym, u.span, `variable '${name}' of module '${u.name}'`, ctx);
  if (!decl) return undefined;
  const flag = (f: string): boolean => sym.flags.has(f);
  const parameter = flag('parameter');
  const value = parameter ? constantValue(ctx.scope.value(name, 0), decl.bounds) : undefined;
  const { span, ...rest } = decl;
  return {
    ...rest, parameter, ...(value !== undefined ? { value } : {}),
    allocatable: flag('allocatable'), pointer: flag('pointer'), target: flag('target'),
    save: saveAll || flag('save'), protected: flag('protected'), span,
  };
}

/** The IR form of an evaluated constant; a scalar given to an array of known size fills it. */
function constantValue(c: Const | undefined, bounds: ModuleVariable['bounds']): ConstantValue | undefined {
  if (!c) return undefined;
  if (c.type === 'array') {
    const values = c.elements.map((e) => e.value);
    return values as number[] | boolean[] | string[];
  }
  if (bounds.length === 0) return c.value;
  let size = 1;
  for (const b of bounds) {
    if (b.upper?.op !== 'int' || b.lower.op !== 'int') return undefined;
    size *= Math.max(0, b.upper.value - b.lower.value + 1);
  }
  return Array(size).fill(c.value) as number[] | boolean[] | string[];
}

/** A derived type and its components; undefined (with a warning) when a component cannot be lowered. */
function lowerType(t: TypeDef, module: string, docs: DocIndex, outer: DeclScope): DerivedType | undefined {
  const ctx: DeclScope = { ...outer, rules: undefined, consequence: `type '${t.name}' is left out` };
  const privateByDefault = t.body.some((s) => s.kind === 'attr' && s.attr.kind === 'simple' && s.attr.name === 'private' && s.entities.length === 0);
  const components: TypeComponent[] = [];
  for (const [name, sym] of collectSymbols(t.body, docs)) {
    const decl = lowerDataDecl(name, sym, t.span, `component '${name}' of type '${t.name}' in module '${module}'`, ctx);
    if (!decl) return undefined;
    const { span, ...rest } = decl;
    components.push({
      ...rest, allocatable: sym.flags.has('allocatable'), pointer: sym.flags.has('pointer'),
      private: !exported(sym, !privateByDefault), span,
    });
  }
  const doc = docs.declDoc(t.span.line, t.span.line);
  const parent = attrArgs(t.attrs, 'extends');
  return {
    name: t.name,
    bindC: attrArgs(t.attrs, 'bind')?.toLowerCase() === 'c',
    sequence: t.body.some((s) => s.kind === 'other' && s.keyword === 'sequence'),
    ...(parent ? { extends: parent } : {}),
    components,
    ...(doc ? { doc } : {}),
    span: t.span,
  };
}

/** The text inside `name(...)` of an attribute, if present. */
function attrArgs(attrs: readonly Attribute[], name: string): string | undefined {
  const a = attrs.find((x) => x.kind === 'simple' && x.name === name);
  return a?.kind === 'simple' ? a.args?.text : undefined;
}
