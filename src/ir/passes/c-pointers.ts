// C functions whose pointer arguments have no known length (no convention or signature file
// says how much they touch): refused with a warning that says how to give the length, or, with
// --unchecked-pointers, kept with those arguments marked `unchecked` (the .d.ts says @unsafe).

import * as path from 'node:path';
import type { DiagnosticBag } from '../../diag/diagnostic';
import type { Arg, Routine } from '../types';
import { boundedByCheck } from '../value-expr';

/** A C array argument whose extent nothing states (nor a `check(len(x)>...)` of a signature file). */
function unknownLength(arg: Arg, routine: Routine): boolean {
  return arg.rank > 0 && arg.bounds.some((b) => b.form === 'assumed-size') && !boundedByCheck(arg, routine);
}

function howToFix(routine: Routine, arg: Arg): string {
  const header = path.basename(routine.header ?? 'mylib.h');
  const pyf = header.replace(/\.h$/, '.pyf');
  return `pointer argument \`${arg.name}\` of C function \`${routine.fortranName ?? routine.name}\` has no known length, so the call cannot be ` +
    `checked: write its length in a signature file (\`bridgegen sig ${header} -o ${pyf}\`, replace \`dimension(*)\` of \`${arg.name}\` ` +
    `by its length in the other arguments, e.g. \`dimension(n)\`, then build from \`${pyf}\`), or annotate it in the header ` +
    `(\`${arg.name} /* dimension(n) */\`), or pass --unchecked-pointers to wrap it unchecked`;
}

export function checkCPointers(routines: readonly Routine[], unchecked: boolean, bag: DiagnosticBag): Routine[] {
  return routines.flatMap((routine) => {
    const unknown = routine.language === 'c' ? routine.args.filter((a) => unknownLength(a, routine)) : [];
    if (unknown.length === 0) return [routine];
    if (unchecked) return [{ ...routine, args: routine.args.map((a) => (unknownLength(a, routine) ? { ...a, unchecked: true } : a)) }];
    bag.warning('BG003', routine.span, `routine \`${routine.name}\` skipped: ${howToFix(routine, unknown[0])}`);
    return [];
  });
}
