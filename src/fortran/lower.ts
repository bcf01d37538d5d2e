// Syntax tree -> IR: decides what declarations mean (types and kinds, intents, shapes, docs,
// visibility) for routines and modules; parsing is left to parser.ts, later refinements to ir/passes.

import { DiagnosticBag } from '../diag/diagnostic';
import type { Arg, CallArg, Expr, Interface, Intent, Module, Routine, Span } from '../ir/types';
import type { ModuleUnit, NameRef, RawExpr, RoutineUnit, SourceAst, Stmt, TypeSpec } from './ast';
import { inferredInterface } from './callback-inference';
import { parseSource } from './parser';
import { splitFree } from './source-form';
import { lowerBounds } from './bounds';
import { parseExpr } from './expr';
import { CommonCollector } from './commons';
import { DocIndex, type ParamDirection, type RoutineDoc } from './docs';
import { lowerChecks, lowerDefault } from './f2py-values';
import { ModuleTable, Scope, type ConstScope } from './kinds';
import { lowerModuleData, visibility } from './module-entities';
import { collectSymbols, type Sym, type SymbolTable } from './symbols';
import { applyImplicit, defaultImplicit, implicitType, resolveType, type ImplicitRules } from './typing';

/** What a routine sees from outside: its file's docs, its host module's constants and implicit rules. */
interface Context {
  readonly bag: DiagnosticBag;
  readonly docs: DocIndex;
  readonly table: ModuleTable;
  readonly host?: ConstScope;
  readonly implicit: ImplicitRules;
  readonly module?: string;
  readonly commons: CommonCollector;
}

/** Everything lowering one routine needs. */
interface RoutineContext extends Context {
  readonly unit: RoutineUnit;
  readonly scope: Scope;
  readonly rules: ImplicitRules;
  readonly syms: SymbolTable;
  readonly procedures: ReadonlySet<string>;
  /** The dummy argument names: what array bounds may refer to. */
  readonly argNames: ReadonlySet<string>;
  readonly doc: RoutineDoc;
  /** e.g. `subroutine 'foo'` */
  readonly what: string;
}

/** Lowers parsed files to the interface IR; problems go to `bag`, failing routines are left out. */
export function lowerSources(asts: readonly SourceAst[], bag: DiagnosticBag): Interface {
  const byName = new Map<string, ModuleUnit>();
  for (const ast of asts) for (const u of ast.units) if (u.kind === 'module') byName.set(u.name, u);
  const out: Output = { routines: [], modules: [], commons: new CommonCollector(bag) };
  const table = new ModuleTable(byName);
  for (const ast of asts) lowerFile(ast, table, bag, out);
  return { routines: out.routines, modules: out.modules, commons: out.commons.result() };
}

/**
 * Lowers files one at a time, in order, as they are parsed: holding every file's syntax tree and
 * comments until the end made garbage collection the main cost on large inputs (LAPACK). A file is
 * lowered with the modules of the files before it (and its own); that is what `lowerSources` gives
 * unless a module is defined after a lookup of its name, or defined twice. Then `finish` returns
 * undefined, and the caller lowers all files again in one batch. Lowering's diagnostics are held
 * until `finish`, so they still follow all of the parser's, as in one batch.
 */
export class Lowering {
  private readonly lowered = new DiagnosticBag();
  private readonly out: Output = { routines: [], modules: [], commons: new CommonCollector(this.lowered) };
  private readonly byName = new Map<string, ModuleUnit>();
  private readonly table = new ModuleTable(this.byName);
  private stale = false;

  constructor(private readonly bag: DiagnosticBag) {}

  add(ast: SourceAst): void {
    for (const u of ast.units) {
      if (u.kind !== 'module') continue;
      if (this.byName.has(u.name) || this.table.looked.has(u.name)) this.stale = true;
      this.byName.set(u.name, u);
    }
    if (!this.stale) lowerFile(ast, this.table, this.lowered, this.out);
  }

  /** The IR of the files added, or undefined when they must be lowered again in one batch (see above). */
  finish(): Interface | undefined {
    if (this.stale) return undefined;
    for (const d of this.lowered.items) this.bag.items.push(d);
    return { routines: this.out.routines, modules: this.out.modules, commons: this.out.commons.result() };
  }
}

