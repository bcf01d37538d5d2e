// Lowers the declarations of one C header (ast.ts) to the IR: its functions as routines with
// `language: 'c'`, its enumerators and integer macros as named constants and its structs as
// bind(C) types of a module named after the header. Declarations of included headers only
// lend their typedefs, structs and constants.

import * as path from 'node:path';
import type { DiagnosticBag } from '../diag/diagnostic';
import type { Arg, Check, DerivedType, Expr, Module, ModuleVariable, Routine, Span, TypeComponent } from '../ir/types';
import { parseExpr } from '../fortran/expr';
import { lex } from '../fortran/lexer';
import type { CDecl, CEnumerator, CField, CType } from './ast';
import { conventionalLengths, type ParamFacts } from './conventions';
import { lowerParam, lowerResult, paramNames, voidPointerIndex } from './params';
import { classify, structSpelling, type TypeScope } from './types';

type FunctionDecl = Extract<CDecl, { kind: 'function' }>;

/** Typedefs (the last declaration wins, as the compiler requires them to agree) and struct names. */
export function typeScope(decls: readonly CDecl[]): TypeScope {
  const typedefs = new Map<string, CType>();
  const structNames = new Map<string, string>();
  for (const d of decls) {
    if (d.kind !== 'typedef') continue;
    typedefs.set(d.name, d.type);
    if (d.type.kind === 'struct' && d.type.tag.startsWith('@')) structNames.set(d.type.tag, d.name);
  }
  return { typedefs, structNames };
}

/** Every integer constant the headers define (enumerators and macros), for the conventions. */
export function constantsOf(decls: readonly CDecl[]): Map<string, number> {
  const constants = new Map<string, number>();
  for (const d of decls) {
    if (d.kind === 'macro') constants.set(d.name, d.value);
    if (d.kind === 'enum') for (const m of d.members) if (m.value !== undefined) constants.set(m.name, m.value);
  }
  return constants;
}

function facts(fn: FunctionDecl, names: readonly string[], scope: TypeScope): ParamFacts[] {
  return fn.type.params.map((p, i) => {
    const k = classify(p.type, scope);
    const to = k.kind === 'pointer' ? k.to : undefined;
    const number = to?.kind === 'scalar' && to.type !== 'character';
    return {
      name: names[i],
      array: number,
      integer: k.kind === 'scalar' && k.type === 'integer',
      integerArray: number && to.type === 'integer',
    };
  });
}

/** The routine's callback (if it takes one whose signature has a `void *`) and its own `void *`. */
function userdataPairing(fn: FunctionDecl, names: readonly string[], scope: TypeScope): Map<number, string> {
  const pairing = new Map<number, string>();
  const context = voidPointerIndex(fn.type.params, scope);
  const callback = fn.type.params.findIndex((p) => {
    const k = classify(p.type, scope);
    return k.kind === 'function' && voidPointerIndex(k.type.params, scope) >= 0;
  });
  if (context >= 0 && callback >= 0) pairing.set(context, names[callback]);
  return pairing;
}

/** Why the function cannot be described in the IR at all, or undefined. */
function functionProblem(fn: FunctionDecl, names: readonly string[]): string | undefined {
  if (fn.type.variadic) return 'it is variadic (`...`)';
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) return `two parameters are named \`${twice}\` (bridgegen's names are lower case)`;
  return undefined;
}

/**
 * Lengths the header states in comments (`const double *x /* dimension(n) * /`): they win over
 * the conventions. Names are the parameters' (lower case); one that does not parse is reported.
 */
function annotatedLengths(fn: FunctionDecl, names: readonly string[], bag: DiagnosticBag): Map<string, Expr> {
  const found = new Map<string, Expr>();
  fn.type.params.forEach((p, i) => {
    if (p.length === undefined) return;
    const parsed = parseExpr(lex(p.length.toLowerCase()));
    if ('expr' in parsed) found.set(names[i]!, parsed.expr);
    else bag.warning('BG002', p.span, `length annotation \`${p.length}\` of \`${names[i]}\` ignored: ${parsed.error}`);
  });
  return found;
}

function lowerFunction(fn: FunctionDecl, header: string, scope: TypeScope, constants: ReadonlyMap<string, number>, bag: DiagnosticBag): Routine | undefined {
  const names = paramNames(fn.type.params);
  const problem = functionProblem(fn, names);
  if (problem) {
    bag.warning('BG003', fn.span, `function \`${fn.name}\` skipped: ${problem}`);
    return undefined;
  }
  const lengths = new Map([...conventionalLengths(facts(fn, names, scope), constants), ...annotatedLengths(fn, names, bag)]);
  const pairing = userdataPairing(fn, names, scope);
  const args: Arg[] = fn.type.params.map((p, i) =>
    lowerParam(p.type, { name: names[i], length: lengths.get(names[i]), userdata: pairing.get(i) }, scope, p.span));
  const name = fn.name.toLowerCase();
  const result = lowerResult(fn.type.result, name, scope, fn.span);
  const checks = unsignedChecks(fn, names, scope);
  return {
    name,
    kind: result ? 'function' : 'subroutine',
    ...(name !== fn.name ? { fortranName: fn.name } : {}),
    ...(fn.doc ? { doc: fn.doc } : {}),
    ...(result ? { result } : {}),
    args,
    ...(checks.length > 0 ? { checks } : {}),
    threadsafe: false,
    language: 'c',
    header,
    span: fn.span,
  };
}

