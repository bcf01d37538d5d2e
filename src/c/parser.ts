// Parses preprocessed C into declarations (ast.ts): prototypes, typedefs, enums, structs and
// integer macros. GNU extensions of system headers (`__attribute__`, `__asm__`, inline bodies)
// are skipped; a declaration this parser does not understand is skipped whole and reported to
// the caller (who warns about those of the user's header only).

import type { Span } from '../ir/types';
import type { CDecl, CEnumerator, CField, CParam, CType } from './ast';
import { foldInteger } from './const-expr';
import { type CToken, tokenize } from './lexer';

export class CSyntaxError extends Error {
  constructor(message: string, readonly span: Span) {
    super(message);
  }
}

const STORAGE = new Set(['typedef', 'extern', 'static', 'inline', '__inline', '__inline__', '_Noreturn', '__extension__', 'register', 'auto', '_Thread_local', '__thread']);
const QUALIFIERS = new Set(['const', '__const', 'volatile', '__volatile__', 'restrict', '__restrict', '__restrict__', '_Nonnull', '_Nullable']);
/** Keywords followed by a parenthesized argument that says nothing about the type. */
const ATTRIBUTES = new Set(['__attribute__', '__attribute', '__declspec', '__asm__', '__asm', 'asm', '_Alignas', '__alignof__']);
const BASIC = new Set(['void', 'char', 'short', 'int', 'long', 'float', 'double', 'signed', 'unsigned', '_Bool', 'bool', '_Complex', '__complex__',
  '__int128', '_Float16', '_Float32', '_Float64', '_Float128', '_Float32x', '_Float64x', '__float128']);

const TAGS = new Set(['struct', 'union', 'enum', 'sizeof', 'return', 'if', 'else', 'for', 'while', 'do', 'switch', 'case', 'default', 'goto', 'break', 'continue']);

/** A keyword, which no declaration may name. */
function isReserved(name: string): boolean {
  return BASIC.has(name) || STORAGE.has(name) || QUALIFIERS.has(name) || TAGS.has(name);
}

/** A declaration's specifiers: its base type, and whether it is a typedef. */
interface Specifiers {
  readonly base: CType;
  readonly typedef: boolean;
}

/** A declarator: the declared name (if any) and how it builds the declared type from the base. */
interface Declarator {
  readonly name?: string;
  readonly span: Span;
  readonly wrap: (base: CType) => CType;
}

/** The basic type words, in any order, normalised: `long unsigned int` -> `unsigned long`. */
export function basicTypeName(words: readonly string[]): string {
  const has = (w: string) => words.includes(w);
  const longs = words.filter((w) => w === 'long').length;
  const complex = has('_Complex') || has('__complex__') ? ' _Complex' : '';
  if (has('double') || has('float')) return `${longs ? 'long ' : ''}${has('double') ? 'double' : 'float'}${complex}`;
  const other = words.find((w) => w.startsWith('_Float') || w === '__float128' || w === '__int128' || w === 'void');
  if (other) return other;
  if (has('_Bool') || has('bool')) return '_Bool';
  if (has('char')) return `${has('unsigned') ? 'unsigned ' : has('signed') ? 'signed ' : ''}char`;
  const size = has('short') ? 'short' : longs === 2 ? 'long long' : longs === 1 ? 'long' : 'int';
  return `${has('unsigned') ? 'unsigned ' : ''}${size}`;
}

class Parser {
  private i = 0;
  private anon = 0;
  readonly decls: CDecl[] = [];
  readonly errors: CSyntaxError[] = [];
  /** Integer constants known so far (enumerators, macros), for the enumerators that follow. */
  private readonly constants = new Map<string, number>();

  constructor(private readonly tokens: readonly CToken[]) {}

  /**
   * `#define`s may sit anywhere, even inside a struct (`-dD` lists them where they appear): the
   * cursor records each as it passes, so later enumerators can use them, and never stops on one.
   */
  private settle(): void {
    while (this.tokens[this.i]?.kind === 'define') this.macro(this.tokens[this.i++]);
  }

  private peek(ahead = 0): CToken {
    this.settle();
    let j = this.i;
    for (let k = 0; k < ahead || this.tokens[j]?.kind === 'define'; j++) if (this.tokens[j]?.kind !== 'define') k++;
    return this.tokens[Math.min(j, this.tokens.length - 1)];
  }