/** What lowering files adds to, in file order. */
interface Output {
  readonly routines: Routine[];
  readonly modules: Module[];
  readonly commons: CommonCollector;
}

function lowerFile(ast: SourceAst, table: ModuleTable, bag: DiagnosticBag, out: Output): void {
  const { routines, modules, commons } = out;
  const docs = new DocIndex(ast.comments, ast.blankLines);
  for (const u of ast.units) {
    const base: Context = { bag, docs, table, implicit: defaultImplicit(u.span), commons };
    if (u.kind === 'routine') {
      const r = lowerRoutine(u, base);
      if (r) routines.push(r);
      continue;
    }
    const ctx: Context = { ...base, host: table.scopeOf(u.name), implicit: applyImplicit(base.implicit, u.body), module: u.name };
    modules.push(lowerModule(u, ctx));
    const isPublic = visibility(u.body);
    for (const r of u.routines) {
      const lowered = isPublic(r.name) ? lowerRoutine(r, ctx) : void addCommons(r, ctx);
      if (lowered) routines.push(lowered);
    }
  }
}

/** A module's doc, public variables and types; its common blocks go to the collector. */
function lowerModule(u: ModuleUnit, ctx: Context): Module {
  const scope = ctx.table.scopeOf(u.name)!;
  const what = `module '${u.name}'`;
  ctx.commons.add({ body: u.body, what, docs: ctx.docs, scope, rules: ctx.implicit });
  const data = lowerModuleData(u, ctx.docs, { bag: ctx.bag, scope, rules: ctx.implicit, consequence: 'the variable is left out' });
  const doc = ctx.docs.routineDoc(u.span.line, u.headerEndLine).doc;
  return { name: u.name, ...(doc ? { doc } : {}), variables: data.variables, types: data.types, span: u.span };
}

/** The implicit rules and constants of a routine. */
function routineScope(unit: RoutineUnit, outer: Context): { rules: ImplicitRules; scope: Scope } {
  const rules = applyImplicit(outer.implicit, unit.body);
  return { rules, scope: new Scope(unit.body, outer.host, outer.table, (n) => implicitType(rules, n)) };
}

/** Gives the common blocks of a routine that is not itself exported to the collector. */
function addCommons(unit: RoutineUnit, outer: Context): void {
  if (unit.broken) return;
  const { rules, scope } = routineScope(unit, outer);
  outer.commons.add({ body: unit.body, what: `${unit.routineKind} '${unit.name}'`, docs: outer.docs, scope, rules });
}

function lowerRoutine(unit: RoutineUnit, outer: Context): Routine | undefined {
  if (unit.broken) return undefined;
  const what = `${unit.routineKind} '${unit.name}'`;
  const { rules, scope } = routineScope(unit, outer);
  outer.commons.add({ body: unit.body, what, docs: outer.docs, scope, rules });
  const ctx = routineContext(unit, outer, { what, rules, scope });
  const args: Arg[] = [];
  for (const a of unit.args) {
    if (a.name === '*') {
      outer.bag.warning('BG003', a.span, `alternate return of ${what} is not supported; the routine is skipped`);
      return undefined;
    }
    const arg = lowerArg(a, ctx, false);
    if (!arg) return undefined;
    args.push(withCallback(arg, unit, outer, ctx));
  }
  let result: Arg | undefined;
  if (unit.routineKind === 'function') {
    result = lowerArg(unit.result ?? { name: unit.name, span: unit.span }, ctx, true);
    if (!result) return undefined;
  }
  const checks = mayHaveChecks(unit.body) ? lowerChecks(unit.body, outer.bag, what) : [];
  if (!checks) return undefined;
  const threadsafe =
    unit.prefixes.includes('pure') || unit.prefixes.includes('elemental') ||
    unit.body.some((s) => s.kind === 'directive' && s.name === 'threadsafe');
  const callArgs = auxFree(args, ctx);
  return {
    name: unit.name,
    kind: unit.routineKind,
    ...(outer.module ? { module: outer.module } : {}),
    ...(ctx.doc.doc ? { doc: ctx.doc.doc } : {}),
    ...(result ? { result } : {}),
    args,
    threadsafe,
    ...(checks.length > 0 ? { checks } : {}),
    ...(callArgs ? { callArgs } : {}),
    ...(isCFunction(unit, ctx) ? { language: 'c' as const } : {}),
    span: unit.span,
  };
}

