// Emits a frame's `prepare`: read every input (arrays first, since sizes default to their
// extents), compute F2Py defaults in dependency order, check every extent the Fortran relies on
// and every `check(...)`, and allocate every output.

import { charLength, isChars } from '../../ir/chars';
import { conventionOf, isAssumedShape, isInPlace, isInput, mayBeAbsent, overwriteFlagName, storageBounds, storageDim, zeroWhenAbsent } from '../../ir/convention';
import { defaultOrder } from '../../ir/depend';
import type { Arg, Check, Routine } from '../../ir/types';
import { referencedNames } from '../../ir/value-expr';
import type { Writer } from '../writer';
import { cppString, cType, member, present, recordMembers, RESULT_MEMBER } from './ctypes';
import { fortranExpr } from '../expr';
import { cppExtent, cppValueExpr, routineScope, type ValueScope } from './values';

type ParamIndex = (name: string) => number;

/** The C++ length argument of a CHARACTER dummy: its constant, or the caller's (`len=*`). */
function cppCharLength(arg: Arg): string {
  const len = charLength(arg);
  return len === '*' ? 'bridgegen::kAssumedLength' : String(len);
}

/** Reads a derived-type parameter: a plain object with one property per component. */
function readRecord(arg: Arg, i: number): string {
  return recordMembers(arg).map((m) => `bridgegen::read_field(args, ${i}, ${cppString(m.field)}, ${m.name});`).join(' ');
}

/** Reads one scalar parameter (index i), applying its default when left out. */
function readScalar(arg: Arg, i: number, scope: ValueScope): string {
  const { paramIndex } = scope;
  if (arg.type === 'procedure') return `${member(arg.name)}.read(args, ${i});`;
  if (arg.record) return readRecord(arg, i);
  if (isChars(arg)) return `bridgegen::read_chars(args, ${i}, ${cppCharLength(arg)}, ${member(arg.name)});`;
  const read = `bridgegen::read_scalar<${cType(arg)}>(args, ${i})`;
  const target = member(arg.name);
  // Cast: a LOGICAL's C++ type (an enum class) takes no plain integer.
  const constant = arg.default?.kind === 'constant' ? `static_cast<${cType(arg)}>(${arg.default.value})` : '';
  if (constant && arg.hidden) return `${target} = ${constant};`;
  if (constant) return `${target} = bridgegen::read_scalar_or<${cType(arg)}>(args, ${i}, ${constant});`;
  if (arg.default?.kind !== 'extent') return `${target} = ${read};`;
  const from = paramIndex(arg.default.array);
  const dim = storageDim(scope.arg(arg.default.array)!, arg.default.dim);
  const inferred = `bridgegen::extent_as<${cType(arg)}>(args, ${arg.hidden ? from : i}, bridgegen::infer_extent(args, ${arg.hidden ? from : i}, ${member(arg.default.array)}, ${from}, ${dim}))`;
  return arg.hidden ? `${target} = ${inferred};` : `${target} = args.given(${i}) ? ${read} : ${inferred};`;
}

/** A computed (`expr`) default, evaluated once what it reads is known; a given value wins. */
function computeDefault(arg: Arg, scope: ValueScope): string {
  if (arg.default?.kind !== 'expr') throw new Error(`internal: ${arg.name} has no computed default`);
  const i = scope.paramIndex(arg.name);
  if (isChars(arg)) {
    const assign = `bridgegen::assign_chars(args, ${cppString(arg.name)}, ${cppCharLength(arg)}, ${cppValueExpr(arg.default.expr, scope)}, ${member(arg.name)});`;
    return arg.hidden ? assign : `if (args.given(${i})) ${readScalar(arg, i, scope)} else ${assign}`;
  }
  const computed = `bridgegen::computed_as<${cType(arg)}>(args, ${cppString(arg.name)}, ${cppValueExpr(arg.default.expr, scope)})`;
  return `${member(arg.name)} = ${arg.hidden ? computed : `args.given(${i}) ? bridgegen::read_scalar<${cType(arg)}>(args, ${i}) : ${computed}`};`;
}

