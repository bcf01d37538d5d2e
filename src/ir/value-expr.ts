// Types F2Py's value expressions (defaults and `check(...)` conditions) against a routine's
// arguments: what each name and intrinsic means, and why an expression cannot be computed
// before the call. The `supported` pass reports the problems; the napi emitter reads the types.

import { isInput, isParam, mayBeAbsent } from './convention';
import type { Arg, CompareOp, Expr, Routine } from './types';

/** What an expression computes: integers in checked int64, reals in double, conditions. */
export type ValueType = 'integer' | 'real' | 'logical' | 'string';

export type Typed = { readonly type: ValueType } | { readonly problem: string };

/** Intrinsics of an array argument (F2Py's meaning): `len(x)`, `size(x[,k])`, `shape(x,k)`, `rank(x)`. */
export const ARRAY_QUERIES: ReadonlySet<string> = new Set(['len', 'size', 'shape', 'rank']);

const NUMERIC: ReadonlySet<ValueType> = new Set(['integer', 'real']);

/** A scalar an expression may read: an integer or real input the caller gives or that has a default. */
function scalarProblem(arg: Arg | undefined, name: string): string | undefined {
  if (!arg) return `\`${name}\` is not an argument`;
  if (arg.rank > 0) return `\`${name}\` is an array (use len/size/shape of it)`;
  if (!isInput(arg)) return `\`${name}\` is not an input`;
  if (arg.type === 'character') return `\`${name}\` is CHARACTER: it can only be compared with a one-character literal (\`${name}=='N'\`)`;
  if (arg.type !== 'integer' && arg.type !== 'real') return `\`${name}\` is not an integer or real`;
  return mayBeAbsent(arg) ? `\`${name}\` is a Fortran optional argument without a default (it may be absent)` : undefined;
}

/**
 * A side of a character comparison: a one-character literal (ASCII, so one byte), or a CHARACTER
 * scalar input that is always there.
 */
function charOperandProblem(e: Expr, routine: Routine): string | undefined {
  if (e.op === 'string') return /^[\x20-\x7e]$/.test(e.value) ? undefined : `'${e.value}' is not one ASCII character (characters are compared one at a time)`;
  if (e.op !== 'name') return 'a character is compared with something other than a literal or CHARACTER argument';
  const arg = routine.args.find((a) => a.name === e.name);
  if (!arg) return `\`${e.name}\` is not an argument`;
  if (arg.type !== 'character') return `\`${e.name}\` is compared with a character but is not CHARACTER`;
  if (arg.rank > 0 || !isInput(arg)) return `\`${e.name}\` is not a CHARACTER scalar input`;
  return mayBeAbsent(arg) ? `\`${e.name}\` is a Fortran optional argument without a default (it may be absent)` : undefined;
}

/** Whether `e` is a character operand: a literal, or an argument declared CHARACTER. */
function isCharOperand(e: Expr, routine: Routine): boolean {
  return e.op === 'string' || (e.op === 'name' && routine.args.some((a) => a.name === e.name && a.type === 'character'));
}

/**
 * `c=='N'` or `c/='N'`: equality of first characters, as F2Py's C compares `*c=='N'` (LAPACK's
 * option arguments are one character). Case matters, as in SciPy's checks.
 */
function charCompareType(e: Extract<Expr, { op: CompareOp }>, routine: Routine): Typed {
  if (e.op !== '==' && e.op !== '/=') return { problem: `\`${e.op}\` does not compare characters (\`==\` and \`/=\` do)` };
  const problem = charOperandProblem(e.left, routine) ?? charOperandProblem(e.right, routine);
  return problem ? { problem } : { type: 'logical' };
}

/** An array whose shape is known before the call: one the caller passes, always. */
export function queriedArray(routine: Routine, e: Expr | undefined): Arg | undefined {
  const arg = e?.op === 'name' ? routine.args.find((a) => a.name === e.name) : undefined;
  return arg && arg.rank > 0 && isInput(arg) && isParam(arg) && !arg.fortranOptional ? arg : undefined;
}

/**
 * An assumed-size input whose extent a `check(...)` relates to what the routine reads (SciPy's
 * `check(len(x)>offx+(n-1)*abs(incx))`): the signature states the bound, the call verifies it.
 */
export function boundedByCheck(arg: Arg, routine: Routine): boolean {
  if (arg !== queriedArray(routine, { op: 'name', name: arg.name })) return false;
  return (routine.checks ?? []).some((c) => queriesArray(c.expr, arg.name));
}

/** Whether `e` contains `len(name)`, `size(name...)` or `shape(name,k)`. */
function queriesArray(e: Expr, name: string): boolean {
  if (e.op === 'call') {
    const of = e.args[0];
    if (['len', 'size', 'shape'].includes(e.name) && of?.op === 'name' && of.name === name) return true;
    return e.args.some((a) => queriesArray(a, name));
  }
  if (e.op === 'cond') return [e.test, e.then, e.else].some((x) => queriesArray(x, name));
  if (e.op === 'neg' || e.op === 'not') return queriesArray(e.arg, name);
  return 'left' in e && (queriesArray(e.left, name) || queriesArray(e.right, name));
}

/** `len(x)`, `size(x)`, `size(x,k)` (1-based), `shape(x,k)` (0-based), `rank(x)`. */
function arrayQueryProblem(name: string, args: readonly Expr[], routine: Routine): string | undefined {
  const array = queriedArray(routine, args[0]);
  if (!array) return `\`${name}()\` must name an input array argument`;
  const dim = args[1];
  const [lo, hi] = name === 'shape' ? [0, array.rank - 1] : [1, array.rank];
  const wantsDim = name === 'shape';
  const mayDim = name === 'size';
  if (args.length > (wantsDim || mayDim ? 2 : 1) || (wantsDim && !dim)) return `\`${name}()\` takes the wrong number of arguments`;
  if (dim && (dim.op !== 'int' || dim.value < lo || dim.value > hi)) {
    return `\`${name}(${array.name}, k)\` needs a constant k from ${lo} to ${hi}`;
  }
  return undefined;
}