/** F2Py's `intent(c)` on the routine's own name (or its result): a C function, not Fortran. */
function isCFunction(unit: RoutineUnit, ctx: RoutineContext): boolean {
  return [unit.name, unit.result?.name].some((n) => n !== undefined && ctx.syms.get(n)?.intents.includes('c'));
}

/**
 * F2Py's `intent(aux)` arguments exist only in the wrapper (to compute other arguments' defaults
 * and dimensions): the routine is called without them.
 */
function auxFree(args: readonly Arg[], ctx: RoutineContext): CallArg[] | undefined {
  const passed = args.filter((a) => !ctx.syms.get(a.name)?.intents.includes('aux'));
  return passed.length === args.length ? undefined : passed.map((a) => ({ name: a.name }));
}

/**
 * The context of one routine, its fields listed rather than `outer` spread: copying a context of
 * varying shape per routine was a measurable part of lowering LAPACK.
 */
function routineContext(unit: RoutineUnit, outer: Context, own: { what: string; rules: ImplicitRules; scope: Scope }): RoutineContext {
  const { bag, docs, table, host, implicit, module, commons } = outer;
  return {
    bag, docs, table, host, implicit, module, commons, unit, ...own,
    procedures: unit.interfaces.length === 0 ? NO_NAMES : new Set(unit.interfaces.flatMap((i) => i.bodies.map((b) => b.name))),
    argNames: new Set(unit.args.map((a) => a.name)),
    syms: collectSymbols(unit.body, docs),
    doc: docs.routineDoc(unit.span.line, unit.headerEndLine),
  };
}

const NO_NAMES: ReadonlySet<string> = new Set();

/**
 * Whether a `check(...)` may be among these statements: only declarations and attribute statements
 * carry one. Most of a body is executable statements, which `lowerChecks` need not walk.
 */
function mayHaveChecks(body: readonly Stmt[]): boolean {
  for (const s of body) {
    if (s.kind === 'attr' && s.attr.kind === 'simple' && s.attr.name === 'check') return true;
    if (s.kind === 'decl' && s.attrs.some((a) => a.kind === 'simple' && a.name === 'check')) return true;
  }
  return false;
}

/**
 * A procedure argument gets a signature from the interface body the routine declares for it,
 * else, as F2Py infers one, from its call site in the routine (callback-inference.ts).
 */
function withCallback(arg: Arg, unit: RoutineUnit, outer: Context, ctx: RoutineContext): Arg {
  if (arg.type !== 'procedure') return arg;
  const body = unit.interfaces.flatMap((i) => i.bodies).find((b) => b.name === arg.name);
  const lowered = body ? lowerRoutine(body, { ...outer, module: undefined }) : inferCallback(arg, unit, outer, ctx);
  if (!lowered) return arg;
  const callback = { kind: lowered.kind, args: lowered.args, ...(lowered.result ? { result: lowered.result } : {}) };
  return { ...arg, callback };
}

/** The Fortran spelling of a type an inferred callback may use (no CHARACTER or derived types). */
function typeText(spec: TypeSpec | null | undefined, ctx: RoutineContext, name: string): string | undefined {
  const vt = spec ? resolveType(spec, ctx.scope, new DiagnosticBag(), name) : undefined;
  if (!vt) return undefined;
  if (vt.type === 'complex') return `complex(${vt.kind / 2})`;
  return vt.type === 'integer' || vt.type === 'real' || vt.type === 'logical' ? `${vt.type}(${vt.kind})` : undefined;
}