  private is(text: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.text === text && t.kind !== 'string';
  }

  private next(): CToken {
    this.settle();
    return this.tokens[Math.min(this.i++, this.tokens.length - 1)];
  }

  private expect(text: string): CToken {
    if (!this.is(text)) throw new CSyntaxError(`expected \`${text}\`, found \`${this.peek().text || 'end of file'}\``, this.peek().span);
    return this.next();
  }

  /** Skips a balanced `( ... )`, `[ ... ]` or `{ ... }` starting at the current token. */
  private skipBalanced(): void {
    let depth = 0;
    do {
      const t = this.next();
      if (t.kind === 'eof') return;
      if (t.kind === 'punct' && '([{'.includes(t.text)) depth++;
      if (t.kind === 'punct' && ')]}'.includes(t.text)) depth--;
    } while (depth > 0);
  }

  /** Skips `__attribute__((...))`, `__asm__("...")` and the like. */
  private skipAttributes(): void {
    while (this.peek().kind === 'ident' && ATTRIBUTES.has(this.peek().text)) {
      this.next();
      if (this.is('(')) this.skipBalanced();
    }
  }

  run(): void {
    while (this.peek().kind !== 'eof') {
      const start = this.i;
      try {
        this.topLevel();
      } catch (err) {
        if (!(err instanceof CSyntaxError)) throw err;
        this.errors.push(err);
        this.recover(start);
      }
    }
  }

  private topLevel(): void {
    if (this.is(';') || this.is('}')) return void this.next(); // `}` closes an `extern "C" {`
    if (this.is('extern') && this.peek(1).kind === 'string') {
      this.i += 2;
      if (this.is('{')) this.next();
      return;
    }
    if (this.is('_Static_assert') || this.is('static_assert')) return this.recover(this.i);
    this.declaration();
  }

  /** Skips from `start` past the end of the declaration: a `;` or a function body's `}`. */
  private recover(start: number): void {
    this.i = start;
    while (this.peek().kind !== 'eof') {
      if (this.is(';')) return void this.next();
      const body = this.is('{') && this.i > start && this.tokens[this.i - 1].text === ')';
      if (this.is('(') || this.is('[') || this.is('{')) this.skipBalanced();
      else this.next();
      if (body) return;
    }
  }

  private macro(t: CToken): void {
    if (t.body === undefined) return;
    const value = foldInteger(tokenizeBody(t.body), this.constants);
    if (value === undefined) return;
    this.constants.set(t.text, value);
    this.decls.push({ kind: 'macro', name: t.text, value, span: t.span });
  }

  private declaration(): void {
    const first = this.peek();
    const specs = this.specifiers();
    if (this.is(';')) return void this.next();
    for (;;) {
      const d = this.declarator(false);
      const type = d.wrap(specs.base);
      this.skipAttributes();
      if (type.kind === 'function' && this.is('{')) {
        this.skipBalanced();
        if (!specs.typedef) this.decls.push(Object.assign({ kind: 'function' as const, name: d.name!, type, span: d.span }, docOf(first)));
        return;
      }
      if (this.is('=')) this.skipInitializer();
      if (specs.typedef) this.decls.push({ kind: 'typedef', name: d.name!, type, span: d.span });
      else if (type.kind === 'function') this.decls.push(Object.assign({ kind: 'function' as const, name: d.name!, type, span: d.span }, docOf(first)));
      if (!this.is(',')) break;
      this.next();
    }
    this.expect(';');
  }

  /** Skips to the `,` or `;` (or, in an enum, `}`) that ends an initializer. */
  private skipInitializer(): void {
    while (!this.is(',') && !this.is(';') && !this.is('}') && this.peek().kind !== 'eof') {
      if (this.is('(') || this.is('{') || this.is('[')) this.skipBalanced();
      else this.next();
    }
  }

