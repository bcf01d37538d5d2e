// Grammar of the pieces of a declaration: type specs, attributes, entity lists, array specs;
// which statement they belong to is decided in statement.ts.

import type { Attribute, DimSpec, Entity, RawExpr, TypeName, TypeSpec } from './ast';
import { Cursor, indexTop, splitTop } from './cursor';
import type { Token } from './lexer';

const INTRINSIC_TYPES = new Set(['integer', 'real', 'complex', 'logical', 'character', 'doubleprecision', 'doublecomplex']);

/** The cursor is at the start of a type spec. */
export function atTypeSpec(c: Cursor): boolean {
  const t = c.peek();
  if (!t || t.kind !== 'ident') return false;
  if (INTRINSIC_TYPES.has(t.text)) return true;
  if (t.text === 'double') return c.at('precision', 1) || c.at('complex', 1);
  if (t.text === 'type' || t.text === 'class' || t.text === 'procedure') return c.at('(', 1);
  return false;
}

/** `real(8)`, `real*8`, `double precision`, `character(len=*, kind=1)`, `character*(*)`, `type(t)`. */
export function parseTypeSpec(c: Cursor): TypeSpec {
  const first = c.ident('a type');
  const span = c.span(first);
  let name = first.text;
  if (name === 'double') name = 'double' + c.ident("'precision' or 'complex'").text;
  if (name === 'type' || name === 'class' || name === 'procedure') {
    const inner = c.group();
    return { name: name as TypeName, derived: inner.map((t) => t.text).join(''), span };
  }
  if (!INTRINSIC_TYPES.has(name)) c.fail(`unknown type '${name}'`, first);
  const type: { -readonly [K in keyof TypeSpec]: TypeSpec[K] } = { name: name as TypeName, span };
  if (c.at('*')) {
    const sel = starSelector(c, 'a size');
    if (name === 'character') type.len = sel;
    else type.star = sel;
  } else if (c.at('(')) {
    const open = c.peek()!;
    parseSelector(c, c.group(), open, type);
  }
  return type;
}

/** `*8`, `*(*)`, `*(n+1)` after a type or a character entity. */
function starSelector(c: Cursor, what: string): RawExpr {
  const star = c.expect('*');
  if (c.at('(')) return c.raw(c.group(), star);
  const t = c.peek();
  if (t?.kind !== 'int') c.fail(`expected ${what} after '*'${c.found()}`);
  c.i++;
  return c.raw([t]);
}

/** `(8)`, `(kind=8)`, `(len=n, kind=1)`, `(*)`, `(10, 1)` */
function parseSelector(c: Cursor, inner: Token[], open: Token, type: { name: TypeName; kind?: RawExpr; len?: RawExpr }): void {
  if (inner.length === 0) c.fail('empty type selector', open);
  splitTop(inner).forEach((item, pos) => {
    if (item.length === 0) c.fail('empty item in type selector', open);
    let key: string;
    let value = item;
    if (item[0]!.kind === 'ident' && item[1]?.text === '=' && item[1].kind === 'op') {
      key = item[0]!.text;
      value = item.slice(2);
      if (key !== 'kind' && key !== 'len') c.fail(`unknown type selector '${key}'`, item[0]);
    } else key = type.name === 'character' && pos === 0 ? 'len' : 'kind';
    if (value.length === 0) c.fail(`missing value for '${key}'`, item[0]);
    if (key === 'len') type.len = c.raw(value);
    else type.kind = c.raw(value);
  });
}

/** One attribute after a type spec or as a statement keyword: `dimension(n)`, `intent(in)`, `optional`. */
export function parseAttribute(c: Cursor): Attribute {
  const t = c.ident('an attribute');
  const span = c.span(t);
  if (t.text === 'dimension') {
    if (!c.at('(')) c.fail(`expected '(' after 'dimension'${c.found()}`);
    const open = c.peek()!;
    return { kind: 'dimension', dims: parseDims(c, c.group(), open), span };
  }
  if (t.text === 'intent') {
    if (!c.at('(')) c.fail(`expected '(' after 'intent'${c.found()}`);
    const open = c.peek()!;
    const words = splitTop(c.group()).map((item) => item.map((x) => x.text).join(''));
    // F2Py adds `out=name` (the result's name) to the words.
    if (words.some((w) => !/^([a-z_]+|out=[a-z_][a-z0-9_]*)$/.test(w))) c.fail('expected intent(in), intent(out) or intent(inout)', open);
    return { kind: 'intent', words, span };
  }
  if (c.at('(')) {
    const open = c.peek()!;
    return { kind: 'simple', name: t.text, args: c.raw(c.group(), open), span };
  }
  return { kind: 'simple', name: t.text, span };
}

/** A lone `*`: an assumed-size bound. */
function isStar(ts: readonly Token[]): boolean {
  return ts.length === 1 && ts[0]!.text === '*' && ts[0]!.kind === 'op';
}

/** The dimensions inside `( ... )`: `n`, `-2:n`, `*`, `1:*`, `:`, `0:`. */
export function parseDims(c: Cursor, inner: readonly Token[], open: Token): DimSpec[] {
  if (inner.length === 0) c.fail('empty array specification', open);
  return splitTop(inner).map((item) => {
    if (item.length === 0) c.fail('empty dimension in array specification', open);
    const text = item.map((t) => t.text).join('');
    const span = c.span(item[0]);
    const colon = indexTop(item, ':');
    if (colon < 0) {
      if (isStar(item)) return { text, form: 'assumed-size', span };
      return { text, upper: c.raw(item), form: 'explicit', span };
    }
    const lo = item.slice(0, colon);
    const hi = item.slice(colon + 1);
    const lower = lo.length > 0 ? c.raw(lo) : undefined;
    const base = lower ? { text, lower, span } : { text, span };
    if (hi.length === 0) return { ...base, form: 'assumed-shape' };
    if (isStar(hi)) return { ...base, form: 'assumed-size' };
    return { ...base, upper: c.raw(hi), form: 'explicit' };
  });
}

/** `a(n, *), b(2*n+1), c*10, d = 3, p => null()`, up to the end of the statement. */
export function parseEntities(c: Cursor): Entity[] {
  const entities: Entity[] = [];
  if (c.done()) c.fail('expected a name');
  do {
    const name = c.ident();
    const e: { -readonly [K in keyof Entity]: Entity[K] } = { name: name.text, span: c.span(name) };
    if (c.at('(')) {
      const open = c.peek()!;
      e.dims = parseDims(c, c.group(), open);
    }
    if (c.at('*')) e.charLen = starSelector(c, 'a length');
    if (c.at('=') || c.at('=>')) {
      const eq = c.peek()!;
      c.i++;
      const value = c.untilComma();
      if (value.length === 0) c.fail('expected a value after ' + `'${eq.text}'`, eq);
      e.init = c.raw(value);
    } else if (c.at('/')) skipDataInit(c);
    entities.push(e);
    if (!c.done() && !c.at(',')) c.fail(`expected ',' or end of statement${c.found()}`);
  } while (c.accept(','));
  return entities;
}

/** Old-style `integer n /3/` initial values: skipped. */
function skipDataInit(c: Cursor): void {
  c.expect('/');
  while (!c.done() && !c.at('/')) c.i++;
  c.expect('/');
}
