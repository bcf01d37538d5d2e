// Front end for F2Py signature files (.pyf): the Fortran front end reads the routines once
// blocks.ts has unwrapped them; F2Py-only directives are applied to the IR here.

import type { DiagnosticBag } from '../diag/diagnostic';
import type { SourceFile } from '../fortran';
import { lowerSources } from '../fortran/lower';
import { parseSource } from '../fortran/parser';
import { splitFree } from '../fortran/source-form';
import { exprText } from '../fortran/expr';
import type { Check, Expr, Interface, Routine } from '../ir/types';
import { type RoutineDirectives, unwrapSignature } from './blocks';
import type { CallStatement } from './callstatement';
import { expandTemplate, TemplateError } from './template';
import { lowerUserModules, withUserCallbacks } from './user-routines';

export interface SignatureInterface extends Interface {
  /** The `python module` name of the first file that gives one. */
  readonly moduleName?: string;
}

/** Why a `callstatement`'s call does not fit the routine, or undefined. */
function callProblem(routine: Routine, call: CallStatement): string | undefined {
  if (call.result !== undefined && call.result !== routine.result?.name) {
    return `its \`callstatement\` assigns \`${call.result}\`, which is not the function's result`;
  }
  for (const actual of call.args) {
    const arg = routine.args.find((a) => a.name === actual.name);
    if (!arg) return `its \`callstatement\` passes \`${actual.name}\`, which is not an argument`;
    if (actual.offset && arg.rank === 0) return `its \`callstatement\` offsets \`${actual.name}\`, which is not an array`;
  }
  return undefined;
}

/**
 * An offset must stay inside its array whatever else the signature checks: `0 <= off <= len(x)`
 * (equal to the length only addresses the end, as an empty vector does).
 */
function offsetChecks(routine: Routine, call: CallStatement): Check[] {
  return call.args.flatMap(({ name, offset }) => {
    if (!offset) return [];
    const size: Expr = { op: 'call', name: 'size', args: [{ op: 'name', name }] };
    const expr: Expr = { op: 'and', left: { op: '>=', left: offset, right: { op: 'int', value: 0 } }, right: { op: '<=', left: offset, right: size } };
    return [{ expr, text: `0<=${exprText(offset)}<=size(${name})`, arg: name, span: routine.span }];
  });
}

/** Documentation plus a note: the note follows as its own paragraph. */
function withNote(doc: string | undefined, note: string | undefined): string | undefined {
  return note === undefined ? doc : doc ? `${doc}\n\n${note}` : note;
}

/** F2Py's `note(...)` texts become the docs of the arguments, result and routine they name. */
function applyNotes(routine: Routine, notes: ReadonlyMap<string, string> | undefined): Routine {
  if (!notes) return routine;
  const noted = <T extends { readonly name: string; readonly doc?: string }>(x: T): T => {
    const doc = withNote(x.doc, notes.get(x.name));
    return doc === x.doc ? x : { ...x, doc };
  };
  const routineNote = withNote(routine.doc, notes.get(routine.name));
  return {
    ...routine,
    args: routine.args.map(noted),
    ...(routine.result ? { result: noted(routine.result) } : {}),
    ...(routineNote ? { doc: routineNote } : {}),
  };
}

function applyDirectives(found: Routine, d: RoutineDirectives | undefined, bag: DiagnosticBag): Routine | undefined {
  const refused = d?.refused ?? (d?.call && callProblem(found, d.call));
  if (refused) {
    bag.warning('BG003', found.span, `routine \`${found.name}\` skipped: ${refused}`);
    return undefined;
  }
  const routine = applyNotes(found, d?.notes);
  const named = d?.fortranName && d.fortranName !== routine.name ? { ...routine, fortranName: d.fortranName } : routine;
  if (!d?.call) return named;
  const checks = [...(routine.checks ?? []), ...offsetChecks(routine, d.call)];
  return { ...named, callArgs: d.call.args, ...(checks.length ? { checks } : {}) };
}

/** A signature file as read: a `.pyf.src` template stands for its expansion. */
function expanded(file: SourceFile, bag: DiagnosticBag): SourceFile[] {
  if (!file.path.endsWith('.src')) return [file];
  try {
    return expandTemplate(file);
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    bag.error('BG002', { file: file.path, line: e.line, col: 1 }, e.message);
    return [];
  }
}

/** Reads signature files into the IR; problems go to `bag`, never thrown. */
export function readSignatureFiles(files: readonly SourceFile[], bag: DiagnosticBag): SignatureInterface {
  const unwrapped = files.flatMap((f) => expanded(f, bag)).map((f) => ({ file: f, ...unwrapSignature(splitFree(f.path, f.text), bag) }));
  const asts = unwrapped.map((u) => parseSource(u.file.path, u.source, bag));
  const iface = lowerSources(asts, bag);
  const directives = new Map(unwrapped.flatMap((u) => [...u.directives]));
  const userModules = lowerUserModules(unwrapped.flatMap((u) => u.userModules), bag);
  const routines = iface.routines
    .map((r) => applyDirectives(withUserCallbacks(r, directives.get(r.name)?.uses, userModules, bag), directives.get(r.name), bag))
    .filter((r): r is Routine => r !== undefined);
  const moduleName = unwrapped.find((u) => u.moduleName)?.moduleName;
  return { ...iface, routines, ...(moduleName ? { moduleName } : {}) };
}
