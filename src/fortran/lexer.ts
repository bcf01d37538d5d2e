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

// `!=`, `&&`, `||` and `!` are C's, which F2Py accepts in `check(...)` conditions.
const OPS2 = ['**', '//', '==', '/=', '<=', '>=', '=>', '::', '!=', '&&', '||'];
const OPS1 = '()[],:=*/+-%<>;&!';
// Sticky (`y`) patterns match at `lastIndex`, so lexing never copies the rest of the statement.
const DOTOP = /\.[a-z]+\./iy;
const IDENT = /[a-z_$][a-z0-9_$]*/iy;
const INT_BEFORE_DOTOP = /\d+(?=\.[a-z]+\.)/iy;
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[edq][+-]?\d+)?(?:_[a-z0-9_]+)?/iy;
const DIGIT = /[0-9]/;
const SPACE = /\s/;

/** `/\s/` on `text[i]`: a blank or printable ASCII is told without the regex. */
function isBlankAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 32) return true;
  if (c > 32 && c < 127) return false;
  return SPACE.test(text[i]!);
}

/** What sticky `re` matches at `text[at]`; `test` rather than `exec`, which makes a match array per token. */
function matchAt(re: RegExp, text: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.test(text) ? text.slice(at, re.lastIndex) : undefined;
}

/** Splits one statement into tokens; never fails (unknown characters become `unknown` tokens). */
export function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (isBlankAt(text, i)) {
      i++;
      continue;
    }
    const tok = lexOne(text, i);
    tokens.push(tok);
    i += tok.kind === 'string' ? stringLength(text, i) : tok.text.length;
  }
  return tokens;
}

/** The token starting at `text[offset]` (not a blank). */
function lexOne(text: string, offset: number): Token {
  const c = text[offset]!;
  if (c === "'" || c === '"') {
    const raw = text.slice(offset, offset + stringLength(text, offset));
    const closed = raw.length > 1 && raw.endsWith(c);
    const body = raw.slice(1, closed ? -1 : undefined);
    return { kind: 'string', text: raw, offset, value: body.split(c + c).join(c) };
  }
  if (DIGIT.test(c) || (c === '.' && DIGIT.test(text[offset + 1] ?? ''))) {
    const int = matchAt(INT_BEFORE_DOTOP, text, offset);
    if (int) return { kind: 'int', text: int, offset };
    const num = matchAt(NUMBER, text, offset)!;
    const isReal = /[.edq]/i.test(num.replace(/_.*$/, ''));
    return { kind: isReal ? 'real' : 'int', text: num, offset };
  }
  const ident = matchAt(IDENT, text, offset);
  if (ident) return { kind: 'ident', text: ident.toLowerCase(), offset };
  const dot = matchAt(DOTOP, text, offset);
  if (dot) return { kind: 'dotop', text: dot.toLowerCase(), offset };
  const two = text.slice(offset, offset + 2);
  if (OPS2.includes(two)) return { kind: 'op', text: two, offset };
  if (OPS1.includes(c)) return { kind: 'op', text: c, offset };
  return { kind: 'unknown', text: c, offset };
}

/** Length of the string literal at `text[from]`, quotes included (to the end if unterminated). */
function stringLength(text: string, from: number): number {
  const q = text[from]!;
  let i = from + 1;
  while (i < text.length) {
    if (text[i] === q) {
      if (text[i + 1] === q) i += 2;
      else return i + 1 - from;
    } else i++;
  }
  return text.length - from;
}
