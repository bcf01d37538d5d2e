// Drops, with a warning naming the routine, what the emitters cannot wrap yet: a routine is
// either wrapped completely and safely or not at all. Grows as the emitters do.

import type { DiagnosticBag } from '../../diag/diagnostic';
import { isAssumedShape, isInput, zeroWhenAbsent } from '../convention';
import { charLength, isChars } from '../chars';
import { dtypeOf } from '../dtype';
import { defaultOrder } from '../depend';
import type { Arg, Check, Expr, Routine } from '../types';
import { boundedByCheck, queriedArray, referencedNames, typeOf } from '../value-expr';

/** Why an extent expression cannot be computed before the call, or undefined. */
function exprProblem(expr: Expr, routine: Routine): string | undefined {
  const typed = typeOf(expr, routine);
  if ('problem' in typed) return typed.problem;
  if (typed.type === 'integer') return undefined;
  return expr.op === 'name' ? `\`${expr.name}\` is not an integer input` : 'the expression is not an integer';
}

/** Why a computed (`expr`) default cannot be evaluated before the call, or undefined. */
function defaultProblem(arg: Arg, routine: Routine): string | undefined {
  if (arg.default?.kind === 'extent') {
    const { array, dim } = arg.default;
    const source = queriedArray(routine, { op: 'name', name: array });
    if (source && zeroWhenAbsent(source)) return `the default of argument \`${arg.name}\` is the shape of optional array \`${array}\`, which may be left out`;
    if (!source) return `the default of argument \`${arg.name}\` is the shape of \`${array}\`, which is not an input array argument`;
    return dim < 0 || dim >= source.rank ? `the default of argument \`${arg.name}\` is dimension ${dim} (0-based) of \`${array}\`, which has rank ${source.rank}` : undefined;
  }
  if (arg.default && arg.rank > 0) {
    return `argument \`${arg.name}\` is an array with a default value, not supported: leave it optional without one (it is then created zero-filled when left out)`;
  }
  if (arg.default?.kind !== 'expr') return undefined;
  const what = `the default \`${arg.default.text}\` of argument \`${arg.name}\``;
  const absent = referencedNames(arg.default.expr).find((n) => routine.args.some((a) => a.name === n && zeroWhenAbsent(a)));
  if (absent) return `${what} reads optional array \`${absent}\`, which may be left out`;
  const chars = isChars(arg) && arg.rank === 0;
  if (arg.rank > 0 || (arg.type !== 'integer' && arg.type !== 'real' && arg.type !== 'complex' && !chars)) {
    return `${what}: only integer, real, complex (a real value) and character scalars can have computed defaults`;
  }
  const typed = typeOf(arg.default.expr, routine);
  if ('problem' in typed) return `${what}: ${typed.problem}`;
  if (chars !== (typed.type === 'string')) return `${what} is ${chars ? 'not a string' : 'a string'}, and \`${arg.name}\` is ${chars ? 'CHARACTER' : 'a number'}`;
  if (typed.type === 'logical') return `${what} is a condition, not a number`;
  if (typed.type === 'integer' && arg.type === 'complex') return `${what} is an integer; write a real (\`1.0\`) for complex \`${arg.name}\``;
  if (typed.type === 'real' && arg.type === 'integer') return `${what} is real, and \`${arg.name}\` is an integer`;
  return undefined;
}

/** Why a `check(...)` cannot be verified before the call, or undefined. */
function checkProblem(check: Check, routine: Routine): string | undefined {
  const typed = typeOf(check.expr, routine);
  if ('problem' in typed) return `\`check(${check.text})\`: ${typed.problem}`;
  return typed.type === 'logical' ? undefined : `\`check(${check.text})\` is not a condition`;
}

