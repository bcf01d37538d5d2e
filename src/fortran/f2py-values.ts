// F2Py's value attributes -> IR: a directive initializer becomes a default (a constant, an array
// extent, or any other expression), `check(...)` attributes become the routine's checks. Whether
// they can be evaluated before the call is decided later (ir/passes/supported.ts).

import type { DiagnosticBag } from '../diag/diagnostic';
import type { Check, DefaultValue } from '../ir/types';
import type { Attribute, RawExpr, Stmt } from './ast';
import { splitTop } from './cursor';
import { parseExpr } from './expr';
import type { Token } from './lexer';

/**
 * An F2Py default: a constant, `len(x)` or `shape(x, k)` (0-based k) or `size(x, k)` (1-based)
 * as an extent, anything else parsed as an expression; undefined when it does not parse.
 */
export function lowerDefault(init: RawExpr): DefaultValue | undefined {
  const r = parseExpr(init.tokens);
  if (!('expr' in r)) return undefined;
  const e = r.expr;
  if (e.op === 'int') return { kind: 'constant', value: e.value };
  const [of, k] = e.op === 'call' ? e.args : [];
  if (e.op === 'call' && of?.op === 'name') {
    if (e.name === 'len' && e.args.length === 1) return { kind: 'extent', array: of.name, dim: 0 };
    if (e.name === 'shape' && k?.op === 'int' && e.args.length === 2) return { kind: 'extent', array: of.name, dim: k.value };
    if (e.name === 'size' && k?.op === 'int' && e.args.length === 2) return { kind: 'extent', array: of.name, dim: k.value - 1 };
  }
  return { kind: 'expr', expr: e, text: writtenText(init.tokens) };
}

/** Tokens as written: one blank wherever the source had blanks between them (names lower-cased). */
function writtenText(tokens: readonly Token[]): string {
  return tokens.map((t, i) => {
    const prev = tokens[i - 1];
    return prev && t.offset > prev.offset + prev.text.length ? ` ${t.text}` : t.text;
  }).join('');
}

/** The `check(...)` attributes of a statement, with the entity they are written on. */
function checkAttrs(st: Stmt): { attr: Attribute & { kind: 'simple' }; entity?: string }[] {
  const attrs = st.kind === 'decl' ? st.attrs : st.kind === 'attr' ? [st.attr] : [];
  const entity = st.kind === 'decl' || st.kind === 'attr' ? st.entities[0]?.name : undefined;
  return attrs
    .filter((a): a is Attribute & { kind: 'simple' } => a.kind === 'simple' && a.name === 'check' && a.args !== undefined)
    .map((attr) => (entity ? { attr, entity } : { attr }));
}

/**
 * Every `check(...)` of a routine body, in source order (several conditions may share one
 * attribute, comma-separated, as F2Py allows; repeats are kept once). A condition that does not
 * parse cannot be verified, so the routine is skipped (undefined, reported as BG003).
 */
export function lowerChecks(body: readonly Stmt[], bag: DiagnosticBag, what: string): Check[] | undefined {
  const checks: Check[] = [];
  for (const st of body) {
    for (const { attr, entity } of checkAttrs(st)) {
      for (const tokens of splitTop(attr.args!.tokens)) {
        const text = writtenText(tokens);
        const r = parseExpr(tokens);
        if (!('expr' in r)) {
          bag.warning('BG003', attr.args!.span, `check(${text}) of ${what} is not supported (${r.error}); the routine is skipped`);
          return undefined;
        }
        if (!checks.some((c) => c.text === text)) checks.push({ expr: r.expr, text, ...(entity ? { arg: entity } : {}), span: attr.args!.span });
      }
    }
  }
  return checks;
}
