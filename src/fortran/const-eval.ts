// Evaluates Fortran constant expressions to typed values (integer, real, logical, character, arrays
// from `(/ ... /)` and `[...]`); named constants come from a ValueScope (kinds.ts), intrinsics from const-intrinsics.ts.

import { splitTop } from './cursor';
import type { Token } from './lexer';
import { callIntrinsic } from './const-intrinsics';

export type ConstScalar =
  | { readonly type: 'integer' | 'real'; readonly kind: number; readonly value: number }
  | { readonly type: 'logical'; readonly value: boolean }
  | { readonly type: 'character'; readonly value: string };

/** A constant: a scalar, or the elements of an array constructor in order. */
export type Const = ConstScalar | { readonly type: 'array'; readonly elements: readonly ConstScalar[] };

/** What the evaluator needs to know about names. */
export interface ValueScope {
  /** The value of a named constant visible here. */
  value(name: string, depth: number): Const | undefined;
  /** The declared type and kind parameter (not bytes: `complex(8)` -> 8) of a variable or constant. */
  typeOf(name: string, depth: number): { readonly type: string; readonly kind: number } | undefined;
}

export type EvalResult = { readonly value: Const } | { readonly error: string; readonly token?: Token };

/** Thrown inside the evaluator; turned into an EvalResult at the top. */
export class EvalFail {
  constructor(
    readonly error: string,
    readonly token?: Token,
  ) {}
}

/** Evaluates the tokens of one constant expression; never throws. */
export function evalValue(tokens: readonly Token[], scope: ValueScope, depth = 0): EvalResult {
  try {
    return { value: new Evaluator(tokens, scope, depth).all() };
  } catch (e) {
    if (e instanceof EvalFail) return e.token ? { error: e.error, token: e.token } : { error: e.error };
    throw e;
  }
}

/** Evaluates tokens or fails (for use inside the evaluator and its intrinsics). */
export function evalOrFail(tokens: readonly Token[], scope: ValueScope, depth: number, at?: Token): Const {
  const r = evalValue(tokens, scope, depth);
  if ('value' in r) return r.value;
  throw new EvalFail(r.error, r.token ?? at);
}

class Evaluator {
  private i = 0;
  constructor(
    private readonly toks: readonly Token[],
    private readonly scope: ValueScope,
    private readonly depth: number,
  ) {}

  all(): Const {
    if (this.depth > 32) throw new EvalFail('constant expression nests too deeply');
    const v = this.concat();
    if (this.i < this.toks.length) this.fail(`unexpected '${this.toks[this.i]!.text}'`);
    return v;
  }

  private fail(error: string, token: Token | undefined = this.toks[this.i]): never {
    throw new EvalFail(error, token);
  }

  private isOp(text: string, k = 0): boolean {
    const t = this.toks[this.i + k];
    return t?.kind === 'op' && t.text === text;
  }

  private concat(): Const {
    let v = this.sum();
    while (this.isOp('//')) {
      const at = this.toks[this.i++];
      v = binary('//', v, this.sum(), at);
    }
    return v;
  }

  private sum(): Const {
    let v = this.isOp('-') || this.isOp('+') ? this.signed() : this.term();
    while (this.isOp('+') || this.isOp('-')) {
      const at = this.toks[this.i++]!;
      v = binary(at.text, v, this.term(), at);
    }
    return v;
  }

  private signed(): Const {
    const at = this.toks[this.i++]!;
    const v = this.term();
    return at.text === '-' ? binary('-', { type: 'integer', kind: 4, value: 0 }, v, at) : v;
  }

  private term(): Const {
    let v = this.power();
    while (this.isOp('*') || this.isOp('/')) {
      const at = this.toks[this.i++]!;
      v = binary(at.text, v, this.power(), at);
    }
    return v;
  }

  private power(): Const {
    if (this.isOp('-') || this.isOp('+')) return this.signed(); // `2*-3`: a common extension
    const base = this.primary();
    if (!this.isOp('**')) return base;
    const at = this.toks[this.i++]!;
    return binary('**', base, this.power(), at);
  }

  private primary(): Const {
    const t = this.toks[this.i] ?? this.fail('expression ends too early');
    if (t.kind === 'op' && t.text === '(' && (this.isOp('/', 1) || this.isOp('//', 1))) return this.constructor_('/)');
    if (t.kind === 'op' && t.text === '[') return this.constructor_(']');
    if (t.kind === 'op' && t.text === '(') {
      const inner = this.group();
      if (splitTop(inner).length > 1) this.fail('complex constants are not evaluated', t);
      return evalOrFail(inner, this.scope, this.depth + 1, t);
    }
    this.i++;
    switch (t.kind) {
      case 'int':
      case 'real':
        return this.literal(t);
      case 'string':
        return { type: 'character', value: t.value ?? '' };
      case 'dotop':
        if (t.text === '.true.' || t.text === '.false.') return { type: 'logical', value: t.text === '.true.' };
        return this.fail(`'${t.text}' is not evaluated in constants`, t);
      case 'ident':
        if (!this.isOp('(')) return this.scope.value(t.text, this.depth) ?? this.fail(`cannot resolve '${t.text}'`, t);
        return callIntrinsic(t, splitTop(this.group()), this.scope, this.depth + 1);
      default:
        return this.fail(`'${t.text}' is not a constant`, t);
    }
  }

  /** At `(`: the tokens inside the balanced group; the cursor moves past it. */
  private group(): Token[] {
    return this.groupFrom(this.i);
  }

  private groupFrom(open: number): Token[] {
    let level = 0;
    let k = open;
    do {
      const t = this.toks[k];
      if (!t) this.fail("missing ')'", this.toks[open]);
      if (t.kind === 'op' && (t.text === '(' || t.text === '[')) level++;
      else if (t.kind === 'op' && (t.text === ')' || t.text === ']')) level--;
      k++;
    } while (level > 0);
    this.i = k;
    return this.toks.slice(open + 1, k - 1);
  }