/** Checks, and an order for the computed defaults (F2Py's `depend`). */
function dependProblem(routine: Routine): string | undefined {
  for (const check of routine.checks ?? []) {
    const problem = checkProblem(check, routine);
    if (problem) return problem;
  }
  const order = defaultOrder(routine);
  if ('cycle' in order) return `the defaults of ${order.cycle.map((n) => `\`${n}\``).join(' -> ')} depend on each other`;
  return undefined;
}

/** Why a CHARACTER argument cannot be wrapped yet, or undefined. */
function charsProblem(arg: Arg): string | undefined {
  if (!isChars(arg)) return undefined;
  const len = charLength(arg);
  if (len === undefined) return `has a length (\`${arg.charLen}\`) that is not a constant, not supported yet`;
  // `len=*` takes the caller's length: an input's strings give it, nothing gives an output's.
  if (len === '*' && !isInput(arg)) {
    return 'is an output of assumed length (`len=*`): its length is unknown; declare one in a signature file, e.g. `character(len=10)`';
  }
  if (len === '*' && arg.rank > 0 && zeroWhenAbsent(arg)) {
    return `is a CHARACTER array of assumed length (\`len=*\`) created when ${arg.hidden ? 'hidden' : 'left out'}: its length is unknown`;
  }
  return undefined;
}

/** Why an argument's type has no dtype. */
function typeProblem(arg: Pick<Arg, 'type' | 'kind' | 'typeName'>): string {
  if (arg.type === 'type') return `has derived type \`${arg.typeName ?? '?'}\`, not supported yet`;
  if (arg.type === 'procedure') return 'is a procedure (callbacks are not supported yet)';
  return `has type ${arg.type}*${arg.kind}, not supported yet`;
}

/**
 * What only an explicit interface can pass (OPTIONAL, VALUE, assumed shape): the shim has one
 * for module procedures (`use mod`), and calls external procedures through an implicit one.
 */
function interfaceProblem(arg: Arg, routine: Routine): string | undefined {
  if (routine.language === 'c') return undefined; // no shim interface: C passes values itself
  const feature = arg.fortranOptional ? 'a Fortran optional argument' : arg.value ? 'a VALUE argument'
    : arg.bounds.some((b) => b.form === 'assumed-shape') ? 'assumed-shape' : undefined;
  if (!feature) return undefined;
  if (!routine.module) return `is ${feature}, which needs an explicit interface: put the routine in a module`;
  if (arg.fortranOptional && isChars(arg)) return 'is an optional CHARACTER argument, not supported yet';
  if (feature === 'assumed-shape' && !isInput(arg)) return 'is an assumed-shape output: nothing gives its shape';
  return undefined;
}

/**
 * Why a callback signature cannot be bridged yet: plain numeric and logical values only; a C
 * one's scalars may be by value (its adapter takes their addresses) besides its userdata.
 */
function callbackProblem(arg: Arg, c: boolean): string | undefined {
  const sig = arg.callback;
  if (!sig) {
    return 'is a procedure without an interface, and its call site does not tell its arguments (plain variables and ' +
      'literals do): declare one (an interface block in the routine)';
  }
  const pseudo: Routine = { name: arg.name, kind: sig.kind, args: sig.args, threadsafe: false, span: arg.span };
  for (const a of sig.args.filter((x) => !(c && x.userdata))) {
    if (dtypeOf(a) === undefined || isChars(a)) return `is a callback whose argument \`${a.name}\` has a type not supported in callbacks yet`;
    if (a.fortranOptional || (a.value && !(c && a.rank === 0)) || a.allocatable || a.pointer) return `is a callback whose argument \`${a.name}\` is not supported in callbacks yet`;
    for (const bound of a.bounds) {
      const problem = bound.form !== 'explicit' ? 'has no explicit shape' : exprProblem(bound.lower, pseudo) ?? (bound.upper ? exprProblem(bound.upper, pseudo) : undefined);
      if (problem) return `is a callback whose argument \`${a.name}\` ${problem}`;
    }
  }
  const result = sig.result;
  if (result && (result.rank > 0 || !['integer', 'real', 'logical'].includes(result.type) || dtypeOf(result) === undefined)) {
    return 'is a callback function whose result type is not supported yet (integer, real or logical scalars are)';
  }
  return undefined;
}