/**
 * `k>=0` for each unsigned scalar parameter: C would turn -1 into UINT_MAX, silently. The IR's
 * integers are signed, so values above the signed range are refused as out of range too.
 */
function unsignedChecks(fn: FunctionDecl, names: readonly string[], scope: TypeScope): Check[] {
  return fn.type.params.flatMap((p, i) => {
    const k = classify(p.type, scope);
    if (k.kind !== 'scalar' || !k.unsigned) return [];
    const expr: Expr = { op: '>=', left: { op: 'name', name: names[i] }, right: { op: 'int', value: 0 } };
    return [{ expr, text: `${names[i]}>=0`, arg: names[i], span: p.span }];
  });
}

function constant(name: string, value: number, span: Span, enumName?: string): ModuleVariable {
  const kind = value >= -(2 ** 31) && value < 2 ** 31 ? 4 : 8;
  return {
    name, type: 'integer', kind, rank: 0, dims: [], bounds: [], span, parameter: true, value,
    allocatable: false, pointer: false, target: false, save: false, protected: false, ...(enumName ? { enumName } : {}),
  };
}

function enumConstants(tag: string, members: readonly CEnumerator[], scope: TypeScope): ModuleVariable[] {
  const named = [...scope.typedefs].find(([, t]) => t.kind === 'enum' && t.tag === tag)?.[0];
  const enumName = tag.startsWith('@') ? named : tag;
  return members.filter((m) => m.value !== undefined).map((m) => constant(m.name, m.value!, m.span, enumName));
}

/** A struct field: a number, a fixed-size array of numbers, or opaque (a pointer, a nested struct). */
function component(field: CField, scope: TypeScope): TypeComponent {
  const size = field.type.kind === 'array' && field.type.size && /^\d+$/.test(field.type.size) ? Number(field.type.size) : undefined;
  const element = field.type.kind === 'array' && size !== undefined ? field.type.of : field.type;
  const arg = lowerParam(element, { name: field.name }, scope, field.span);
  const pointer = classify(element, scope).kind === 'pointer';
  const shape = size === undefined ? {} : {
    rank: 1, dims: [String(size)], bounds: [{ lower: { op: 'int' as const, value: 1 }, upper: { op: 'int' as const, value: size }, form: 'explicit' as const }],
  };
  const { name, type, kind, rank, dims, bounds, charLen, typeName, span } = { ...arg, ...shape };
  return { name, type, kind, rank, dims, bounds, ...(charLen ? { charLen } : {}), ...(typeName ? { typeName } : {}), span, allocatable: false, pointer, private: false };
}

function struct(decl: Extract<CDecl, { kind: 'struct' | 'union' }>, scope: TypeScope): DerivedType {
  return {
    name: structSpelling(decl.tag, scope),
    bindC: true,
    sequence: true,
    components: decl.fields.map((f) => component(f, scope)),
    ...(decl.doc ? { doc: decl.doc } : {}),
    span: decl.span,
  };
}

/** The module of a header's constants and structs: named after the file (`mylib.h` -> `mylib`). */
function headerModule(header: string, decls: readonly CDecl[], scope: TypeScope): Module | undefined {
  const variables = decls.flatMap((d) =>
    d.kind === 'enum' ? enumConstants(d.tag, d.members, scope) : d.kind === 'macro' && !d.name.startsWith('_') ? [constant(d.name, d.value, d.span)] : []);
  const types = decls.flatMap((d) => (d.kind === 'struct' && d.fields.length > 0 ? [struct(d, scope)] : []));
  if (variables.length === 0 && types.length === 0) return undefined;
  const name = path.basename(header).replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9_]/g, '_').replace(/^(?=\d)/, '_');
  return { name, header, variables, types, span: { file: header, line: 1, col: 1 } };
}

/** The IR of `header`, given every declaration the preprocessed header holds. */
export function lowerHeader(header: string, decls: readonly CDecl[], bag: DiagnosticBag): { routines: Routine[]; module?: Module } {
  const scope = typeScope(decls);
  const constants = constantsOf(decls);
  const own = decls.filter((d) => d.span.file === header);
  const seen = new Set<string>();
  const routines = own.flatMap((d) => {
    if (d.kind !== 'function' || seen.has(d.name)) return [];
    seen.add(d.name);
    const routine = lowerFunction(d, header, scope, constants, bag);
    return routine ? [routine] : [];
  });
  const module = headerModule(header, own, scope);
  return { routines, ...(module ? { module } : {}) };
}
