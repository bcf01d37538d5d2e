// F2Py's calling rules (contract 1.3) as a query on the IR: which arguments the JS caller
// passes and in which order, and what the call returns. Both the napi and dts emitters read it.

import type { Arg, Bound, Routine } from './types';

export interface Convention {
  /** JS parameters: required ones in declaration order, then optional ones. */
  readonly params: readonly Arg[];
  readonly nrequired: number;
  /** The function result first, then every returned argument in declaration order. */
  readonly results: readonly Arg[];
}

/** Whether the JS caller supplies a value for this argument. */
export function isParam(arg: Arg): boolean {
  return !arg.hidden && arg.intent !== 'out';
}

/** Whether the argument's value comes from the caller (possibly defaulted) rather than being allocated. */
export function isInput(arg: Arg): boolean {
  return arg.intent !== 'out';
}

/** Arrays the routine updates in place; the caller must give exact, contiguous memory. */
export function isInPlace(arg: Arg): boolean {
  return arg.rank > 0 && arg.intent === 'inout' && !arg.returned;
}

/** An assumed-shape array (`x(:)`): the shim passes its shape along. */
export function isAssumedShape(arg: Arg): boolean {
  return arg.bounds.some((b) => b.form === 'assumed-shape');
}

/** A Fortran OPTIONAL input with no default: left out by the caller, it is absent in Fortran. */
export function mayBeAbsent(arg: Arg): boolean {
  return arg.fortranOptional && arg.default === undefined && isParam(arg);
}

/**
 * An array the wrapper creates, zero-filled with its declared shape, as F2Py does: an optional
 * one the caller left out (`c` of SciPy's dgemm), or a hidden one (LAPACK's `work`).
 */
export function zeroWhenAbsent(arg: Arg): boolean {
  if (arg.rank === 0 || arg.default !== undefined || arg.fortranOptional || !isInput(arg)) return false;
  return arg.hidden || (arg.optional && isParam(arg));
}

/** The name of an array's `overwrite_<name>` flag (F2Py's intent(copy|overwrite)). */
export function overwriteFlagName(arg: Pick<Arg, 'name'>): string {
  return `overwrite_${arg.name}`;
}

/**
 * The `overwrite_<name>` parameter F2Py adds for an intent(copy|overwrite) array: a logical,
 * 0 by default for copy (the caller's array is left untouched), 1 for overwrite.
 */
function overwriteFlag(arg: Arg): Arg {
  return {
    name: overwriteFlagName(arg), type: 'logical', kind: 4, rank: 0, dims: [], bounds: [], intent: 'in',
    returned: false, optional: true, hidden: false, fortranOptional: false,
    default: { kind: 'constant', value: arg.overwrite === 'overwrite' ? 1 : 0 },
    doc: `whether \`${arg.name}\` may be overwritten (used in place) instead of copied`, span: arg.span,
  };
}

/** The key of a result in the result object (F2Py's `intent(out=name)` renames it). */
export function resultKey(arg: Arg): string {
  return arg.outName ?? arg.name;
}

export function conventionOf(routine: Routine): Convention {
  const passed = routine.args.filter(isParam);
  const required = passed.filter((a) => !a.optional);
  const optional = passed.filter((a) => a.optional);
  const flags = passed.filter((a) => a.overwrite && a.rank > 0).map(overwriteFlag);
  const results = routine.args.filter((a) => a.returned);
  return {
    params: [...required, ...optional, ...flags],
    nrequired: required.length,
    results: routine.result ? [routine.result, ...results] : results,
  };
}

/** The routine's JS path: `foo`, or `mod.foo` for a module procedure. */
export function jsPath(routine: Routine): string {
  return routine.module ? `${routine.module}.${routine.name}` : routine.name;
}

/**
 * Where dimension `dim` (0-based, as declared) of an array lives in its column-major storage: a
 * row-major (`intent(c)`) array is stored as its transpose, dimensions reversed.
 */
export function storageDim(arg: Pick<Arg, 'rank' | 'rowMajor'>, dim: number): number {
  return arg.rowMajor ? arg.rank - 1 - dim : dim;
}

/** The array's bounds in storage order (see storageDim). */
export function storageBounds(arg: Pick<Arg, 'bounds' | 'rowMajor'>): readonly Bound[] {
  return arg.rowMajor ? [...arg.bounds].reverse() : arg.bounds;
}
