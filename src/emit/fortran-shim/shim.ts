// Emits the Fortran shim: one `bind(C)` subroutine per routine that calls the user's routine
// (by its Fortran name, or through its module), so C++ never guesses mangling or ABIs.
// Functions become subroutines with a trailing result argument.

import type { Interface, Routine } from '../../ir/types';
import { fortranTypeSpec } from '../fortran-types';
import { generatedBanner, Writer } from '../writer';
import { fortranExpr } from '../expr';
import { type Marshal, marshalArg, marshalResult } from './marshal';
import { writeVariableAccessors } from './variables';

/** The dummy that receives a function's result in the shim. */
export const RESULT_DUMMY = 'bridgegen_result';

/** The C symbol of a routine's shim; unique per generated module. */
export function shimSymbol(moduleName: string, routine: Routine): string {
  return ['bgshim', moduleName, routine.module, routine.name].filter(Boolean).join('_');
}

/** Splits a long statement at commas with `&` continuations (free form allows 132 columns). */
export function wrapStatement(text: string, width = 100): string[] {
  if (text.length <= width) return [text];
  const out: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const cut = rest.lastIndexOf(',', width);
    if (cut <= 0) break;
    out.push(`${rest.slice(0, cut + 1)} &`);
    rest = `    ${rest.slice(cut + 1).trimStart()}`;
  }
  out.push(rest);
  return out;
}

/**
 * How the shim sees the user's routine. External procedures are called through an implicit
 * interface (functions declare their result type): the dummies wrapped so far are explicit-shape
 * or assumed-size, passed by sequence association, and an implicit interface cannot contradict
 * the routine's own declarations (F2Py's `dimension(...)` and `intent(...)` directives may
 * differ from them). Module procedures come with their module's explicit interface.
 */
function declareTarget(w: Writer, routine: Routine): void {
  if (routine.module) return;
  const result = routine.result;
  const name = fortranName(routine);
  w.line(result ? `${fortranTypeSpec(result)}, external :: ${name}` : `external :: ${name}`);
}

/** The routine's name in Fortran (F2Py's `fortranname` may differ from the JS name). */
function fortranName(routine: Routine): string {
  return routine.fortranName ?? routine.name;
}

/**
 * What the shim passes: each argument in order, or the `callstatement`'s list, where an offset
 * array is passed from its element `off+1` on (sequence association, as F2Py's `x+offx`).
 */
function actualArguments(routine: Routine, parts: readonly Marshal[]): string[] {
  if (!routine.callArgs) return parts.map((p) => p.actual);
  return routine.callArgs.map(({ name, offset }) => {
    const actual = parts[routine.args.findIndex((a) => a.name === name)]!.actual;
    return offset ? `${actual}(${fortranExpr({ op: '+', left: offset, right: { op: 'int', value: 1 } })})` : actual;
  });
}

/** The internal procedure that calls the routine when an argument needs it (marshalCharArray). */
const INTERNAL_CALL = 'bridgegen_call';

function writeShim(w: Writer, moduleName: string, routine: Routine, index: number): void {
  const fname = `bridgegen_shim_${index}`;
  const parts = routine.args.map((a, i) => marshalArg(a, i + 1, routine.module !== undefined));
  const result = routine.result ? marshalResult(routine.result, RESULT_DUMMY) : undefined;
  const all = result ? [...parts, result] : parts;
  const internal = parts.flatMap((p) => (p.internal ? [p] : []));
  const dummies = all.flatMap((p) => p.dummies);
  const actuals = actualArguments(routine, parts).join(', ');
  const call = result ? `${result.actual} = ${fortranName(routine)}(${actuals})` : `call ${fortranName(routine)}(${actuals})`;
  w.many(wrapStatement(`subroutine ${fname}(${dummies.join(', ')}) bind(C, name='${shimSymbol(moduleName, routine)}')`));
  w.indent(() => {
    // Only the kinds used, so no argument name can clash with an iso_c_binding name.
    const kinds = [...new Set(all.flatMap((p) => p.imports))];
    if (kinds.length) w.many(wrapStatement(`use, intrinsic :: iso_c_binding, only: ${kinds.join(', ')}`));
    if (routine.module) w.line(`use ${routine.module}, only: ${fortranName(routine)}`);
    for (const [module, name] of all.flatMap((p) => p.uses ?? [])) w.line(`use ${module}, only: ${name}`);
    w.line('implicit none');
    for (const line of all.flatMap((p) => p.declarations)) w.many(wrapStatement(line));
    declareTarget(w, routine);
    w.many(all.flatMap((p) => p.before));
    w.many(wrapStatement(internal.length ? `call ${INTERNAL_CALL}(${internal.map((p) => p.internal!.passed).join(', ')})` : call));
    w.many(all.flatMap((p) => p.after));
  });
  if (internal.length) {
    // Everything else reaches the routine by host association.
    w.line('contains');
    w.indent(() => {
      w.many(wrapStatement(`subroutine ${INTERNAL_CALL}(${internal.map((p) => p.actual).join(', ')})`));
      w.indent(() => {
        for (const p of internal) w.many(wrapStatement(p.internal!.declaration));
        w.many(wrapStatement(call));
      });
      w.line(`end subroutine ${INTERNAL_CALL}`);
    });
  }
  w.line(`end subroutine ${fname}`);
}

/**
 * `--catch-xerbla`: LAPACK's error handler, replaced. LAPACK and the BLAS call `xerbla` on an
 * illegal argument; this one hands the report to the runtime (which throws it at the caller)
 * and returns, where the library's own prints and may stop the process.
 */
function writeXerbla(w: Writer): void {
  w.line();
  w.line('subroutine xerbla(srname, info)');
  w.indent(() => {
    w.line('use, intrinsic :: iso_c_binding, only: c_char, c_int, c_int64_t');
    w.line('implicit none');
    w.line('character(len=*), intent(in) :: srname');
    w.line('integer, intent(in) :: info');
    w.line('interface');
    w.line("  subroutine bridgegen_xerbla(name, len, info) bind(C, name='bridgegen_xerbla')");
    w.line('    import :: c_char, c_int, c_int64_t');
    w.line('    character(kind=c_char), intent(in) :: name(*)');
    w.line('    integer(c_int64_t), value :: len');
    w.line('    integer(c_int), value :: info');
    w.line('  end subroutine bridgegen_xerbla');
    w.line('end interface');
    w.line('call bridgegen_xerbla(srname, int(len(srname), c_int64_t), int(info, c_int))');
  });
  w.line('end subroutine xerbla');
}

export function emitFortranShim(moduleName: string, iface: Interface, catchXerbla = false): string {
  const w = new Writer();
  w.line(generatedBanner('!'));
  w.line(`! The bind(C) side of module \`${moduleName}\`: one wrapper per routine.`);
  iface.routines.forEach((routine, i) => {
    if (routine.language === 'c') return; // the C shim's (c-shim/shim.ts)
    w.line();
    writeShim(w, moduleName, routine, i + 1);
  });
  writeVariableAccessors(w, moduleName, iface);
  if (catchXerbla) writeXerbla(w);
  return w.toString();
}