/** The callback's signature from its call site, lowered from the interface that site implies. */
function inferCallback(arg: Arg, unit: RoutineUnit, outer: Context, ctx: RoutineContext): Routine | undefined {
  const implicitSpec = (name: string) => implicitType(ctx.rules, name);
  const text = inferredInterface(arg.name, unit.body, {
    variable: (name) => {
      const sym = ctx.syms.get(name);
      if (sym?.flags.has('external') || sym?.intents.includes('callback') || ctx.procedures.has(name)) return undefined;
      const type = typeText(sym?.type ?? sym?.directiveType ?? implicitSpec(name), ctx, name);
      return type ? { type, dims: (sym?.dims ?? []).map((d) => d.text) } : undefined;
    },
    functionType: (name) => {
      const sym = ctx.syms.get(name);
      return typeText(sym?.type ?? sym?.directiveType ?? implicitSpec(name), ctx, name);
    },
  });
  if (!text) return undefined;
  // Read back by the front end; problems there mean no signature (the supported pass says so).
  const bag = new DiagnosticBag();
  const file = `${arg.span.file} (interface of ${arg.name} inferred from its call)`;
  const ast = parseSource(file, splitFree(file, text), bag);
  const inferred = ast.units.find((u): u is RoutineUnit => u.kind === 'routine');
  if (!inferred || bag.hasErrors) return undefined;
  return lowerRoutine(inferred, { ...outer, bag, docs: new DocIndex([]), module: undefined });
}

/** One dummy argument (or the function result); undefined when it cannot be wrapped (reported). */
function lowerArg(ref: NameRef, ctx: RoutineContext, isResult: boolean): Arg | undefined {
  const { name } = ref;
  const sym = ctx.syms.get(name);
  const span = sym?.span && !sym.fromDirective ? sym.span : ref.span;
  const what = isResult ? `the result of ${ctx.what}` : `argument '${name}' of ${ctx.what}`;
  const vt = valueType(name, sym, ctx, what, span, isResult);
  if (!vt) return undefined;
  const dims = sym?.dims ?? [];
  const bounds = dims.length === 0 ? []
    : lowerBounds(dims, { scope: ctx.scope, bag: ctx.bag, variables: ctx.argNames, what, consequence: 'the routine is skipped' });
  if (!bounds) return undefined;
  const io = isResult
    ? { intent: 'out' as const, hidden: false, returned: true }
    : lowerIntent(intentWords(sym?.intents ?? [], vt.type === 'procedure' ? undefined : ctx.doc.directions?.get(name)),
      vt.type === 'character' ? 0 : dims.length); // JS strings are immutable: a CHARACTER inout is returned
  const fortranOptional = !isResult && (sym?.optional ?? false);
  const f2pyOptional = (sym?.f2pyOptional ?? false) || sym?.directiveInit !== undefined; // F2Py: an initializer makes it optional
  const optional = !isResult && !io.hidden && (fortranOptional || f2pyOptional) && !(sym?.required ?? false);
  const dflt = sym?.directiveInit && (optional || io.hidden) ? lowerDefault(sym.directiveInit) : undefined;
  const doc = sym?.doc ?? ctx.doc.params.get(name);
  const charSpec = sym?.charLen ?? ((isResult ? ctx.unit.type : undefined) ?? sym?.type ?? sym?.directiveType)?.len;
  // Optional fields are set one by one, in the order the IR lists them: spreading `...(c ? {f} : {})`
  // made a throw-away object per field and was the main cost of lowering an argument.
  const arg: Partial<Writable<Arg>> = {
    name, type: vt.type, kind: vt.kind, rank: dims.length, dims: dims.map((d) => d.text), bounds,
    intent: io.intent, optional, hidden: io.hidden, fortranOptional, returned: io.returned,
  };
  const declared = declaredIntent(sym?.sourceIntents ?? []);
  if (declared) arg.declaredIntent = declared;
  if (sym && sym.intents.length > 0) setF2pyResultWords(arg, sym.intents);
  if (dflt) arg.default = dflt;
  if (vt.type === 'character') arg.charLen = charSpec?.text ?? '1';
  if (vt.typeName !== undefined) arg.typeName = vt.typeName;
  // F2Py's intent(c) on a scalar: passed by value (C's convention).
  if (sym?.flags.has('value') || (!isResult && dims.length === 0 && sym?.intents.includes('c'))) arg.value = true;
  if (!isResult && dims.length >= 2 && sym?.intents.includes('c')) arg.rowMajor = true;
  if (sym?.flags.has('allocatable')) arg.allocatable = true;
  if (sym?.flags.has('pointer')) arg.pointer = true;
  if (sym?.zeroBased) arg.zeroBased = lowerZeroBased(sym.zeroBased, ctx, name);
  if (doc) arg.doc = doc;
  arg.span = span;
  return arg as Arg;
}

