// Runs the IR passes in order: selection, size inference, then what the emitters support
// (routines, module variables, common blocks).

import type { DiagnosticBag } from '../../diag/diagnostic';
import { COMMAND_LINE } from '../../diag/diagnostic';
import type { Interface } from '../types';
import { checkCPointers } from './c-pointers';
import { keepSupportedData } from './data';
import { resolveRecords } from './records';
import { type Selection, selectRoutines } from './select';
import { inferSizes } from './sizes';
import { keepSupported } from './supported';

export type { Selection } from './select';

/** What the passes are told: which routines to wrap, and whether C pointers may go unchecked. */
export interface PassOptions extends Selection {
  readonly uncheckedPointers?: boolean;
}

export function runPasses(iface: Interface, options: PassOptions, bag: DiagnosticBag): Interface {
  const selected = selectRoutines(iface.routines, options, bag);
  const bounded = checkCPointers(selected, options.uncheckedPointers ?? false, bag);
  const routines = keepSupported(resolveRecords(bounded, iface).map(inferSizes), bag);
  const data = keepSupportedData(iface, bag);
  const hasData = data.commons.length > 0 || data.modules.some((m) => m.variables.length > 0);
  if (routines.length === 0 && !hasData && !bag.hasErrors) bag.error('BG007', COMMAND_LINE, 'nothing to wrap: no supported routine found');
  return { ...data, routines };
}