/** Why a `callstatement`'s offsets cannot be passed, or undefined. */
function callArgsProblem(routine: Routine): string | undefined {
  for (const { name, offset } of routine.callArgs ?? []) {
    if (!offset) continue;
    const arg = routine.args.find((a) => a.name === name)!;
    if (isChars(arg) || isAssumedShape(arg) || arg.type === 'procedure') return `its \`callstatement\` offsets \`${name}\`, which is not a numeric array`;
    const problem = exprProblem(offset, routine);
    if (problem) return `the offset of \`${name}\` in its \`callstatement\`: ${problem}`;
  }
  return undefined;
}

/** `zerobased` needs an integer array; an input also needs the extent its indices run below. */
function zeroBasedProblem(arg: Arg, routine: Routine): string | undefined {
  if (!arg.zeroBased) return undefined;
  if (arg.type !== 'integer') return 'is `zerobased` but not an integer';
  if (arg.rank === 0 && arg.intent !== 'out') return 'is a `zerobased` scalar that is not an output (only arrays may be inputs)';
  const extent = arg.zeroBased.extent;
  if (!extent) return isInput(arg) ? 'is a `zerobased` input: say the extent its indices run below, `zerobased(n)`' : undefined;
  const problem = exprProblem(extent, routine);
  return problem ? `has \`zerobased(...)\` whose extent cannot be computed: ${problem}` : undefined;
}

/** Why a derived-type argument cannot cross as its components (records.ts), or undefined. */
function recordProblem(arg: Arg, routine: Routine): string | undefined {
  const what = `argument \`${arg.name}\` has derived type \`${arg.typeName ?? '?'}\``;
  if (arg.rank > 0) return `${what}: arrays of derived type are not supported yet`;
  if (!arg.record) {
    return `${what}, not supported yet (a module's type crosses as an object when its components are all ` +
      'public scalar numbers, logicals or complex)';
  }
  // By value is C's way (the C shim passes the struct); Fortran's VALUE is not supported yet.
  if (arg.fortranOptional || arg.hidden || (arg.value && routine.language !== 'c')) return `${what} and is optional, VALUE or hidden: not supported yet`;
  return undefined;
}

function argProblem(arg: Arg, routine: Routine): string | undefined {
  const what = `argument \`${arg.name}\``;
  if (arg.userdata !== undefined && routine.language === 'c') return undefined; // the C shim's own
  if (arg.type === 'procedure') {
    const problem = callbackProblem(arg, routine.language === 'c');
    return problem ? `${what} ${problem}` : undefined;
  }
  if (arg.type === 'type') return recordProblem(arg, routine);
  if (dtypeOf(arg) === undefined) return `${what} ${typeProblem(arg)}`;
  const chars = charsProblem(arg);
  if (chars) return `${what} ${chars}`;
  if (arg.allocatable || arg.pointer) return `${what} is allocatable or a pointer, not supported yet`;
  if (arg.rowMajor && routine.language !== 'c') return `${what} is \`intent(c)\` (row-major) in a Fortran routine: only C functions take row-major arrays`;
  const needsInterface = interfaceProblem(arg, routine);
  if (needsInterface) return `${what} ${needsInterface}`;
  if (zeroWhenAbsent(arg) && arg.bounds.some((b) => b.upper === null)) return `${what} is ${arg.hidden ? 'hidden' : 'optional without a default'}, and its shape is not declared: nothing says what to create`;
  if (arg.optional && !arg.fortranOptional && !arg.default && !zeroWhenAbsent(arg)) return `${what} is optional but has no default value bridgegen understands`;
  const dflt = defaultProblem(arg, routine);
  if (dflt) return dflt;
  // A hidden numeric scalar without a value is zero, as F2Py makes it (a workspace query's `a`).
  const zeroScalar = arg.rank === 0 && ['integer', 'real', 'complex', 'logical'].includes(arg.type);
  if (arg.hidden && !arg.default && !zeroWhenAbsent(arg) && !zeroScalar) return `${what} is hidden but has no value to take`;
  const indices = zeroBasedProblem(arg, routine);
  if (indices) return `${what} ${indices}`;
  if (arg.rank > 7) return `${what} has rank ${arg.rank}; at most 7 is supported`;
  for (const [d, bound] of arg.bounds.entries()) {
    if (bound.form === 'assumed-size' && !arg.unchecked && !boundedByCheck(arg, routine)) {
      // Nothing says how much of it the routine touches, so no check could keep it in bounds.
      return `${what} is assumed-size (\`*\`): its extent is unknown, so the call cannot be checked; ` +
        'declare it, e.g. `!f2py dimension(n) :: ' + arg.name + '`, or (an input) bound the access with a `check(len(' + arg.name + ')>...)`';
    }
    const problem = exprProblem(bound.lower, routine) ?? (bound.upper ? exprProblem(bound.upper, routine) : undefined);
    if (problem) return `dimension ${d + 1} of ${what}: ${problem}`;
  }
  return undefined;
}

