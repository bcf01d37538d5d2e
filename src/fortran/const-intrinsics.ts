// The intrinsic functions allowed in constant expressions that the evaluator (const-eval.ts) knows:
// kind inquiry and selection, conversions, min/max/abs/mod, elementary math, and numeric limits.

import { EvalFail, evalOrFail, integer, real, type Const, type ConstScalar, type ValueScope } from './const-eval';
import type { Token } from './lexer';

type Num = { readonly type: 'integer' | 'real'; readonly kind: number; readonly value: number };

/** gfortran's answer for `selected_real_kind(p, r)`; -1 when no kind has that precision. */
export function selectedRealKind(p: number, r: number): number {
  if (p <= 6 && r <= 37) return 4;
  if (p <= 15 && r <= 307) return 8;
  if (p <= 18 && r <= 4931) return 10;
  if (p <= 33 && r <= 4931) return 16;
  return -1;
}

const MATH: Readonly<Record<string, (x: number) => number>> = {
  sqrt: Math.sqrt, exp: Math.exp, log: Math.log, log10: Math.log10, sin: Math.sin, cos: Math.cos, tan: Math.tan,
  asin: Math.asin, acos: Math.acos, atan: Math.atan, sinh: Math.sinh, cosh: Math.cosh, tanh: Math.tanh,
};

/** Arguments of one call, positional or by keyword. */
class Args {
  constructor(
    private readonly f: Token,
    readonly list: readonly Token[][],
    private readonly scope: ValueScope,
    private readonly depth: number,
  ) {}

  /** The tokens of argument `pos` (or `key=`), if given. */
  tokens(pos: number, key: string): Token[] | undefined {
    const kw = this.list.find((a) => a[0]?.text === key && a[1]?.kind === 'op' && a[1].text === '=');
    if (kw) return kw.slice(2);
    const a = this.list[pos];
    return a && a.length > 0 && !(a[1]?.kind === 'op' && a[1].text === '=') ? a : undefined;
  }

  value(pos: number, key: string): Const | undefined {
    const ts = this.tokens(pos, key);
    return ts ? evalOrFail(ts, this.scope, this.depth, this.f) : undefined;
  }

  num(pos: number, key: string): Num {
    const v = this.value(pos, key) ?? this.fail(`argument ${pos + 1} is missing`);
    if (v.type !== 'integer' && v.type !== 'real') return this.fail('needs a numeric argument');
    return v;
  }

  int(pos: number, key: string): number | undefined {
    const v = this.value(pos, key);
    if (v && v.type !== 'integer') this.fail(`'${key}' must be an integer`);
    return v?.value as number | undefined;
  }

  /** Type and kind parameter of argument 0: a declared name, or the value's own. */
  typeOfArg(): { type: string; kind: number } {
    const ts = this.tokens(0, 'x') ?? this.tokens(0, 'a') ?? this.fail('needs an argument');
    if (ts.length === 1 && ts[0]!.kind === 'ident') {
      const declared = this.scope.typeOf(ts[0]!.text, this.depth);
      if (declared) return declared;
    }
    const v = evalOrFail(ts, this.scope, this.depth, this.f);
    const s = v.type === 'array' ? v.elements[0] : v;
    if (!s) return this.fail('of an empty array');
    return { type: s.type, kind: s.type === 'integer' || s.type === 'real' ? s.kind : s.type === 'logical' ? 4 : 1 };
  }

  fail(message: string): never {
    throw new EvalFail(`${this.f.text}(): ${message}`, this.f);
  }
}

/** Evaluates `f(args)`; fails for functions it does not know. */
export function callIntrinsic(f: Token, list: Token[][], scope: ValueScope, depth: number): Const {
  const args = new Args(f, list, scope, depth);
  const name = f.text;
  const math = MATH[name];
  if (math) return elemental(args.value(0, 'x') ?? args.fail('needs an argument'), (x) => mathOf(x, math, f));
  switch (name) {
    case 'kind':
      return integer(args.typeOfArg().kind, 4, f);
    case 'selected_real_kind':
      return integer(selectedRealKind(args.int(0, 'p') ?? 0, args.int(1, 'r') ?? 0), 4, f);
    case 'selected_int_kind': {
      const r = args.int(0, 'r') ?? args.fail('needs an argument');
      return integer(r <= 2 ? 1 : r <= 4 ? 2 : r <= 9 ? 4 : r <= 18 ? 8 : 16, 4, f);
    }
    case 'max':
    case 'min':
      return minMax(name, args, f);
    default:
      return conversion(name, args, f) ?? inquiry(name, args, f) ?? args.fail('cannot be evaluated as a constant');
  }
}

function mathOf(x: ConstScalar, fn: (v: number) => number, f: Token): ConstScalar {
  if (x.type !== 'real') throw new EvalFail(`${f.text}() needs a real argument`, f);
  return real(fn(x.value), x.kind, f);
}

