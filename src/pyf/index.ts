// Front end for F2Py signature files (.pyf): the Fortran front end reads the routines once
// blocks.ts has unwrapped them; F2Py-only directives are applied to the IR here.

import type { DiagnosticBag } from '../diag/diagnostic';
import type { SourceFile } from '../fortran';
import { lowerSources } from '../fortran/lower';
import { parseSource } from '../fortran/parser';
import { splitFree } from '../fortran/source-form';
import type { Interface, Routine } from '../ir/types';
import { type RoutineDirectives, unwrapSignature } from './blocks';

export interface SignatureInterface extends Interface {
  /** The `python module` name of the first file that gives one. */
  readonly moduleName?: string;
}

function applyDirectives(routine: Routine, d: RoutineDirectives | undefined, bag: DiagnosticBag): Routine | undefined {
  if (d?.refused) {
    bag.warning('BG003', routine.span, `routine \`${routine.name}\` skipped: ${d.refused}`);
    return undefined;
  }
  return d?.fortranName && d.fortranName !== routine.name ? { ...routine, fortranName: d.fortranName } : routine;
}

/** Reads signature files into the IR; problems go to `bag`, never thrown. */
export function readSignatureFiles(files: readonly SourceFile[], bag: DiagnosticBag): SignatureInterface {
  const unwrapped = files.map((f) => ({ file: f, ...unwrapSignature(splitFree(f.path, f.text), bag) }));
  const asts = unwrapped.map((u) => parseSource(u.file.path, u.source, bag));
  const iface = lowerSources(asts, bag);
  const directives = new Map(unwrapped.flatMap((u) => [...u.directives]));
  const routines = iface.routines
    .map((r) => applyDirectives(r, directives.get(r.name), bag))
    .filter((r): r is Routine => r !== undefined);
  const moduleName = unwrapped.find((u) => u.moduleName)?.moduleName;
  return { ...iface, routines, ...(moduleName ? { moduleName } : {}) };
}
