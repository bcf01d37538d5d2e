// Tokens of one logical statement (identifiers lower-cased, literals, operators) with their offsets;
// joining lines is left to source-form.ts and grammar to parser.ts.

export type TokenKind = 'ident' | 'int' | 'real' | 'string' | 'op' | 'dotop' | 'unknown';

export interface Token {
  readonly kind: TokenKind;
  /** Source text; identifiers and dot operators lower-cased, literals as written. */
  readonly text: string;
  /** Offset of the first character in the statement text. */
  readonly offset: number;
  /** String literals: the value, quotes removed and doubled quotes undone. */
  readonly value?: string;
}

const OPS2 = ['**', '//', '==', '/=', '<=', '>=', '=>', '::'];
const OPS1 = '()[],:=*/+-%<>;&';
const DOTOP = /^\.[a-z]+\./i;
const IDENT = /^[a-z_$][a-z0-9_$]*/i;
const INT_BEFORE_DOTOP = /^\d+(?=\.[a-z]+\.)/i;
const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[edq][+-]?\d+)?(?:_[a-z0-9_]+)?/i;

/** Splits one statement into tokens; never fails (unknown characters become `unknown` tokens). */
export function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = text.slice(i);
    const tok = lexOne(rest, i);
    tokens.push(tok);
    i += tok.kind === 'string' ? stringLength(rest) : tok.text.length;
  }
  return tokens;
}

function lexOne(rest: string, offset: number): Token {
  const c = rest[0]!;
  if (c === "'" || c === '"') {
    const len = stringLength(rest);
    const raw = rest.slice(0, len);
    const closed = len > 1 && raw.endsWith(c);
    const body = raw.slice(1, closed ? -1 : undefined);
    return { kind: 'string', text: raw, offset, value: body.split(c + c).join(c) };
  }
  if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(rest[1] ?? ''))) {
    const int = INT_BEFORE_DOTOP.exec(rest);
    if (int) return { kind: 'int', text: int[0], offset };
    const num = NUMBER.exec(rest)![0];
    const isReal = /[.edq]/i.test(num.replace(/_.*$/, ''));
    return { kind: isReal ? 'real' : 'int', text: num, offset };
  }
  const ident = IDENT.exec(rest);
  if (ident) return { kind: 'ident', text: ident[0].toLowerCase(), offset };
  const dot = DOTOP.exec(rest);
  if (dot) return { kind: 'dotop', text: dot[0].toLowerCase(), offset };
  const two = rest.slice(0, 2);
  if (OPS2.includes(two)) return { kind: 'op', text: two, offset };
  if (OPS1.includes(c)) return { kind: 'op', text: c, offset };
  return { kind: 'unknown', text: c, offset };
}

/** Length of the string literal at the start of `rest`, quotes included (to the end if unterminated). */
function stringLength(rest: string): number {
  const q = rest[0]!;
  let i = 1;
  while (i < rest.length) {
    if (rest[i] === q) {
      if (rest[i + 1] === q) i += 2;
      else return i + 1;
    } else i++;
  }
  return rest.length;
}
