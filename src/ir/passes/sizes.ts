// Size inference (contract 1.3): an integer argument used as a whole dimension of an input
// array becomes optional and defaults to that array's extent. Sizes of outputs stay required.
// Not for the functions of a C header: they keep their prototype's parameters, in its order, as
// C callers know them (whether a size could be inferred depends on which length convention
// matched, so inference would move parameters unpredictably); a signature file hides sizes.

import { isInput, isParam } from '../convention';
import type { Arg, DefaultValue, Routine } from '../types';

function isSizeCandidate(arg: Arg): boolean {
  return (
    arg.type === 'integer' && arg.rank === 0 && !arg.returned && arg.default === undefined &&
    !arg.fortranOptional && (arg.intent === 'in' || arg.intent === null)
  );
}

/** The first input array dimension spelled exactly `1:name` (or just `name`). */
function extentSource(routine: Routine, name: string): DefaultValue | undefined {
  for (const array of routine.args) {
    // An optional array may be absent, so it cannot be the source of a size.
    if (array.rank === 0 || !isInput(array) || !isParam(array) || array.fortranOptional) continue;
    const dim = array.bounds.findIndex(
      (b) =>
        b.form === 'explicit' && b.lower.op === 'int' && b.lower.value === 1 &&
        b.upper !== null && b.upper.op === 'name' && b.upper.name === name,
    );
    if (dim >= 0) return { kind: 'extent', array: array.name, dim };
  }
  return undefined;
}

export function inferSizes(routine: Routine): Routine {
  if (routine.header !== undefined) return routine;
  const args = routine.args.map((arg) => {
    if (!isSizeCandidate(arg)) return arg;
    const source = extentSource(routine, arg.name);
    return source ? { ...arg, optional: true, default: source } : arg;
  });
  return { ...routine, args };
}