/** Applies a scalar function to a scalar or to each element of an array. */
function elemental(v: Const, fn: (x: ConstScalar) => ConstScalar): Const {
  return v.type === 'array' ? { type: 'array', elements: v.elements.map(fn) } : fn(v);
}

function minMax(name: 'max' | 'min', args: Args, f: Token): ConstScalar {
  const vs = args.list.map((_, k) => args.num(k, ''));
  if (vs.length === 0) return args.fail('needs arguments');
  const pick = name === 'max' ? Math.max(...vs.map((v) => v.value)) : Math.min(...vs.map((v) => v.value));
  const reals = vs.filter((v) => v.type === 'real');
  return reals.length > 0 ? real(pick, Math.max(...reals.map((v) => v.kind)), f) : integer(pick, Math.max(...vs.map((v) => v.kind)), f);
}

/** `int nint floor ceiling real dble float sngl abs mod sign atan2`. */
function conversion(name: string, args: Args, f: Token): ConstScalar | undefined {
  const toInt = (round: (x: number) => number): ConstScalar => integer(round(args.num(0, 'a').value), args.int(1, 'kind') ?? 4, f);
  switch (name) {
    case 'int':
      return toInt(Math.trunc);
    case 'nint':
      return toInt((x) => Math.sign(x) * Math.round(Math.abs(x)));
    case 'floor':
      return toInt(Math.floor);
    case 'ceiling':
      return toInt(Math.ceil);
    case 'real': {
      const a = args.num(0, 'a');
      return real(a.value, args.int(1, 'kind') ?? (a.type === 'real' ? a.kind : 4), f);
    }
    case 'dble':
      return real(args.num(0, 'a').value, 8, f);
    case 'float':
    case 'sngl':
      return real(args.num(0, 'a').value, 4, f);
    case 'abs': {
      const a = args.num(0, 'a');
      return a.type === 'integer' ? integer(Math.abs(a.value), a.kind, f) : real(Math.abs(a.value), a.kind, f);
    }
    default:
      return twoArgs(name, args, f);
  }
}

function twoArgs(name: string, args: Args, f: Token): ConstScalar | undefined {
  if (name !== 'mod' && name !== 'sign' && name !== 'atan2') return undefined;
  const a = args.num(0, name === 'atan2' ? 'y' : 'a');
  const b = args.num(1, name === 'atan2' ? 'x' : name === 'mod' ? 'p' : 'b');
  const value = name === 'mod' ? a.value % b.value : name === 'sign' ? Math.abs(a.value) * (b.value < 0 ? -1 : 1) : Math.atan2(a.value, b.value);
  if (name === 'mod' && b.value === 0) return args.fail('division by zero');
  if (a.type === 'integer' && b.type === 'integer' && name !== 'atan2') return integer(value, Math.max(a.kind, b.kind), f);
  return real(value, Math.max(a.type === 'real' ? a.kind : 0, b.type === 'real' ? b.kind : 0), f);
}

/** `huge tiny epsilon digits radix minexponent maxexponent len size`. */
function inquiry(name: string, args: Args, f: Token): ConstScalar | undefined {
  switch (name) {
    case 'huge':
    case 'tiny':
    case 'epsilon':
    case 'digits':
    case 'radix':
    case 'minexponent':
    case 'maxexponent':
      return numericLimit(name, args.typeOfArg(), args, f);
    case 'len': {
      const v = args.value(0, 'string');
      return v?.type === 'character' ? integer(v.value.length, 4, f) : args.fail('needs a character constant');
    }
    case 'size': {
      const v = args.value(0, 'array');
      return v?.type === 'array' && args.list.length === 1 ? integer(v.elements.length, 4, f) : args.fail('needs an array constant');
    }
    default:
      return undefined;
  }
}

function numericLimit(name: string, t: { type: string; kind: number }, args: Args, f: Token): ConstScalar {
  if (name === 'radix' && (t.type === 'integer' || t.type === 'real')) return integer(2, 4, f);
  if (t.type === 'integer') {
    const digits = t.kind * 8 - 1;
    if (name === 'digits') return integer(digits, 4, f);
    if (name === 'huge') return integer(2 ** digits - 1, t.kind, f);
  }
  if (t.type === 'real' && (t.kind === 4 || t.kind === 8)) {
    const single = t.kind === 4;
    const mantissa = single ? 24 : 53;
    if (name === 'digits') return integer(mantissa, 4, f);
    if (name === 'minexponent') return integer(single ? -125 : -1021, 4, f);
    if (name === 'maxexponent') return integer(single ? 128 : 1024, 4, f);
    if (name === 'epsilon') return real(2 ** (1 - mantissa), t.kind, f);
    if (name === 'tiny') return real(single ? 2 ** -126 : 2 ** -1022, t.kind, f);
    return real(single ? (2 - 2 ** -23) * 2 ** 127 : Number.MAX_VALUE, t.kind, f);
  }
  return args.fail(`of ${t.type}(${t.kind}) is not evaluated`);
}
