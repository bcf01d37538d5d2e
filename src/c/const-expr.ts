// Folds C integer constant expressions: enumerator values (`A = 1 << 3`, `B = A + 1`) and the
// bodies of object-like macros (`#define LAPACK_COL_MAJOR 102`). Anything else (floats,
// `sizeof`, unknown names) is not a constant here: undefined.

import type { CToken } from './lexer';

/** Thrown inside the folder only, and often (most macros are not constants): no Error, no stack trace. */
class NotConstant {}

const BINARY: ReadonlyArray<readonly string[]> = [
  ['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '>', '<=', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%'],
];

const TYPE_WORDS = new Set(['int', 'long', 'short', 'char', 'unsigned', 'signed', 'const', 'size_t', 'int32_t', 'int64_t', 'uint32_t', 'uint64_t']);

/** An integer literal's value (`0x1F`, `017`, `10UL`), or undefined for a floating one. */
export function integerLiteral(text: string): bigint | undefined {
  const digits = text.replace(/[uUlL]+$/, '');
  if (/^0[xX][0-9a-fA-F]+$/.test(digits) || /^0[bB][01]+$/.test(digits) || /^[1-9]\d*$|^0$/.test(digits)) return BigInt(digits);
  if (/^0[0-7]+$/.test(digits)) return BigInt(`0o${digits.slice(1)}`);
  return undefined;
}

const ESCAPES: Readonly<Record<string, number>> = { n: 10, t: 9, r: 13, '0': 0, '\\': 92, "'": 39, '"': 34, a: 7, b: 8, f: 12, v: 11 };

function charLiteral(text: string): bigint {
  const body = text.slice(1, -1);
  if (body.length === 1) return BigInt(body.charCodeAt(0));
  if (body.length === 2 && body[0] === '\\' && body[1] in ESCAPES) return BigInt(ESCAPES[body[1]]);
  throw new NotConstant();
}

function apply(op: string, a: bigint, b: bigint): bigint {
  switch (op) {
    case '||': return a !== 0n || b !== 0n ? 1n : 0n;
    case '&&': return a !== 0n && b !== 0n ? 1n : 0n;
    case '|': return a | b;
    case '^': return a ^ b;
    case '&': return a & b;
    case '==': return a === b ? 1n : 0n;
    case '!=': return a !== b ? 1n : 0n;
    case '<': return a < b ? 1n : 0n;
    case '>': return a > b ? 1n : 0n;
    case '<=': return a <= b ? 1n : 0n;
    case '>=': return a >= b ? 1n : 0n;
    case '<<': return a << b;
    case '>>': return a >> b;
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': case '%':
      if (b === 0n) throw new NotConstant();
      return op === '/' ? a / b : a % b;
    default: throw new NotConstant();
  }
}

class Folder {
  private i = 0;

  constructor(private readonly tokens: readonly CToken[], private readonly names: ReadonlyMap<string, number>) {}

  private peek(): string {
    return this.tokens[this.i]?.text ?? '';
  }

  whole(): bigint {
    const value = this.conditional();
    if (this.i !== this.tokens.length) throw new NotConstant();
    return value;
  }

  private conditional(): bigint {
    const test = this.binary(0);
    if (this.peek() !== '?') return test;
    this.i++;
    const then = this.conditional();
    if (this.peek() !== ':') throw new NotConstant();
    this.i++;
    const otherwise = this.conditional();
    return test !== 0n ? then : otherwise;
  }

  private binary(level: number): bigint {
    if (level === BINARY.length) return this.unary();
    let left = this.binary(level + 1);
    while (BINARY[level].includes(this.peek()) && this.tokens[this.i].kind === 'punct') {
      const op = this.tokens[this.i++].text;
      left = apply(op, left, this.binary(level + 1));
    }
    return left;
  }

  private unary(): bigint {
    const op = this.peek();
    if (['-', '+', '~', '!'].includes(op)) {
      this.i++;
      const v = this.unary();
      return op === '-' ? -v : op === '+' ? v : op === '~' ? ~v : v === 0n ? 1n : 0n;
    }
    return this.primary();
  }

  /** A literal, a known name, a parenthesized expression, or a cast to an integer type (dropped). */
  private primary(): bigint {
    const token = this.tokens[this.i++];
    if (!token) throw new NotConstant();
    if (token.kind === 'number') {
      const value = integerLiteral(token.text);
      if (value === undefined) throw new NotConstant();
      return value;
    }
    if (token.kind === 'char') return charLiteral(token.text);
    if (token.kind === 'ident' && this.names.has(token.text)) return BigInt(this.names.get(token.text)!);
    if (token.text !== '(') throw new NotConstant();
    if (TYPE_WORDS.has(this.peek())) {
      while (TYPE_WORDS.has(this.peek())) this.i++;
      if (this.tokens[this.i++]?.text !== ')') throw new NotConstant();
      return this.unary();
    }
    const inner = this.conditional();
    if (this.tokens[this.i++]?.text !== ')') throw new NotConstant();
    return inner;
  }
}

/** The value of `tokens` as an integer constant expression, given the constants known so far. */
export function foldInteger(tokens: readonly CToken[], names: ReadonlyMap<string, number>): number | undefined {
  if (tokens.length === 0) return undefined;
  try {
    const value = new Folder(tokens, names).whole();
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
  } catch (err) {
    if (err instanceof NotConstant || err instanceof RangeError) return undefined;
    throw err;
  }
}