/** `zerobased` or `zerobased(extent)`; an extent that does not parse is reported, and dropped. */
function lowerZeroBased(attr: RawExpr | true, ctx: RoutineContext, name: string): { extent?: Expr } {
  if (attr === true) return {};
  const r = parseExpr(attr.tokens);
  if ('expr' in r) return { extent: r.expr };
  ctx.bag.error('BG002', attr.span, `zerobased(...) of \`${name}\`: ${r.error}`);
  return {};
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

function valueType(name: string, sym: Sym | undefined, ctx: RoutineContext, what: string, span: Span, isResult: boolean) {
  // F2Py's intent(callback) makes a procedure argument, with or without `external`.
  const procedure = sym?.flags.has('external') || sym?.intents.includes('callback') || ctx.procedures.has(name);
  if (!isResult && procedure) return { type: 'procedure' as const, kind: 0 };
  const written = isResult ? (ctx.unit.type ?? sym?.type ?? sym?.directiveType) : (sym?.type ?? sym?.directiveType);
  const spec = written ?? implicitType(ctx.rules, name);
  if (!spec) {
    ctx.bag.error('BG008', span, `${what} has no type (IMPLICIT NONE is in effect)`);
    return undefined;
  }
  return resolveType(spec, ctx.scope, ctx.bag, what);
}

/** F2Py's `copy`/`overwrite` and `out=name` intent words. */
function setF2pyResultWords(arg: Partial<Writable<Arg>>, words: readonly string[]): void {
  const outName = words.find((w) => w.startsWith('out='))?.slice('out='.length);
  const overwrite = words.includes('overwrite') ? 'overwrite' : words.includes('copy') ? 'copy' : undefined;
  if (overwrite) arg.overwrite = overwrite;
  if (outName) arg.outName = outName;
}

/**
 * The intent the Fortran declaration itself states (`in out` and `inout` alike), if any. Here and in
 * `lowerIntent`, `words.includes` rather than a local `has` helper: tsx (the benchmark's runner) names
 * every local arrow function with a defineProperty call, per call of the function around it.
 */
function declaredIntent(words: readonly string[]): 'in' | 'out' | 'inout' | undefined {
  if (words.includes('inout') || (words.includes('in') && words.includes('out'))) return 'inout';
  if (words.includes('out')) return 'out';
  if (words.includes('in')) return 'in';
  return undefined;
}

const INTENT_WORDS = new Set(['in', 'out', 'inout', 'hide']);

/**
 * The intent words that apply: those declared (in Fortran or an `!f2py` directive) win; when none
 * says in/out/inout/hide, the Doxygen `\param[dir]` of the argument supplies one (LAPACK's convention).
 */
function intentWords(declared: readonly string[], documented: ParamDirection | undefined): readonly string[] {
  if (!documented || declared.some((w) => INTENT_WORDS.has(w))) return declared;
  return [...declared, documented];
}

/** F2Py's intent rules: `in,out` is returned; `inout` is returned only for scalars; `hide` is never passed. */
function lowerIntent(words: readonly string[], rank: number): { intent: Intent; hidden: boolean; returned: boolean } {
  if (words.includes('hide')) return { intent: words.includes('out') ? 'out' : 'in', hidden: true, returned: false };
  if ((words.includes('in') || words.includes('inout')) && words.includes('out')) return { intent: 'inout', hidden: false, returned: true };
  if (words.includes('inout')) return { intent: 'inout', hidden: false, returned: rank === 0 };
  if (words.includes('out')) return { intent: 'out', hidden: false, returned: true };
  if (words.includes('in')) return { intent: 'in', hidden: false, returned: false };
  return { intent: null, hidden: false, returned: false };
}
