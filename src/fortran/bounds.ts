// Array specs -> IR bounds: parses each dimension (via expr.ts) and folds named constants to numbers;
// shared by dummy arguments (lower.ts), module variables, type components and common block members.

import type { DiagnosticBag } from '../diag/diagnostic';
import type { Bound, Expr } from '../ir/types';
import type { DimSpec, RawExpr } from './ast';
import { parseExpr } from './expr';
import type { ConstScope } from './kinds';

/** Where bounds are lowered: the constants in scope, names never folded (dummy arguments), messages. */
export interface BoundContext {
  readonly scope: ConstScope;
  readonly bag: DiagnosticBag;
  /** Names that are not constants even if a host declares one (the routine's dummy arguments). */
  readonly variables: ReadonlySet<string>;
  /** e.g. `argument 'x' of subroutine 's'` */
  readonly what: string;
  /** What happens on failure, e.g. `the routine is skipped`. */
  readonly consequence: string;
}

/** Every dimension lowered; undefined (reported as BG003) when one is not supported. */
export function lowerBounds(dims: readonly DimSpec[], ctx: BoundContext): Bound[] | undefined {
  const bounds: Bound[] = [];
  for (const d of dims) {
    const b = lowerBound(d, ctx);
    if (!b) return undefined;
    bounds.push(b);
  }
  return bounds;
}

function lowerBound(d: DimSpec, ctx: BoundContext): Bound | undefined {
  const lower = d.lower ? boundExpr(d.lower, ctx) : { op: 'int' as const, value: 1 };
  if (!lower) return undefined;
  if (d.form !== 'explicit') return { lower, upper: null, form: d.form };
  const upper = boundExpr(d.upper!, ctx);
  return upper ? { lower, upper, form: 'explicit' } : undefined;
}

function boundExpr(e: RawExpr, ctx: BoundContext): Expr | undefined {
  const r = parseExpr(e.tokens);
  if ('expr' in r) return foldConstants(r.expr, ctx);
  ctx.bag.warning('BG003', e.span, `array bound '${e.text}' of ${ctx.what} is not supported (${r.error}); ${ctx.consequence}`);
  return undefined;
}

/** Replaces names of integer named constants (not variables) by their values: `x(nmax)` with `parameter (nmax = 10)`. */
function foldConstants(e: Expr, ctx: BoundContext): Expr {
  switch (e.op) {
    case 'int':
    case 'real':
    case 'string':
      return e;
    case 'name': {
      if (ctx.variables.has(e.name)) return e;
      const v = ctx.scope.lookup(e.name, 0);
      return v === undefined ? e : { op: 'int', value: v };
    }
    case 'neg':
    case 'not':
      return { op: e.op, arg: foldConstants(e.arg, ctx) };
    case 'call':
      return { op: 'call', name: e.name, args: e.args.map((a) => foldConstants(a, ctx)) };
    case 'cond':
      return { op: 'cond', test: foldConstants(e.test, ctx), then: foldConstants(e.then, ctx), else: foldConstants(e.else, ctx) };
    default:
      return { ...e, left: foldConstants(e.left, ctx), right: foldConstants(e.right, ctx) };
  }
}