  private specifiers(): Specifiers {
    const words: string[] = [];
    let typedef = false, isConst = false;
    let base: CType | undefined;
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'ident') break;
      if (STORAGE.has(t.text)) typedef ||= t.text === 'typedef';
      else if (QUALIFIERS.has(t.text)) isConst ||= t.text === 'const' || t.text === '__const';
      else if (ATTRIBUTES.has(t.text)) { this.skipAttributes(); continue; }
      else if (BASIC.has(t.text)) words.push(t.text);
      else if (t.text === 'struct' || t.text === 'union' || t.text === 'enum') { base = this.tagged(); continue; }
      else if (t.text === '__typeof__' || t.text === 'typeof') { this.next(); this.skipBalanced(); base = { kind: 'name', name: 'typeof', const: false }; continue; }
      else if (words.length === 0 && !base) base = { kind: 'name', name: t.text, const: false };
      else break;
      this.next();
    }
    if (words.length) base = { kind: 'name', name: basicTypeName(words), const: false };
    if (!base) throw new CSyntaxError(`expected a type, found \`${this.peek().text || 'end of file'}\``, this.peek().span);
    return { base: isConst ? { ...base, const: true } as CType : base, typedef };
  }

  /** `struct tag`, `struct [tag] { fields }`, `enum [tag] { members }` (definitions recorded). */
  private tagged(): CType {
    const keyword = this.next();
    const kind = keyword.text as 'struct' | 'union' | 'enum';
    this.skipAttributes();
    const tag = this.peek().kind === 'ident' ? this.next().text : `@anon${++this.anon}`;
    this.skipAttributes();
    if (this.is('{')) {
      if (kind === 'enum') this.decls.push(Object.assign({ kind, tag, members: this.enumerators(), span: keyword.span }, docOf(keyword)));
      else this.decls.push(Object.assign({ kind, tag, fields: this.fields(), span: keyword.span }, docOf(keyword)));
    }
    return { kind, tag, const: false };
  }

  private enumerators(): CEnumerator[] {
    this.expect('{');
    const members: CEnumerator[] = [];
    let next: number | undefined = 0;
    while (!this.is('}')) {
      const name = this.next();
      if (name.kind !== 'ident') throw new CSyntaxError(`expected an enumerator, found \`${name.text}\``, name.span);
      this.skipAttributes();
      let value: number | undefined = next;
      if (this.is('=')) {
        this.next();
        const start = this.i;
        this.skipInitializer();
        if (this.is(';')) throw new CSyntaxError('expected `}` after the enumerators', this.peek().span);
        value = foldInteger(this.tokens.slice(start, this.i).filter((t) => t.kind !== 'define'), this.constants);
      }
      members.push({ name: name.text, value, span: name.span });
      if (value !== undefined) this.constants.set(name.text, value);
      next = value === undefined ? undefined : value + 1;
      if (this.is(',')) this.next();
      else break;
    }
    this.expect('}');
    return members;
  }

  private fields(): CField[] {
    this.expect('{');
    const fields: CField[] = [];
    while (!this.is('}')) {
      const specs = this.specifiers();
      while (!this.is(';')) {
        const d = this.declarator(true);
        if (this.is(':')) { this.next(); this.next(); } // a bit-field's width
        this.skipAttributes();
        if (d.name) fields.push({ name: d.name, type: d.wrap(specs.base), span: d.span });
        if (!this.is(',')) break;
        this.next();
      }
      this.expect(';');
    }
    this.expect('}');
    return fields;
  }

  /** `* const * name [3] (params)` and grouping parentheses; `abstract` allows no name. */
  private declarator(abstract: boolean): Declarator {
    const pointers: boolean[] = [];
    while (this.is('*')) {
      this.next();
      let isConst = false;
      while (this.peek().kind === 'ident' && (QUALIFIERS.has(this.peek().text) || ATTRIBUTES.has(this.peek().text))) {
        if (ATTRIBUTES.has(this.peek().text)) { this.skipAttributes(); continue; }
        isConst ||= this.next().text.endsWith('const');
      }
      pointers.push(isConst);
    }
    this.skipAttributes();
    const span = this.peek().span;
    let inner: Declarator | undefined;
    let name: string | undefined;
    if (this.peek().kind === 'ident') {
      const token = this.next();
      // Only a compiler would reject `typedef double (*double)(...)`; cc -E does not.
      if (isReserved(token.text)) throw new CSyntaxError(`\`${token.text}\` is a keyword, not a name`, token.span);
      name = token.text;
    } else if (this.is('(') && (this.is('*', 1) || this.is('(', 1) || this.is('^', 1))) {
      this.next();
      inner = this.declarator(abstract);
      this.expect(')');
    }
    if (!abstract && !name && !inner?.name) throw new CSyntaxError(`expected a name, found \`${this.peek().text}\``, this.peek().span);
    const suffixes = this.suffixes();
    const wrap = (base: CType): CType => {
      let t = base;
      for (const c of pointers) t = { kind: 'pointer', to: t, const: c };
      for (const s of [...suffixes].reverse()) t = s(t);
      return inner ? inner.wrap(t) : t;
    };
    return { name: name ?? inner?.name, span: inner?.name ? inner.span : span, wrap };
  }

  private suffixes(): Array<(t: CType) => CType> {
    const out: Array<(t: CType) => CType> = [];
    for (;;) {
      if (this.is('[')) {
        const start = this.i;
        this.skipBalanced();
        const size = this.tokens.slice(start + 1, this.i - 1).map((t) => t.text).join(' ');
        out.push((of) => ({ kind: 'array', of, ...(size ? { size } : {}) }));
      } else if (this.is('(')) {
        const { params, variadic } = this.parameters();
        out.push((result) => ({ kind: 'function', result, params, variadic }));
      } else return out;
    }
  }

  private parameters(): { params: CParam[]; variadic: boolean } {
    this.expect('(');
    const params: CParam[] = [];
    let variadic = false;
    if (this.is('void') && this.is(')', 1)) this.next();
    while (!this.is(')')) {
      if (this.is('...')) {
        this.next();
        variadic = true;
        break;
      }
      params.push(this.parameter());
      if (!this.is(',')) break;
      this.next();
    }
    this.expect(')');
    return { params, variadic };
  }

  /** One parameter; an unnamed one takes its name from a comment inside it (`double * /* x * /`). */
  private parameter(): CParam {
    const start = this.i;
    const span = this.peek().span;
    const specs = this.specifiers();
    const d = this.declarator(true);
    this.skipAttributes();
    const type = adjustParameter(d.wrap(specs.base));
    const tokens = this.tokens.slice(start, this.i + 1);
    const name = d.name ?? commentName(tokens);
    const length = commentLength(tokens);
    const at = d.name ? d.span : span;
    return Object.assign({ type, span: at }, name ? { name } : {}, length ? { length } : {});
  }
}

