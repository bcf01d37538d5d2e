// C++ for IR expressions evaluated before the call: array extents, F2Py computed defaults and
// `check(...)` conditions. Integers use the checked int64 runtime (extent.h), reals double,
// conditions bool; `len/size/shape` read input arrays' shapes (input.h); characters compare as
// `char` (a CHARACTER argument by its first character, chars.h). `args` is in scope.

import { storageDim } from '../../ir/convention';
import type { ValueType } from '../../ir/value-expr';
import type { Arg, Bound, Expr, Routine } from '../../ir/types';
import { realText } from '../expr';
import { cppString, member } from './ctypes';

/** What the generated code can see: parameter indices (for messages) and the routine's arguments. */
export interface ValueScope {
  readonly paramIndex: (name: string) => number;
  readonly arg: (name: string) => Arg | undefined;
}

const NO_ARGS: ValueScope = { paramIndex: () => -1, arg: () => undefined };

export function routineScope(routine: Routine, paramIndex: (name: string) => number): ValueScope {
  return { paramIndex, arg: (name) => routine.args.find((a) => a.name === name) };
}

interface Value {
  readonly code: string;
  readonly type: ValueType;
}

const CHECKED_OP: Readonly<Record<'+' | '-' | '*' | '/', string>> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div' };
const C_COMPARE: Readonly<Record<string, string>> = { '==': '==', '/=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

const int = (code: string): Value => ({ code, type: 'integer' });
const real = (code: string): Value => ({ code, type: 'real' });
const asReal = (v: Value): string => (v.type === 'real' ? v.code : `double(${v.code})`);
const allInteger = (vs: readonly Value[]): boolean => vs.every((v) => v.type === 'integer');
/** A condition, or an integer read as C does: nonzero is true. */
const truth = (v: Value): string => (v.type === 'logical' ? v.code : `(${v.code} != 0)`);

/** `len(x)`, `size(x[,k])`, `shape(x,k)`, `rank(x)` of an input array (checked by the `supported` pass). */
function arrayQuery(name: string, args: readonly Expr[], scope: ValueScope): Value | undefined {
  const [of, dim] = args;
  if (of?.op !== 'name') return undefined;
  const array = scope.arg(of.name);
  const known = (k: number) => int(`bridgegen::known_extent(args, ${scope.paramIndex(of.name)}, ${member(of.name)}, ${array ? storageDim(array, k) : k})`);
  const k = dim?.op === 'int' ? dim.value : 0;
  if (name === 'len') return known(0);
  if (name === 'shape') return known(k);
  if (name === 'size') return dim ? known(k - 1) : int(`int64_t(${member(of.name)}.length)`);
  if (name === 'rank') return int(`int64_t{${scope.arg(of.name)?.rank ?? 0}}`);
  return undefined;
}

function callValue(e: Extract<Expr, { op: 'call' }>, scope: ValueScope): Value {
  const query = arrayQuery(e.name, e.args, scope);
  if (query) return query;
  const args = e.args.map((a) => value(a, scope));
  if (e.name === 'abs') return args[0]!.type === 'integer' ? int(`bridgegen::ext_abs(args, ${args[0]!.code})`) : real(`std::fabs(${args[0]!.code})`);
  if (e.name !== 'max' && e.name !== 'min') throw new Error(`internal: \`${e.name}()\` passed the supported pass`);
  // Fold left over two or more arguments.
  if (allInteger(args)) return int(args.map((a) => a.code).reduce((acc, next) => `bridgegen::ext_${e.name}(${acc}, ${next})`));
  return real(args.map(asReal).reduce((acc, next) => `std::f${e.name}(${acc}, ${next})`));
}

/** A C++ `char` for one side of a character comparison: a literal's, or the argument's first character. */
function cppChar(e: Expr): string {
  if (e.op === 'string') return `'${e.value.replace(/[\\']/g, '\\$&')}'`;
  if (e.op === 'name') return `bridgegen::first_char(${member(e.name)})`;
  throw new Error('internal: a character comparison passed the supported pass with a non-character side');
}

/** Whether `e` is a side of a character comparison (as value-expr.ts decides): a literal or a CHARACTER argument. */
function isChar(e: Expr, scope: ValueScope): boolean {
  return e.op === 'string' || (e.op === 'name' && scope.arg(e.name)?.type === 'character');
}

function value(e: Expr, scope: ValueScope): Value {
  switch (e.op) {
    case 'int':
      return int(`int64_t{${e.value}}`);
    case 'real':
      return real(`double{${realText(e.value)}}`);
    case 'string':
      return { code: cppString(e.value), type: 'string' };
    case 'name':
      return scope.arg(e.name)?.type === 'real' ? real(`double(${member(e.name)})`) : int(`int64_t(${member(e.name)})`);
    case 'neg': {
      const arg = value(e.arg, scope);
      return arg.type === 'integer' ? int(`bridgegen::ext_neg(args, ${arg.code})`) : real(`(-${arg.code})`);
    }
    case 'not':
      return { code: `!${truth(value(e.arg, scope))}`, type: 'logical' };
    case 'call':
      return callValue(e, scope);
    case 'cond': {
      const [then, otherwise] = [value(e.then, scope), value(e.else, scope)];
      const test = truth(value(e.test, scope));
      if (then.type === 'string' || then.type === 'logical') return { code: `(${test} ? ${then.code} : ${otherwise.code})`, type: then.type };
      if (allInteger([then, otherwise])) return int(`(${test} ? ${then.code} : ${otherwise.code})`);
      return real(`(${test} ? ${asReal(then)} : ${asReal(otherwise)})`);
    }
    case 'and':
    case 'or':
      return { code: `(${truth(value(e.left, scope))} ${e.op === 'and' ? '&&' : '||'} ${truth(value(e.right, scope))})`, type: 'logical' };
    case '+':
    case '-':
    case '*':
    case '/': {
      const [l, r] = [value(e.left, scope), value(e.right, scope)];
      if (allInteger([l, r])) return int(`bridgegen::ext_${CHECKED_OP[e.op]}(args, ${l.code}, ${r.code})`);
      return real(`(${asReal(l)} ${e.op} ${asReal(r)})`);
    }
    default: {
      if (isChar(e.left, scope) || isChar(e.right, scope)) return { code: `(${cppChar(e.left)} ${C_COMPARE[e.op]} ${cppChar(e.right)})`, type: 'logical' };
      const [l, r] = [value(e.left, scope), value(e.right, scope)];
      const [lc, rc] = allInteger([l, r]) ? [l.code, r.code] : [asReal(l), asReal(r)];
      return { code: `(${lc} ${C_COMPARE[e.op]} ${rc})`, type: 'logical' };
    }
  }
}

/** Any expression the `supported` pass accepts, as C++ (int64_t, double or bool). */
export function cppValueExpr(expr: Expr, scope: ValueScope = NO_ARGS): string {
  return value(expr, scope).code;
}

/** The extent of one dimension, or `bridgegen::kUnchecked` for an assumed-size `*` or shape `:`. */
export function cppExtent(bound: Bound, scope: ValueScope = NO_ARGS): string {
  if (bound.upper === null) return 'bridgegen::kUnchecked';
  if (bound.lower.op === 'int' && bound.lower.value === 1) return cppValueExpr(bound.upper, scope);
  return `bridgegen::ext_span(args, ${cppValueExpr(bound.lower, scope)}, ${cppValueExpr(bound.upper, scope)})`;
}