  /** `(/ a, b /)` or `[a, b]`: array elements in order (nested arrays are flattened). */
  private constructor_(close: '/)' | ']'): Const {
    const open = this.toks[this.i]!;
    let inner = this.group();
    if (close === '/)') {
      const last = inner[inner.length - 1];
      const empty = inner.length === 1 && inner[0]!.text === '//';
      if (!empty && (last?.kind !== 'op' || last.text !== '/' || inner.length < 2)) this.fail("expected '/)'", open);
      inner = empty ? [] : inner.slice(1, -1);
    }
    if (inner.some((t) => t.kind === 'op' && t.text === '::')) this.fail('array constructors with a type are not evaluated', open);
    const elements: ConstScalar[] = [];
    for (const item of inner.length === 0 ? [] : splitTop(inner)) {
      if (item.length === 0) this.fail('empty item in array constructor', open);
      if (item.some((t) => t.kind === 'op' && t.text === '=')) this.fail('implied-do loops are not evaluated', item[0]);
      const v = evalOrFail(item, this.scope, this.depth + 1, item[0]);
      if (v.type === 'array') elements.push(...v.elements);
      else elements.push(v);
    }
    return { type: 'array', elements };
  }

  /** `42`, `42_8`, `1.5d0`, `2.0_dp`, `.5e-3`. */
  private literal(t: Token): Const {
    const [body = '', suffix] = t.text.split('_');
    let kind = t.kind === 'int' ? 4 : /d/i.test(body) ? 8 : /q/i.test(body) ? 16 : 4;
    if (suffix) kind = /^\d+$/.test(suffix) ? Number(suffix) : this.kindParam(suffix, t);
    const value = Number(body.replace(/[dq]/i, 'e'));
    if (t.kind === 'int') return integer(value, kind, t);
    return real(value, kind, t);
  }

  private kindParam(name: string, t: Token): number {
    const v = this.scope.value(name, this.depth);
    if (v?.type !== 'integer') this.fail(`cannot resolve '${name}'`, t);
    return v.value;
  }
}

/** An integer constant; fails when it cannot be represented exactly in a JS number. */
export function integer(value: number, kind: number, at?: Token): ConstScalar {
  if (!Number.isSafeInteger(value)) throw new EvalFail('integer constant out of the exactly representable range', at);
  return { type: 'integer', kind, value: value === 0 ? 0 : value };
}

/** A real constant, rounded to single precision for kind 4 (kinds 10 and 16 are evaluated in double). */
export function real(value: number, kind: number, at?: Token): ConstScalar {
  if (!Number.isFinite(value)) throw new EvalFail('real constant is not finite', at);
  return { type: 'real', kind, value: kind === 4 ? Math.fround(value) : value };
}

/** `a op b` for `+ - * / ** //`, element by element when either side is an array. */
export function binary(op: string, a: Const, b: Const, at?: Token): Const {
  if (a.type === 'array' || b.type === 'array') {
    const as = a.type === 'array' ? a.elements : undefined;
    const bs = b.type === 'array' ? b.elements : undefined;
    if (as && bs && as.length !== bs.length) throw new EvalFail('arrays of different sizes in a constant expression', at);
    const n = (as ?? bs)!.length;
    const elements = Array.from({ length: n }, (_, k) => binary(op, as ? as[k]! : a, bs ? bs[k]! : b, at) as ConstScalar);
    return { type: 'array', elements };
  }
  if (op === '//') {
    if (a.type !== 'character' || b.type !== 'character') throw new EvalFail("'//' needs character operands", at);
    return { type: 'character', value: a.value + b.value };
  }
  if ((a.type !== 'integer' && a.type !== 'real') || (b.type !== 'integer' && b.type !== 'real')) {
    throw new EvalFail(`'${op}' needs numeric operands`, at);
  }
  return arithmetic(op, a, b, at);
}

function arithmetic(op: string, a: { type: 'integer' | 'real'; kind: number; value: number }, b: typeof a, at?: Token): ConstScalar {
  const isInt = a.type === 'integer' && b.type === 'integer';
  if (isInt) {
    const kind = Math.max(a.kind, b.kind);
    if ((op === '/' && b.value === 0) || (op === '**' && b.value < 0 && a.value === 0)) {
      throw new EvalFail('division by zero in a constant expression', at);
    }
    return integer(Math.trunc(apply(op, a.value, b.value)), kind, at);
  }
  const kind = Math.max(a.type === 'real' ? a.kind : 0, b.type === 'real' ? b.kind : 0);
  return real(apply(op, a.value, b.value), kind, at);
}

function apply(op: string, x: number, y: number): number {
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return x / y;
    default:
      return x ** y;
  }
}

/**
 * A constant converted to a declared type (`integer` truncates, `real` rounds kind 4 to single
 * precision); undefined when it does not convert (complex, or logical/character mismatches).
 */
export function convertConst(c: Const, type: string, kind: number): Const | undefined {
  if (c.type === 'array') {
    const elements = c.elements.map((e) => convertConst(e, type, kind));
    return elements.every((e): e is ConstScalar => e !== undefined && e.type !== 'array') ? { type: 'array', elements } : undefined;
  }
  try {
    if (type === 'integer' && (c.type === 'integer' || c.type === 'real')) return integer(Math.trunc(c.value), kind);
    if (type === 'real' && (c.type === 'integer' || c.type === 'real')) return real(c.value, kind);
  } catch (e) {
    if (e instanceof EvalFail) return undefined;
    throw e;
  }
  return (type === 'logical' || type === 'character') && c.type === type ? c : undefined;
}