/** Numeric operands: integer when all are integer, else real. */
function numeric(operands: readonly Typed[], what: string): Typed {
  for (const t of operands) if ('problem' in t) return t;
  const types = operands.map((t) => (t as { type: ValueType }).type);
  if (types.some((t) => !NUMERIC.has(t))) return { problem: `${what} needs numbers, not conditions` };
  return { type: types.every((t) => t === 'integer') ? 'integer' : 'real' };
}

/** Conditions, or integers read as C does (nonzero is true: SciPy's `compute_vl || compute_vr`). */
function logical(operands: readonly Typed[], what: string): Typed {
  for (const t of operands) if ('problem' in t) return t;
  if (operands.some((t) => 'type' in t && t.type !== 'logical' && t.type !== 'integer')) return { problem: `${what} needs conditions or integers` };
  return { type: 'logical' };
}

function callType(e: Extract<Expr, { op: 'call' }>, routine: Routine): Typed {
  if (ARRAY_QUERIES.has(e.name)) {
    const problem = arrayQueryProblem(e.name, e.args, routine);
    return problem ? { problem } : { type: 'integer' };
  }
  const args = e.args.map((a) => typeOf(a, routine));
  if (e.name === 'abs' && e.args.length === 1) return numeric(args, '`abs()`');
  if ((e.name === 'max' || e.name === 'min') && e.args.length >= 2) return numeric(args, `\`${e.name}()\``);
  return { problem: `\`${e.name}()\` is not supported (len, size, shape, rank, max, min and abs are)` };
}

/**
 * `test ? a : b`: a condition (or, as in C, a number: nonzero is true) choosing between two
 * numbers (integer when both are) or two strings (SciPy's `compute_v ? 'V' : 'N'`).
 */
function condType(e: Extract<Expr, { op: 'cond' }>, routine: Routine): Typed {
  const test = typeOf(e.test, routine);
  if ('problem' in test) return test;
  if (test.type === 'string') return { problem: 'the test of `?:` is a string' };
  const branches = [typeOf(e.then, routine), typeOf(e.else, routine)];
  for (const t of branches) if ('problem' in t) return t;
  const [a, b] = branches.map((t) => (t as { type: ValueType }).type);
  // Two strings, two conditions (`trans_b ? kb==k : ldb==k`), or two numbers.
  if ((a === 'string' || a === 'logical') && a === b) return { type: a };
  if (a === 'string' || b === 'string' || a === 'logical' || b === 'logical') return { problem: '`?:` chooses between values of different kinds' };
  return numeric(branches, 'the values of `?:`');
}

/** The type of `e` in `routine`, or why it cannot be computed before the call. */
export function typeOf(e: Expr, routine: Routine): Typed {
  switch (e.op) {
    case 'int':
      return { type: 'integer' };
    case 'real':
      return { type: 'real' };
    case 'string':
      return { type: 'string' };
    case 'name': {
      const arg = routine.args.find((a) => a.name === e.name);
      const problem = scalarProblem(arg, e.name);
      return problem ? { problem } : { type: arg!.type as 'integer' | 'real' };
    }
    case 'neg':
      return numeric([typeOf(e.arg, routine)], 'a negation');
    case 'not':
      return logical([typeOf(e.arg, routine)], '`.not.`');
    case 'call':
      return callType(e, routine);
    case 'cond':
      return condType(e, routine);
    case 'and':
    case 'or':
      return logical([typeOf(e.left, routine), typeOf(e.right, routine)], `\`.${e.op}.\``);
    case '+':
    case '-':
    case '*':
    case '/':
      return numeric([typeOf(e.left, routine), typeOf(e.right, routine)], `\`${e.op}\``);
    default: {
      if (isCharOperand(e.left, routine) || isCharOperand(e.right, routine)) return charCompareType(e, routine);
      const t = numeric([typeOf(e.left, routine), typeOf(e.right, routine)], `\`${e.op}\``);
      return 'problem' in t ? t : { type: 'logical' };
    }
  }
}

/** The scalar arguments an expression reads by name (array queries read only shapes). */
export function scalarNames(e: Expr): string[] {
  switch (e.op) {
    case 'int':
    case 'real':
    case 'string':
      return [];
    case 'name':
      return [e.name];
    case 'neg':
    case 'not':
      return scalarNames(e.arg);
    case 'call':
      return ARRAY_QUERIES.has(e.name) ? [] : e.args.flatMap(scalarNames);
    case 'cond':
      return [e.test, e.then, e.else].flatMap(scalarNames);
    default:
      return [...scalarNames(e.left), ...scalarNames(e.right)];
  }
}

/** Every argument an expression reads, scalars and queried arrays alike, in order of first use. */
export function referencedNames(e: Expr): string[] {
  const names = new Set<string>();
  const walk = (x: Expr): void => {
    if (x.op === 'name') names.add(x.name);
    else if (x.op === 'neg' || x.op === 'not') walk(x.arg);
    else if (x.op === 'call') x.args.forEach(walk);
    else if (x.op === 'cond') [x.test, x.then, x.else].forEach(walk);
    else if ('left' in x) (walk(x.left), walk(x.right));
  };
  walk(e);
  return [...names];
}