/** A parameter of array type is a pointer; of function type, a pointer to function (C's rules). */
function adjustParameter(t: CType): CType {
  if (t.kind === 'array') return { kind: 'pointer', to: t.of, const: false };
  if (t.kind === 'function') return { kind: 'pointer', to: t, const: false };
  return t;
}

/**
 * A length annotation in a comment of these tokens: `dimension(n)` (F2Py's word) or `[n]`, the
 * expression as written (`1+(n-1)*abs(incx)`), if any.
 */
function commentLength(tokens: readonly CToken[]): string | undefined {
  for (const t of tokens) {
    for (const c of t.comments) {
      const m = /^\s*(?:dimension\s*\((.*)\)|\[(.*)\])\s*$/s.exec(c);
      if (m) return (m[1] ?? m[2])!.trim();
    }
  }
  return undefined;
}

/** The identifier a comment in these tokens holds alone (`/* n * /`), if any. */
function commentName(tokens: readonly CToken[]): string | undefined {
  for (const t of tokens) {
    for (const c of t.comments) {
      const m = /^\s*([A-Za-z_]\w*)\s*$/.exec(c);
      if (m) return m[1];
    }
  }
  return undefined;
}

/**
 * The comment right above a declaration, as its documentation (`/** ... * /`, `// ...`); merged
 * with Object.assign, not a spread, which Node 20 builds slowly (see params.ts).
 */
function docOf(first: CToken): { doc?: string } {
  const last = first.comments[first.comments.length - 1];
  if (last === undefined) return {};
  const lines = last.replace(/^\*+/, '').split('\n').map((l) => l.replace(/^\s*\*?\s?/, '').trimEnd());
  const doc = lines.join('\n').trim();
  return doc ? { doc } : {};
}

/** Tokens of a macro body (a single line of preprocessed text). */
function tokenizeBody(body: string): CToken[] {
  return tokenize(body).filter((t) => t.kind !== 'eof');
}

/** Parses preprocessed, tokenized C; syntax errors are collected, each declaration skipped. */
export function parseC(tokens: readonly CToken[]): { decls: CDecl[]; errors: CSyntaxError[] } {
  const parser = new Parser(tokens);
  parser.run();
  return { decls: parser.decls, errors: parser.errors };
}
