// Common blocks -> IR: gathers the `common` statements of routines and modules, types each member from
// the declarations of the unit where it appears, and keeps the first layout of each block.

import type { DiagnosticBag } from '../diag/diagnostic';
import type { CommonBlock, CommonVariable, Span } from '../ir/types';
import type { Entity, Stmt } from './ast';
import { lowerDataDecl } from './data-decl';
import type { DocIndex } from './docs';
import type { Scope } from './kinds';
import { collectSymbols } from './symbols';
import type { ImplicitRules } from './typing';

/** One program unit whose specification part may hold `common` statements. */
export interface CommonUnit {
  readonly body: readonly Stmt[];
  /** e.g. `subroutine 'foo'` */
  readonly what: string;
  readonly docs: DocIndex;
  readonly scope: Scope;
  readonly rules: ImplicitRules;
}

interface Seen {
  readonly block: CommonBlock;
  readonly where: string;
}

/** Collects common blocks in order of first appearance; the first unit that declares a block gives its layout. */
export class CommonCollector {
  private readonly blocks = new Map<string, Seen>();
  constructor(private readonly bag: DiagnosticBag) {}

  add(unit: CommonUnit): void {
    const groups = groupsOf(unit.body);
    if (groups.size === 0) return;
    const syms = collectSymbols(unit.body, unit.docs);
    for (const [name, { entities, span }] of groups) {
      const label = name === '' ? 'blank common' : `common block /${name}/`;
      const consequence = `this declaration of ${label} is left out`;
      const variables: CommonVariable[] = [];
      for (const e of entities) {
        const what = `variable '${e.name}' of ${label} in ${unit.what}`;
        const v = lowerDataDecl(e.name, syms.get(e.name), e.span, what, { bag: this.bag, scope: unit.scope, rules: unit.rules, consequence }, e.dims);
        if (!v) break;
        variables.push(v);
      }
      if (variables.length === entities.length) this.merge({ name, variables, span }, unit.what, label);
    }
  }

  /** The blocks found, in order of first appearance. */
  result(): CommonBlock[] {
    return [...this.blocks.values()].map((s) => s.block);
  }

  private merge(block: CommonBlock, where: string, label: string): void {
    const first = this.blocks.get(block.name);
    if (!first) {
      this.blocks.set(block.name, { block, where });
      return;
    }
    if (layout(first.block) !== layout(block)) {
      const at = `${first.block.span.file}:${first.block.span.line}`;
      this.bag.warning('BG008', block.span, `${label} is declared differently in ${where} than in ${first.where} (${at}); the first declaration is used`);
    }
  }
}

/** The members of each block named by the `common` statements of one unit (a block may be continued). */
function groupsOf(body: readonly Stmt[]): Map<string, { entities: Entity[]; span: Span }> {
  const groups = new Map<string, { entities: Entity[]; span: Span }>();
  for (const s of body) {
    if (s.kind !== 'common') continue;
    for (const g of s.groups) {
      const seen = groups.get(g.name);
      if (seen) seen.entities.push(...g.entities);
      else groups.set(g.name, { entities: [...g.entities], span: g.span });
    }
  }
  return groups;
}

/** What must agree between two declarations of one block: types, kinds and shapes (names may differ). */
function layout(b: CommonBlock): string {
  return JSON.stringify(b.variables.map((v) => [v.type, v.kind, v.bounds, v.charLen ?? '']));
}