function shapeArray(w: Writer, arg: Arg, scope: ValueScope): string {
  const name = `${member(arg.name)}_expected`;
  w.line(`const int64_t ${name}[] = {${storageBounds(arg).map((b) => cppExtent(b, scope)).join(', ')}};`);
  return name;
}

/** A new array of the given shape: zero-filled, or blank for CHARACTER. */
function allocArray(w: Writer, arg: Arg, shape: string): void {
  const name = cppString(arg.name);
  if (isChars(arg)) w.line(`bridgegen::alloc_char_array(args, ${name}, ${arg.rank}, ${shape}, ${cppCharLength(arg)}, ${member(arg.name)});`);
  else w.line(`bridgegen::alloc_array(args, ${name}, ${arg.rank}, ${shape}, ${member(arg.name)});`);
}

/** Runs `body` only when the caller gave the argument, if it may be absent. */
function whenGiven(w: Writer, arg: Arg, i: number, body: () => void): void {
  if (zeroWhenAbsent(arg)) return void w.block(`if (args.given(${i})) {`, body, '}');
  if (!mayBeAbsent(arg)) return body();
  w.block(`if (args.given(${i})) {`, () => {
    body();
    w.line(`${present(arg)} = true;`);
  }, '}');
}

/** How the array may be used: in place, updated (in place when exact), copied first, or read. */
function accessOf(w: Writer, arg: Arg, paramIndex: ParamIndex): string {
  if (isInPlace(arg)) return 'bridgegen::Access::InPlace';
  // A `zerobased` input is shifted for Fortran: on a private copy, never the caller's memory.
  if (!arg.returned && arg.zeroBased) return 'bridgegen::Access::Copy';
  if (!arg.returned) return 'bridgegen::Access::In';
  if (!arg.overwrite) return 'bridgegen::Access::Updated';
  // F2Py's intent(copy|overwrite): the caller's overwrite_<name> flag decides.
  const flag = paramIndex(overwriteFlagName(arg));
  const fallback = arg.overwrite === 'overwrite';
  w.line(`const bool ${member(arg.name)}_overwrite = bridgegen::read_flag(args, ${flag}, ${fallback});`);
  return `${member(arg.name)}_overwrite ? bridgegen::Access::Updated : bridgegen::Access::Copy`;
}

function readArray(w: Writer, arg: Arg, i: number, paramIndex: ParamIndex): void {
  if (isChars(arg)) {
    w.line(`bridgegen::read_char_array(args, ${i}, ${arg.rank}, ${cppCharLength(arg)}, ${member(arg.name)});`);
  } else {
    const access = accessOf(w, arg, paramIndex);
    w.line(`bridgegen::read_array(args, ${i}, ${arg.rank}, ${access}, ${member(arg.name)});`);
  }
  // An assumed-shape dummy gets the array's own shape, so the shape must be known.
  if (isAssumedShape(arg)) w.line(`bridgegen::require_shape(args, ${i}, ${member(arg.name)});`);
}

/**
 * Checks a given input array's shape; one F2Py creates when left out (`zeroWhenAbsent`) is
 * allocated zero-filled with its declared shape instead, once the sizes it reads are known.
 */
function checkOrCreate(w: Writer, arg: Arg, i: number, scope: ValueScope): void {
  if (!zeroWhenAbsent(arg)) return whenGiven(w, arg, i, () => checkArray(w, arg, i, scope));
  const create = () => allocArray(w, arg, shapeArray(w, arg, scope));
  if (arg.hidden) return create();
  w.block(`if (args.given(${i})) {`, () => checkArray(w, arg, i, scope), '} else {');
  w.indent(create);
  w.line('}');
}

function checkArray(w: Writer, arg: Arg, i: number, scope: ValueScope): void {
  // A vector of assumed size (`x(*)`, bounded by the signature's checks) has nothing to check.
  if (arg.rank === 1 && arg.bounds[0]!.upper === null) return;
  const shape = shapeArray(w, arg, scope);
  const text = cppString(`${arg.name}(${arg.dims.join(', ')})`);
  w.line(`bridgegen::check_shape(args, ${i}, ${member(arg.name)}, ${arg.rank}, ${shape}, ${text});`);
}

