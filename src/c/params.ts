// One C parameter (or function result, struct field) as an IR argument: scalars by value,
// pointers to numbers as rank-1 arrays (`const` ones inputs, others updated in place) of the
// length a convention gives or of unknown length, `const char *` as a string, function
// pointers as callbacks, and what bridgegen cannot pass as an opaque `type` it will refuse.

import type { Arg, Bound, CallbackSignature, Expr, Span } from '../ir/types';
import { exprText } from '../fortran/expr';
import type { CParam, CType } from './ast';
import { type CKind, classify, spelling as spellingOf, type TypeScope } from './types';

/**
 * An Arg for a C parameter passed as C passes it (nothing optional or hidden), scalar unless
 * `fields` say otherwise. Object.assign, not `{ ...a, ...b }`: Node 20's V8 builds spread objects
 * tens of times slower, and lapacke.h alone has 20,000 parameters.
 */
function cArg(name: string, span: Span, ...fields: Array<Partial<Arg>>): Arg {
  const base = { name, rank: 0, dims: [], bounds: [], returned: false, optional: false, hidden: false, fortranOptional: false, span };
  return Object.assign(base, ...fields) as Arg;
}

/** A rank-1 array of `length` elements, or of unknown length (`dimension(*)`) when undefined. */
function vector(length: Expr | undefined): Pick<Arg, 'rank' | 'dims' | 'bounds'> {
  const bound: Bound = length
    ? { lower: { op: 'int', value: 1 }, upper: length, form: 'explicit' }
    : { lower: { op: 'int', value: 1 }, upper: null, form: 'assumed-size' };
  return { rank: 1, dims: [length ? exprText(length) : '*'], bounds: [bound] };
}

function opaque(name: string, typeName: string, span: Span, ...fields: Array<Partial<Arg>>): Arg {
  return cArg(name, span, { type: 'type', kind: 0, typeName, intent: 'in' }, ...fields);
}

/** A pointer parameter: an array of numbers, a string, a struct by address, or opaque. */
function pointerArg(name: string, to: CKind, isConst: boolean, length: Expr | undefined, spelled: string, span: Span): Arg {
  const intent = isConst ? 'in' : 'inout';
  if (to.kind === 'scalar' && to.type === 'character') {
    // `const char *` is a C string; a writable one is a byte buffer whose length must be given.
    if (isConst) return cArg(name, span, { type: 'character', kind: 1, charLen: '*', intent });
    return cArg(name, span, { type: 'integer', kind: 1, intent }, vector(length));
  }
  if (to.kind === 'scalar') return cArg(name, span, { type: to.type, kind: to.bytes, intent }, vector(length));
  // A struct the function may change comes back, updated, as a scalar does.
  if (to.kind === 'struct') return cArg(name, span, { type: 'type', kind: 0, typeName: to.name, intent, returned: intent === 'inout' });
  return opaque(name, spelled, span);
}

/** How to lower one parameter: its name, and its length when a convention knows it. */
export interface ParamContext {
  readonly name: string;
  readonly length?: Expr;
  /** The callback whose `void *` context this parameter is. */
  readonly userdata?: string;
  /** How many callback signatures enclose this parameter (a guard against typedef cycles). */
  readonly nesting?: number;
}

export function lowerParam(type: CType, ctx: ParamContext, scope: TypeScope, span: Span): Arg {
  const k = classify(type, scope);
  switch (k.kind) {
    case 'scalar':
      return cArg(ctx.name, span, { type: k.type, kind: k.bytes, intent: 'in', value: true }, k.type === 'character' ? { charLen: '1' } : {});
    case 'pointer':
      if (ctx.userdata && k.to.kind === 'void') return opaque(ctx.name, 'void *', span, { hidden: true, value: true, userdata: ctx.userdata });
      return pointerArg(ctx.name, k.to, k.const, ctx.length, spellingOf(type), span);
    case 'struct':
      return cArg(ctx.name, span, { type: 'type', kind: 0, typeName: k.name, intent: 'in', value: true });
    case 'function': {
      // typeName: the C shim passes its adapter as this type, the header's own spelling.
      const callback = callbackSignature(k.type, ctx.name, scope, span, ctx.nesting ?? 0);
      return cArg(ctx.name, span, { type: 'procedure', kind: 0, typeName: spellingOf(type), intent: 'in' }, callback ? { callback } : {});
    }
    case 'void':
    case 'opaque':
      return opaque(ctx.name, spellingOf(type), span);
  }
}

/** Parameter names: as declared (lower case), else `p1`, `p2`, ... by position. */
export function paramNames(params: readonly CParam[]): string[] {
  return params.map((p, i) => (p.name ?? `p${i + 1}`).toLowerCase());
}

/** The index of the first `void *` parameter, if any. */
export function voidPointerIndex(params: readonly CParam[], scope: TypeScope): number {
  return params.findIndex((p) => {
    const k = classify(p.type, scope);
    return k.kind === 'pointer' && k.to.kind === 'void';
  });
}

/** How the function calls the JS callback `name`: its `void *` parameter is the context, hidden. */
function callbackSignature(fn: Extract<CType, { kind: 'function' }>, name: string, scope: TypeScope, span: Span, nesting: number): CallbackSignature | undefined {
  // A callback of a callback of ...: past a few levels only a typedef cycle (invalid C) goes on;
  // without a signature the routine is refused.
  if (nesting > 4) return undefined;
  const names = paramNames(fn.params);
  const context = voidPointerIndex(fn.params, scope);
  const args = fn.params.map((p, i) => lowerParam(p.type, { name: names[i], userdata: i === context ? name : undefined, nesting: nesting + 1 }, scope, p.span));
  const result = lowerResult(fn.result, name, scope, span, nesting + 1);
  return { kind: result ? 'function' : 'subroutine', args, ...(result ? { result } : {}) };
}

/**
 * A function's result (named after it), undefined for `void`. A returned pointer has no length
 * and no owner bridgegen knows of: opaque (so refused).
 */
export function lowerResult(type: CType, name: string, scope: TypeScope, span: Span, nesting = 0): Arg | undefined {
  const k = classify(type, scope);
  if (k.kind === 'void') return undefined;
  const { value: _value, ...arg } = k.kind === 'pointer' ? opaque(name, spellingOf(type), span) : lowerParam(type, { name, nesting }, scope, span);
  return { ...arg, intent: 'out', returned: true };
}
