// Grammar of the statements that define storage and types: COMMON and the TYPE definition header;
// statement.ts decides when they apply, lower.ts (via module-entities.ts and commons.ts) what they mean.

import type { Attribute, CommonGroup, Entity } from './ast';
import type { Cursor } from './cursor';
import { parseAttribute, parseDims } from './decl-syntax';

/** After `common`: `/c1/ a, b(10), /c2/ x`, `// a` or `a, b` (blank common). */
export function parseCommon(c: Cursor): CommonGroup[] {
  const groups: CommonGroup[] = [];
  c.expect('common');
  while (!c.done()) {
    const span = c.span();
    let name = '';
    if (c.accept('//')) name = '';
    else if (c.accept('/')) {
      if (c.atIdent()) name = c.ident().text;
      c.expect('/', "'/' after the common block name");
    } else if (groups.length > 0) c.fail(`expected '/' before a common block name${c.found()}`);
    groups.push({ name, entities: commonEntities(c), span });
  }
  if (groups.length === 0) c.fail('expected a common block name or a variable');
  return groups;
}

/** `a, b(10), c` up to the end or to the next `/name/` (a comma before it is consumed). */
function commonEntities(c: Cursor): Entity[] {
  const entities: Entity[] = [];
  do {
    const name = c.ident('a variable name');
    const e: { -readonly [K in keyof Entity]: Entity[K] } = { name: name.text, span: c.span(name) };
    if (c.at('(')) {
      const open = c.peek()!;
      e.dims = parseDims(c, c.group(), open);
    }
    entities.push(e);
    if (!c.done() && !c.at(',') && !c.at('/') && !c.at('//')) c.fail(`expected ',' or end of statement${c.found()}`);
  } while (c.accept(',') && !c.at('/') && !c.at('//'));
  return entities;
}

export interface TypeHeader {
  readonly name: string;
  readonly attrs: Attribute[];
  readonly params: string[];
}

/** After `type`: `point`, `:: point`, `, bind(c), public :: point`, `, extends(base) :: t(k)`. */
export function parseTypeHeader(c: Cursor): TypeHeader {
  c.expect('type');
  const attrs: Attribute[] = [];
  while (c.accept(',')) attrs.push(parseAttribute(c));
  if (attrs.length > 0) c.expect('::');
  else c.accept('::');
  const name = c.ident('a type name').text;
  const params: string[] = [];
  if (c.at('(')) {
    const sub = c.sub(c.group());
    while (!sub.done()) {
      params.push(sub.ident('a type parameter name').text);
      if (!sub.done()) sub.expect(',');
    }
  }
  if (!c.done()) c.fail(`unexpected '${c.peek()!.text}' after the type name`);
  return { name, attrs, params };
}
