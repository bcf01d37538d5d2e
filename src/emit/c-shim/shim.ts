// Emits the C shim: for each C function (F2Py's `intent(c)` routines, prototypes from C headers)
// a wrapper with the same every-argument-by-address signature as a Fortran shim, so the addon's
// frames call both alike. The wrapper is C, compiled by the C compiler against the function's
// own prototype (its header, else one written from the IR): the compiler converts each argument
// to the declared parameter type (an `int` to an enum, `int64_t` to `size_t`), never a guess here.
// A C function pointer gets an adapter: a static function of the C signature that passes each
// argument by address to the addon's trampoline, which the function's `void *` userdata carries.

import { addonArgs } from '../../ir/callbacks';
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

function cType(arg: Pick<Arg, 'type' | 'kind' | 'name'>): string {
  return C_TYPE[requireDtype(arg)];
}

/** Wrapper parameter names are prefixed: a Fortran name may be a C keyword or the function's. */
function param(name: string): string {
  return `p_${name}`;
}

/** The wrapper's parameters, as the addon's `shimPrototype` declares them (a callback: its trampoline). */
function wrapperParams(routine: Routine): string[] {
  const params = addonArgs(routine.args).map((a) => (a.type === 'procedure' ? `void* ${param(a.name)}`
    : a.record ? a.record.components.map((c) => `${cType(c)}* ${fieldParam(a, c.name)}`).join(', ')
      : isChars(a) && a.rank === 0 ? `char* ${param(a.name)}, int64_t* ${param(a.name)}_len`
        : `${cType(a)}* ${param(a.name)}`));
  if (routine.result) params.push(`${cType(routine.result)}* result`);
  return params.length ? params : ['void'];
}

/** The wrapper parameter of one component of a struct argument (the addon passes each by address). */
function fieldParam(arg: Arg, field: string): string {
  return `${param(arg.name)}__${field}`;
}

/** The wrapper's local struct for a struct argument, assembled from the components. */
function structLocal(arg: Arg): string {
  return `v_${arg.name}`;
}

/**
 * A struct argument (records.ts): the wrapper declares one of the header's type, zero-filled
 * (padding and all), sets the components, and copies them back when the function may change them.
 */
function structBefore(arg: Arg): string[] {
  const v = structLocal(arg);
  const set = arg.intent === 'out' ? [] : arg.record!.components.map((c) =>
    (c.rank > 0 ? `memcpy(${v}.${c.name}, ${fieldParam(arg, c.name)}, sizeof ${v}.${c.name});` : `${v}.${c.name} = *${fieldParam(arg, c.name)};`));
  return [`${arg.typeName} ${v};`, `memset(&${v}, 0, sizeof ${v});`, ...set];
}

function structAfter(arg: Arg): string[] {
  if (!arg.returned) return [];
  const v = structLocal(arg);
  return arg.record!.components.map((c) =>
    (c.rank > 0 ? `memcpy(${fieldParam(arg, c.name)}, ${v}.${c.name}, sizeof ${v}.${c.name});` : `*${fieldParam(arg, c.name)} = ${v}.${c.name};`));
}

/** An offset (`x+offx`) in C, the wrapper's scalars read through their addresses. */
function cOffset(expr: Expr): string {
  return printInfix(expr, (name) => `(*${param(name)})`, (name) => {
    throw new Error(`internal: \`${name}(...)\` in a C call's offset`); // the supported pass refuses it
  });
}

/** The static C function that stands for the JS function `arg` (see writeAdapter). */
function adapterName(moduleName: string, routine: Routine, arg: Arg): string {
  return `${shimSymbol(moduleName, routine)}_cb_${arg.name}`;
}

/**
 * What the C function receives for one argument: a value, an address, the adapter of a callback
 * (as the header's type: `int` and an enum, `const` or not, differ there but not in the ABI),
 * or as the callback's userdata the trampoline the adapter calls.
 */
function actual(moduleName: string, routine: Routine, arg: Arg, offset: Expr | undefined): string {
  const p = param(arg.name);
  if (arg.type === 'procedure') return `${arg.typeName ? `(${arg.typeName})` : ''}${adapterName(moduleName, routine, arg)}`;
  if (arg.userdata) return param(arg.userdata);
  if (arg.record) return arg.value ? structLocal(arg) : `&${structLocal(arg)}`;
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

/**
 * The adapter of callback `arg`: C's signature (scalars by value, the userdata a `void *`), its
 * arguments passed on by address to the trampoline, as a Fortran procedure receives them.
 */
function writeAdapter(w: Writer, moduleName: string, routine: Routine, arg: Arg): void {
  const sig = arg.callback!;
  const result = sig.result ? cType(sig.result) : 'void';
  const byValue = (a: Arg) => a.rank === 0 && a.value;
  const params = sig.args.map((a) => (a.userdata ? `void* ${param(a.name)}` : `${cType(a)}${byValue(a) ? '' : '*'} ${param(a.name)}`));
  const passed = addonArgs(sig.args);
  const addresses = passed.map((a) => `${cType(a)}*`).join(', ') || 'void';
  const context = sig.args.find((a) => a.userdata)!; // the supported pass requires one
  const call = `trampoline(${passed.map((a) => (byValue(a) ? `&${param(a.name)}` : param(a.name))).join(', ')})`;
  w.block(`static ${result} ${adapterName(moduleName, routine, arg)}(${params.join(', ') || 'void'}) {`, () => {
    w.line(`${result} (*trampoline)(${addresses}) = (${result} (*)(${addresses}))${param(context.name)};`);
    w.line(sig.result ? `return ${call};` : `${call};`);
  }, '}');
}

function writeWrapper(w: Writer, moduleName: string, routine: Routine): void {
  for (const arg of routine.args.filter((a) => a.type === 'procedure')) {
    writeAdapter(w, moduleName, routine, arg);
    w.line();
  }
  const call = `${routine.fortranName ?? routine.name}(${called(routine).map((c) => actual(moduleName, routine, c.arg, c.offset)).join(', ')})`;
  const structs = routine.args.filter((a) => a.record);
  w.block(`void ${shimSymbol(moduleName, routine)}(${wrapperParams(routine).join(', ')}) {`, () => {
    w.many(structs.flatMap(structBefore));
    w.line(routine.result ? `*result = ${call};` : `${call};`);
    w.many(structs.flatMap(structAfter));
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
  w.line('#include <string.h>');
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
