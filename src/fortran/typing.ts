// Decides value types: a written type spec (or the implicit rule for a name) -> IR base type and
// kind in bytes; constant evaluation is left to kinds.ts, arguments to lower.ts.

import type { DiagnosticBag } from '../diag/diagnostic';
import type { BaseType, Span } from '../ir/types';
import type { RawExpr, Stmt, TypeSpec } from './ast';
import { evalConst, type Scope } from './kinds';

/** Per letter a-z, the implicit type spec, or null under `implicit none`. */
export type ImplicitRules = ReadonlyArray<TypeSpec | null>;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Fortran's default: I-N integer, everything else real. */
export function defaultImplicit(span: Span): ImplicitRules {
  return [...LETTERS].map((l) => ({ name: l >= 'i' && l <= 'n' ? 'integer' : 'real', span }) as TypeSpec);
}

/** The host's rules changed by the `implicit` statements of a specification part. */
export function applyImplicit(host: ImplicitRules, body: readonly Stmt[]): ImplicitRules {
  const rules = [...host];
  for (const s of body) {
    if (s.kind !== 'implicit') continue;
    if (s.none) rules.fill(null);
    for (const r of s.rules) {
      for (const [from, to] of r.ranges) {
        for (let k = LETTERS.indexOf(from); k >= 0 && k <= LETTERS.indexOf(to); k++) rules[k] = r.type;
      }
    }
  }
  return rules;
}

export function implicitType(rules: ImplicitRules, name: string): TypeSpec | null {
  return rules[LETTERS.indexOf(name[0] ?? '')] ?? null;
}

export interface ValueType {
  readonly type: BaseType;
  /** Bytes per element (complex: both parts). */
  readonly kind: number;
  readonly typeName?: string;
}

const VALID: Readonly<Record<string, readonly number[]>> = {
  integer: [1, 2, 4, 8],
  real: [4, 8],
  complex: [8, 16],
  logical: [1, 2, 4, 8],
};

const DEFAULT_BYTES: Readonly<Record<string, number>> = { integer: 4, real: 4, complex: 8, logical: 4 };

/** How a failure to resolve a type is reported: for a routine an unresolvable kind is an error. */
export interface TypeFailure {
  readonly unresolved: 'error' | 'warning';
  /** e.g. `the routine is skipped` */
  readonly consequence: string;
}

const ROUTINE: TypeFailure = { unresolved: 'error', consequence: 'the routine is skipped' };

/** What a type spec means; reports and returns undefined when the kind is unresolvable or unsupported. */
export function resolveType(spec: TypeSpec, scope: Scope, bag: DiagnosticBag, what: string, onFail: TypeFailure = ROUTINE): ValueType | undefined {
  switch (spec.name) {
    case 'doubleprecision':
      return { type: 'real', kind: 8 };
    case 'doublecomplex':
      return { type: 'complex', kind: 16 };
    case 'type':
    case 'class':
      return { type: 'type', kind: 0, typeName: spec.derived ?? '' };
    case 'procedure':
      return spec.derived ? { type: 'procedure', kind: 0, typeName: spec.derived } : { type: 'procedure', kind: 0 };
    case 'character': {
      const k = spec.kind ? constant(spec.kind, scope, bag, what, onFail) : 1;
      if (k === undefined) return undefined;
      if (k !== 1) return unsupported(spec.kind!.span, bag, `character kind ${k} of ${what} is not supported`, onFail);
      return { type: 'character', kind: 1 };
    }
    case 'integer':
    case 'real':
    case 'complex':
    case 'logical':
      return numericType(spec, spec.name, scope, bag, what, onFail);
    default:
      return assertNever(spec.name);
  }
}

function numericType(
  spec: TypeSpec, name: 'integer' | 'real' | 'complex' | 'logical', scope: Scope, bag: DiagnosticBag, what: string, onFail: TypeFailure,
): ValueType | undefined {
  let bytes = DEFAULT_BYTES[name]!;
  let written: string = name;
  if (spec.star) {
    const v = constant(spec.star, scope, bag, what, onFail);
    if (v === undefined) return undefined;
    bytes = v;
    written = `${name}*${spec.star.text}`;
  } else if (spec.kind) {
    const v = constant(spec.kind, scope, bag, what, onFail);
    if (v === undefined) return undefined;
    bytes = name === 'complex' ? 2 * v : v;
    written = `${name}(${v})`;
  }
  if (!VALID[name]!.includes(bytes)) {
    return unsupported((spec.star ?? spec.kind ?? spec).span, bag, `type ${written} of ${what} is not supported`, onFail);
  }
  return { type: name, kind: bytes };
}

/** A kind/size constant; BG004 at its position when it cannot be resolved. */
function constant(e: RawExpr, scope: Scope, bag: DiagnosticBag, what: string, onFail: TypeFailure): number | undefined {
  const r = evalConst(e.tokens, scope);
  if ('value' in r) return r.value;
  const unknown = scope.unknownModules();
  const hint = unknown.length > 0 ? ` (module ${unknown.map((m) => `'${m}'`).join(', ')} is not among the inputs)` : '';
  const message = `cannot resolve kind '${e.text}' of ${what}: ${r.error}${hint}`;
  if (onFail.unresolved === 'error') bag.error('BG004', e.span, message);
  else bag.warning('BG004', e.span, `${message}; ${onFail.consequence}`);
  return undefined;
}

function unsupported(span: Span, bag: DiagnosticBag, message: string, onFail: TypeFailure): undefined {
  bag.warning('BG003', span, `${message}; ${onFail.consequence}`);
  return undefined;
}

function assertNever(x: never): never {
  throw new Error(`unexpected ${JSON.stringify(x)}`);
}
