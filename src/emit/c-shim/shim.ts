// Emits the C shim: for each C function (F2Py's `intent(c)` routines, prototypes from C headers)
// a wrapper with the same every-argument-by-address signature as a Fortran shim, so the addon's
// frames call both alike. The wrapper is C, compiled by the C compiler against the function's
// own prototype (its header, else one written from the IR): the compiler converts each argument
// to the declared parameter type (an `int` to an enum, `int64_t` to `size_t`), never a guess here.

import { isChars } from '../../ir/chars';
import { requireDtype, type Dtype } from '../../ir/dtype';
import type { Arg, Expr, Interface, Routine } from '../../ir/types';
import { printInfix } from '../expr';
import { shimSymbol } from '../fortran-shim/shim';
import { generatedBanner, Writer } from '../writer';

/** C spellings of the element types; layout-compatible with the addon's C++ ones (ctypes.ts). */
const C_TYPE: Readonly<Record<Dtype, string>> = {
  int8: 'int8_t',
  int16: 'int16_t',
  int32: 'int32_t',
  int64: 'int64_t',
  float32: 'float',
  float64: 'double',
  complex64: 'float _Complex',
  complex128: 'double _Complex',
  logical1: 'uint8_t',
  logical4: 'int32_t',
  chars: 'char',
};

function cType(arg: Arg): string {
  return C_TYPE[requireDtype(arg)];
}

/** Wrapper parameter names are prefixed: a Fortran name may be a C keyword or the function's. */
function param(name: string): string {
  return `p_${name}`;
}

/** The wrapper's parameters, as the addon's `shimPrototype` declares them. */
function wrapperParams(routine: Routine): string[] {
  const params = routine.args.map((a) => (isChars(a) && a.rank === 0
    ? `char* ${param(a.name)}, int64_t* ${param(a.name)}_len`
    : `${cType(a)}* ${param(a.name)}`));
  if (routine.result) params.push(`${cType(routine.result)}* result`);
  return params.length ? params : ['void'];
}

/** An offset (`x+offx`) in C, the wrapper's scalars read through their addresses. */
function cOffset(expr: Expr): string {
  return printInfix(expr, (name) => `(*${param(name)})`, (name) => {
    throw new Error(`internal: \`${name}(...)\` in a C call's offset`); // the supported pass refuses it
  });
}

/** What the C function receives for one argument: a value, or an address. */
function actual(arg: Arg, offset: Expr | undefined): string {
  const p = param(arg.name);
  if (arg.rank > 0) return offset ? `${p} + (${cOffset(offset)})` : p;
  // A rank-0 CHARACTER is a C string (the addon's bytes end in a NUL), or by value its first byte.
  return arg.value ? `*${p}` : p;
}

/** The arguments the function takes, in its order: a `callstatement`'s or `intent(aux)`-free list, else all. */
function called(routine: Routine): { arg: Arg; offset?: Expr }[] {
  const calls = routine.callArgs ?? routine.args.map((a) => ({ name: a.name }));
  return calls.map(({ name, offset }: { name: string; offset?: Expr }) => ({ arg: routine.args.find((a) => a.name === name)!, offset }));
}

/** The C prototype of a function no header declares, from the IR: what F2Py's `intent(c)` means. */
function prototype(routine: Routine): string {
  const params = called(routine).map(({ arg: a }) => {
    return a.rank === 0 && a.value ? `${cType(a)} ${param(a.name)}` : `${cType(a)}* ${param(a.name)}`;
  });
  const result = routine.result ? cType(routine.result) : 'void';
  return `${result} ${routine.fortranName ?? routine.name}(${params.length ? params.join(', ') : 'void'});`;
}

function writeWrapper(w: Writer, moduleName: string, routine: Routine): void {
  const call = `${routine.fortranName ?? routine.name}(${called(routine).map((c) => actual(c.arg, c.offset)).join(', ')})`;
  w.block(`void ${shimSymbol(moduleName, routine)}(${wrapperParams(routine).join(', ')}) {`, () => {
    w.line(routine.result ? `*result = ${call};` : `${call};`);
  }, '}');
}

export function isCRoutine(routine: Routine): boolean {
  return routine.language === 'c';
}

/**
 * The C shim of a module's C functions, or undefined when it has none. `include` spells the
 * `#include` of a header as the package sees it.
 */
export function emitCShim(moduleName: string, iface: Interface, include: (header: string) => string): string | undefined {
  const routines = iface.routines.filter(isCRoutine);
  if (routines.length === 0) return undefined;
  const w = new Writer();
  w.line(generatedBanner('//'));
  w.line(`// The C functions of module \`${moduleName}\`: one wrapper each, every argument by address.`);
  w.line('#include <stdint.h>');
  w.line('#include <complex.h>');
  for (const header of new Set(routines.flatMap((r) => (r.header ? [r.header] : [])))) w.line(include(header));
  const declared = routines.filter((r) => !r.header);
  if (declared.length) {
    w.line();
    w.line('// Declared by a signature file (F2Py `intent(c)`), not by a header.');
    for (const r of declared) w.line(prototype(r));
  }
  for (const routine of routines) {
    w.line();
    writeWrapper(w, moduleName, routine);
  }
  return w.toString();
}
