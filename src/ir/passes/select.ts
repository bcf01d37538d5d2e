// F2Py's `only:` / `skip:` (--only, --skip): chooses which routines to wrap. A name that no
// routine has is an error, so a typo does not silently wrap nothing or everything.

import type { DiagnosticBag } from '../../diag/diagnostic';
import { COMMAND_LINE } from '../../diag/diagnostic';
import type { Routine } from '../types';

export interface Selection {
  readonly only?: readonly string[];
  readonly skip?: readonly string[];
}

export function selectRoutines(routines: readonly Routine[], selection: Selection, bag: DiagnosticBag): Routine[] {
  const known = new Set(routines.map((r) => r.name));
  for (const [flag, names] of [['--only', selection.only], ['--skip', selection.skip]] as const) {
    for (const name of names ?? []) {
      if (!known.has(name.toLowerCase())) bag.error('BG006', COMMAND_LINE, `${flag}: no routine named \`${name}\``);
    }
  }
  const only = selection.only?.map((n) => n.toLowerCase());
  const skip = new Set(selection.skip?.map((n) => n.toLowerCase()));
  return routines.filter((r) => (only === undefined || only.includes(r.name)) && !skip.has(r.name));
}
