// Lowers one declared data entity (a module variable, type component or common member) to the IR's
// DataDecl: type and byte kind, shape, character length, doc; what kind of entity it is is up to the caller.

import type { DiagnosticBag } from '../diag/diagnostic';
import type { DataDecl, Span } from '../ir/types';
import type { DimSpec } from './ast';
import { lowerBounds } from './bounds';
import type { Scope } from './kinds';
import type { Sym } from './symbols';
import { implicitType, resolveType, type ImplicitRules } from './typing';

/** The scope an entity is declared in. */
export interface DeclScope {
  readonly bag: DiagnosticBag;
  readonly scope: Scope;
  /** Implicit typing rules; undefined where every entity must be declared (type components). */
  readonly rules?: ImplicitRules;
  /** What happens when the entity cannot be lowered, e.g. `the variable is left out`. */
  readonly consequence: string;
}

/**
 * `name` as declared by `sym` (dims overridden by `dims`, e.g. from a `common` statement); undefined,
 * with a warning, when its type or bounds cannot be resolved.
 */
export function lowerDataDecl(name: string, sym: Sym | undefined, at: Span, what: string, ctx: DeclScope, dims?: readonly DimSpec[]): DataDecl | undefined {
  const span = sym?.span && !sym.fromDirective ? sym.span : at;
  const spec = sym?.type ?? (ctx.rules ? implicitType(ctx.rules, name) : null);
  if (!spec) {
    ctx.bag.warning('BG008', span, `${what} has no type (IMPLICIT NONE is in effect); ${ctx.consequence}`);
    return undefined;
  }
  const vt = resolveType(spec, ctx.scope, ctx.bag, what, { unresolved: 'warning', consequence: ctx.consequence });
  if (!vt) return undefined;
  const shape = dims ?? sym?.dims ?? [];
  const bounds = lowerBounds(shape, { scope: ctx.scope, bag: ctx.bag, variables: new Set(), what, consequence: ctx.consequence });
  if (!bounds) return undefined;
  const charLen = vt.type === 'character' ? (sym?.charLen ?? spec.len)?.text ?? '1' : undefined;
  return {
    name, type: vt.type, kind: vt.kind, rank: shape.length, dims: shape.map((d) => d.text), bounds,
    ...(charLen !== undefined ? { charLen } : {}),
    ...(vt.typeName !== undefined ? { typeName: vt.typeName } : {}),
    ...(sym?.doc ? { doc: sym.doc } : {}),
    span,
  };
}
