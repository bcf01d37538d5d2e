// Emits the Fortran shim: one `bind(C)` subroutine per routine that calls the user's routine
// (by its Fortran name, or through its module), so C++ never guesses mangling or ABIs.
// Functions become subroutines with a trailing result argument.

import { requireDtype, type Dtype } from '../../ir/dtype';
import type { Arg, Interface, Routine } from '../../ir/types';
import { fortranTypeSpec } from '../fortran-types';
import { generatedBanner, Writer } from '../writer';

/**
 * The shim's type for each dtype and the iso_c_binding kind it imports. LOGICAL(4) has no C
 * kind; it is passed by reference like the 4-byte integer it is (gfortran's layout).
 */
const C_KIND: Readonly<Record<Dtype, readonly [type: string, kind: string, imported: boolean]>> = {
  int8: ['integer', 'c_int8_t', true],
  int16: ['integer', 'c_int16_t', true],
  int32: ['integer', 'c_int32_t', true],
  int64: ['integer', 'c_int64_t', true],
  float32: ['real', 'c_float', true],
  float64: ['real', 'c_double', true],
  complex64: ['complex', 'c_float_complex', true],
  complex128: ['complex', 'c_double_complex', true],
  logical1: ['logical', 'c_bool', true],
  logical4: ['logical', 'kind=4', false],
};

/** The iso_c_binding names an argument's declaration needs. */
function cImports(arg: Arg): string[] {
  const [, kind, imported] = C_KIND[requireDtype(arg)];
  return imported ? [kind] : [];
}

/** The dummy that receives a function's result in the shim. */
export const RESULT_DUMMY = 'bridgegen_result';

/** The C symbol of a routine's shim; unique per generated module. */
export function shimSymbol(moduleName: string, routine: Routine): string {
  return ['bgshim', moduleName, routine.module, routine.name].filter(Boolean).join('_');
}

/**
 * The intent the routine itself declares. Interfaces must match the routine, and F2Py's
 * meaning (`intent(in,out)`, `hide`) is the JS side's business, not the Fortran's.
 */
function intentAttr(arg: Arg): string {
  return arg.declaredIntent ? `, intent(${arg.declaredIntent})` : '';
}

/** The shim's own dummy: C-interoperable, arrays as assumed-size vectors (sequence association). */
function shimDecl(arg: Arg): string {
  const [type, kind] = C_KIND[requireDtype(arg)];
  return `${type}(${kind})${intentAttr(arg)} :: ${arg.name}${arg.rank > 0 ? '(*)' : ''}`;
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

function writeShim(w: Writer, moduleName: string, routine: Routine, index: number): void {
  const fname = `bridgegen_shim_${index}`;
  const dummies = [...routine.args.map((a) => a.name), ...(routine.result ? [RESULT_DUMMY] : [])];
  w.many(wrapStatement(`subroutine ${fname}(${dummies.join(', ')}) bind(C, name='${shimSymbol(moduleName, routine)}')`));
  w.indent(() => {
    // Only the kinds used, so no argument name can clash with an iso_c_binding name.
    const kinds = [...new Set([...routine.args, ...(routine.result ? [routine.result] : [])].flatMap(cImports))];
    if (kinds.length) w.line(`use, intrinsic :: iso_c_binding, only: ${kinds.join(', ')}`);
    if (routine.module) w.line(`use ${routine.module}, only: ${fortranName(routine)}`);
    w.line('implicit none');
    for (const arg of routine.args) w.many(wrapStatement(shimDecl(arg)));
    if (routine.result) w.line(shimDecl({ ...routine.result, name: RESULT_DUMMY, declaredIntent: 'out' }));
    declareTarget(w, routine);
    const actuals = routine.args.map((a) => a.name).join(', ');
    const call = routine.result ? `${RESULT_DUMMY} = ${fortranName(routine)}(${actuals})` : `call ${fortranName(routine)}(${actuals})`;
    w.many(wrapStatement(call));
  });
  w.line(`end subroutine ${fname}`);
}

export function emitFortranShim(moduleName: string, iface: Interface): string {
  const w = new Writer();
  w.line(generatedBanner('!'));
  w.line(`! The bind(C) side of module \`${moduleName}\`: one wrapper per routine.`);
  iface.routines.forEach((routine, i) => {
    w.line();
    writeShim(w, moduleName, routine, i + 1);
  });
  return w.toString();
}
