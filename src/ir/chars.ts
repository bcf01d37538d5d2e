// CHARACTER lengths as the emitters need them: a constant, or `*` (the caller's string decides).

import type { Arg } from './types';

/** A constant length, `'*'` for `len=*`, or undefined when the length is an expression. */
export function charLength(arg: Pick<Arg, 'charLen'>): number | '*' | undefined {
  const text = arg.charLen ?? '1';
  if (text === '*') return '*';
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

export function isChars(arg: Pick<Arg, 'type'>): boolean {
  return arg.type === 'character';
}