/**
 * Emits each `check(...)` as soon as everything it reads is known, as F2Py does: a check on
 * `incx` comes before the default `n = len(x)/abs(incx)` that would divide by zero without it.
 * Known from the start: inputs without computed defaults, and the arrays the caller gives (an
 * array created when left out is known once created).
 */
class ChecksAsSoonAsKnown {
  private readonly pending: Check[];
  private readonly known_ = new Set<string>();

  constructor(private readonly w: Writer, routine: Routine, private readonly scope: ValueScope) {
    this.pending = [...(routine.checks ?? [])];
    for (const a of routine.args) {
      const later = a.default?.kind === 'expr' || zeroWhenAbsent(a);
      if (isInput(a) && !later) this.known_.add(a.name);
    }
  }

  known(...names: string[]): void {
    for (const n of names) this.known_.add(n);
    this.emitReady();
  }

  emitReady(): void {
    for (const check of [...this.pending]) {
      if (referencedNames(check.expr).every((n) => this.known_.has(n))) this.emit(check);
    }
  }

  /** Whatever is left (nothing, once every input is known): never dropped. */
  emitRest(): void {
    for (const check of [...this.pending]) this.emit(check);
  }

  private emit(check: Check): void {
    this.pending.splice(this.pending.indexOf(check), 1);
    this.w.line(`bridgegen::check(args, ${cppValueExpr(check.expr, this.scope)}, ${cppString(check.text)});`);
  }
}

export function writePrepare(w: Writer, routine: Routine): void {
  const { params } = conventionOf(routine);
  const paramIndex: ParamIndex = (name) => params.findIndex((p) => p.name === name);
  const scope = routineScope(routine, paramIndex);
  const inputArrays = routine.args.filter((a) => a.rank > 0 && isInput(a));
  const order = defaultOrder(routine);
  if ('cycle' in order) throw new Error(`internal: defaults of ${routine.name} depend on each other`);
  w.block('void prepare(bridgegen::Args& args) {', () => {
    for (const arg of routine.args.filter((a) => a.rowMajor)) w.line(`${member(arg.name)}.row_major = true;`);
    for (const arg of inputArrays.filter((a) => !a.hidden)) whenGiven(w, arg, paramIndex(arg.name), () => readArray(w, arg, paramIndex(arg.name), paramIndex));
    const checks = new ChecksAsSoonAsKnown(w, routine, scope);
    // A hidden scalar without a value stays the zero its member starts as.
    for (const arg of routine.args.filter((a) => a.rank === 0 && isInput(a) && a.default?.kind !== 'expr' && !(a.hidden && !a.default))) {
      whenGiven(w, arg, paramIndex(arg.name), () => w.line(readScalar(arg, paramIndex(arg.name), scope)));
    }
    checks.emitReady();
    for (const arg of order.order) {
      w.line(computeDefault(arg, scope));
      checks.known(arg.name);
    }
    for (const arg of inputArrays) checkOrCreate(w, arg, paramIndex(arg.name), scope);
    checks.known(...inputArrays.map((a) => a.name));
    checks.emitRest();
    for (const arg of inputArrays.filter((a) => a.zeroBased?.extent)) {
      const extent = arg.zeroBased!.extent!;
      const i = paramIndex(arg.name);
      const check = `bridgegen::check_indices(args, ${i}, ${member(arg.name)}, ${cppValueExpr(extent, scope)}, ${cppString(fortranExpr(extent))});`;
      // One created when left out holds no indices yet (an async call zero-fills it on the worker).
      w.line(zeroWhenAbsent(arg) ? `if (args.given(${i})) ${check}` : check);
    }
    for (const arg of routine.args.filter((a) => a.rank > 0 && !isInput(a))) allocArray(w, arg, shapeArray(w, arg, scope));
    for (const arg of routine.args.filter((a) => isChars(a) && a.rank === 0 && !isInput(a))) {
      w.line(`bridgegen::alloc_chars(${cppCharLength(arg)}, ${member(arg.name)});`);
    }
    if (routine.result && isChars(routine.result)) w.line(`bridgegen::alloc_chars(${cppCharLength(routine.result)}, ${RESULT_MEMBER});`);
  }, '}');
}

