// F2Py's `depend(...)`, derived from the expressions: the order in which computed defaults are
// evaluated (each after the scalars it reads), or the cycle that makes an order impossible.

import { scalarNames } from './value-expr';
import type { Arg, Routine } from './types';

export type DefaultOrder = { readonly order: readonly Arg[] } | { readonly cycle: readonly string[] };

/** Arguments with an `expr` default. */
function computed(routine: Routine): Map<string, Arg & { default: { kind: 'expr' } }> {
  const map = new Map<string, Arg & { default: { kind: 'expr' } }>();
  for (const arg of routine.args) if (arg.default?.kind === 'expr') map.set(arg.name, arg as Arg & { default: { kind: 'expr' } });
  return map;
}

/**
 * The arguments with computed (`expr`) defaults, each after the computed ones it reads, otherwise
 * in declaration order; other arguments are read before any of them.
 */
export function defaultOrder(routine: Routine): DefaultOrder {
  const pending = computed(routine);
  const order: Arg[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: readonly string[]): readonly string[] | undefined => {
    const arg = pending.get(name);
    if (!arg || state.get(name) === 'done') return undefined;
    if (state.get(name) === 'visiting') return [...path.slice(path.indexOf(name)), name];
    state.set(name, 'visiting');
    for (const next of scalarNames(arg.default.expr)) {
      const cycle = visit(next, [...path, name]);
      if (cycle) return cycle;
    }
    state.set(name, 'done');
    order.push(arg);
    return undefined;
  };
  for (const name of pending.keys()) {
    const cycle = visit(name, []);
    if (cycle) return { cycle };
  }
  return { order };
}