/** Whether an expression calls an intrinsic or uses `?:`: C offsets are plain arithmetic. */
function hasCall(e: Expr): boolean {
  if (e.op === 'call' || e.op === 'cond') return true;
  if (e.op === 'neg' || e.op === 'not') return hasCall(e.arg);
  return 'left' in e && (hasCall(e.left) || hasCall(e.right));
}

/** What a C function (language 'c') cannot take yet: the C shim passes numbers, arrays and strings. */
function cFunctionProblem(routine: Routine): string | undefined {
  if (routine.language !== 'c') return undefined;
  if (routine.result && isChars(routine.result)) return 'it is a C function returning a string, not supported yet';
  for (const arg of routine.args) {
    const what = `argument \`${arg.name}\` of C function`;
    if (arg.type === 'procedure' && !routine.args.some((a) => a.userdata === arg.name)) {
      return `${what} is a function pointer without a \`void *\` userdata argument that the function hands back to it, ` +
        'not supported yet (the C adapter finds the JS function through it)';
    }
    if (arg.fortranOptional || isAssumedShape(arg)) return `${what} is Fortran-only (optional or assumed-shape)`;
    if (isChars(arg) && arg.rank > 0) return `${what} is an array of strings, not supported yet`;
  }
  const offset = routine.callArgs?.find((c) => c.offset && hasCall(c.offset));
  return offset ? `the offset of \`${offset.name}\` in its \`callstatement\` calls a function; C offsets are plain arithmetic` : undefined;
}

function routineProblem(routine: Routine): string | undefined {
  const cProblem = cFunctionProblem(routine);
  if (cProblem) return cProblem;
  if (routine.result && routine.result.rank > 0) return 'array-valued functions are not supported yet';
  if (routine.result?.zeroBased && routine.result.type !== 'integer') return 'its result is `zerobased` but not an integer';
  if (routine.result && dtypeOf(routine.result) === undefined) {
    return `its result ${typeProblem(routine.result)}`;
  }
  if (routine.result && isChars(routine.result) && typeof charLength(routine.result) !== 'number') {
    return 'CHARACTER functions need a constant result length';
  }
  for (const arg of routine.args) {
    const problem = argProblem(arg, routine);
    if (problem) return problem;
  }
  return callArgsProblem(routine) ?? dependProblem(routine);
}

export function keepSupported(routines: readonly Routine[], bag: DiagnosticBag): Routine[] {
  return routines.filter((routine) => {
    const problem = routineProblem(routine);
    if (problem) bag.warning('BG003', routine.span, `routine \`${routine.name}\` skipped: ${problem}`);
    return problem === undefined;
  });
}
