// Emits the addon's C++ source: shim prototypes, one frame per routine (frame.ts) and the
// module initialiser that exports `name` and `nameAsync` (under `m.mod` for module procedures),
// module variables, named constants and common blocks (variables.ts).

import type { Interface, Routine } from '../../ir/types';
import { generatedBanner, Writer } from '../writer';
import { cppString } from './ctypes';
import { shimPrototype, writeFrame } from './frame';
import { writeVariableDeclarations, writeVariableInit } from './variables';

/** Frame struct names: readable, unique even when two modules have procedures of one name. */
function frameNames(routines: readonly Routine[]): string[] {
  const seen = new Set<string>();
  return routines.map((r, i) => {
    const base = `${[r.module, r.name].filter(Boolean).join('_')}_frame`;
    const name = seen.has(base) ? `${base}${i}` : base;
    seen.add(name);
    return name;
  });
}

/** The `export_routine` lines of some routines: `name` and `nameAsync` on the module (or `m.mod`). */
function writeExports(w: Writer, routines: readonly Routine[], frames: readonly string[]): void {
  routines.forEach((routine, i) => {
    const target = routine.module ? `bridgegen::namespace_object(env, exports, ${cppString(routine.module)})` : 'exports';
    w.line(`bridgegen::export_routine<${frames[i]}>(env, ${target}, ${cppString(routine.name)});`);
  });
}

function writeInit(w: Writer, iface: Interface, exportRoutines: () => void): void {
  w.block('void Init(napi_env env, napi_value exports) {', () => {
    exportRoutines();
    writeVariableInit(w, iface);
    w.line('bridgegen::export_blas_controls(env, exports);');
    w.line('bridgegen::export_async_controls(env, exports);');
  }, '}');
}

/**
 * The C side of the shim's `xerbla` (--catch-xerbla): records LAPACK's report for the running call.
 * Outside the anonymous namespace: the Fortran shim calls it by this name.
 */
function writeXerblaSink(w: Writer): void {
  w.line('extern "C" void bridgegen_xerbla(const char* name, int64_t len, int info) { bridgegen::record_xerbla(name, len, info); }');
}

/** Prototypes and frames of some routines, in an anonymous namespace. */
function writeFrames(w: Writer, moduleName: string, routines: readonly Routine[], frames: readonly string[], catchXerbla: boolean): void {
  routines.forEach((routine, i) => {
    w.line();
    w.line(`// ${routine.name}`);
    writeFrame(w, moduleName, routine, frames[i]!, catchXerbla);
  });
}

const RUNTIME_INCLUDE = '#include <bridgegen/bridgegen.h>';

function header(w: Writer, moduleName: string, what: string): void {
  w.line(generatedBanner('//'));
  w.line(`// N-API glue of module \`${moduleName}\`${what}: each frame is a list of calls into the bridgegen runtime.`);
  w.line(RUNTIME_INCLUDE);
  w.line();
}

/**
 * A glue file that names a complex type includes the complex element types after the runtime:
 * glue compiled through the runtime cache does not get <complex> from the precompiled header,
 * of which it (with the <cmath> it brings) was a sixth (native/include/bridgegen/complex.h).
 */
function withComplex(text: string): string {
  return text.includes('std::complex<') ? text.replace(RUNTIME_INCLUDE, `${RUNTIME_INCLUDE}\n#include <bridgegen/complex.h>`) : text;
}

export function emitAddon(moduleName: string, iface: Interface, catchXerbla = false): string {
  const w = new Writer();
  const frames = frameNames(iface.routines);
  header(w, moduleName, '');
  for (const routine of iface.routines) w.line(shimPrototype(moduleName, routine));
  if (catchXerbla) writeXerblaSink(w);
  w.line();
  w.line('namespace {');
  w.line();
  writeVariableDeclarations(w, moduleName, iface);
  writeFrames(w, moduleName, iface.routines, frames, catchXerbla);
  w.line();
  writeInit(w, iface, () => writeExports(w, iface.routines, frames));
  w.line();
  w.line('}  // namespace');
  w.line();
  w.line(`BRIDGEGEN_MODULE(${moduleName}, Init)`);
  return withComplex(w.toString());
}

/** Routines per C++ file when a module is split: each file compiles on its own core. */
export const ROUTINES_PER_PART = 64;

/**
 * The addon's C++ files. A module of many routines (bridgegen/linalg has ~500) is split into
 * parts of ROUTINES_PER_PART, each defining its frames and a function that exports them, plus a
 * main file with the initialiser: the template instances of ~500 frames took minutes in one
 * translation unit, on one core.
 */
export function emitAddonFiles(moduleName: string, iface: Interface, catchXerbla = false): { path: string; text: string }[] {
  const main = `src/${moduleName}.cc`;
  if (iface.routines.length <= ROUTINES_PER_PART) return [{ path: main, text: emitAddon(moduleName, iface, catchXerbla) }];
  const frames = frameNames(iface.routines);
  const parts: { routines: Routine[]; frames: string[] }[] = [];
  for (let k = 0; k < iface.routines.length; k += ROUTINES_PER_PART) {
    parts.push({ routines: iface.routines.slice(k, k + ROUTINES_PER_PART), frames: frames.slice(k, k + ROUTINES_PER_PART) });
  }
  const exporter = (k: number) => `bgexport_${moduleName}_part${k}`;
  const files = parts.map((part, k) => {
    const w = new Writer();
    header(w, moduleName, ` (part ${k + 1} of ${parts.length})`);
    for (const routine of part.routines) w.line(shimPrototype(moduleName, routine));
    w.line();
    w.line('namespace {');
    writeFrames(w, moduleName, part.routines, part.frames, catchXerbla);
    w.line();
    w.line('}  // namespace');
    w.line();
    w.block(`void ${exporter(k)}(napi_env env, napi_value exports) {`, () => writeExports(w, part.routines, part.frames), '}');
    return { path: `src/${moduleName}_part${k + 1}.cc`, text: withComplex(w.toString()) };
  });
  const w = new Writer();
  header(w, moduleName, ' (initialiser)');
  if (catchXerbla) writeXerblaSink(w);
  parts.forEach((_, k) => w.line(`void ${exporter(k)}(napi_env env, napi_value exports);`));
  w.line();
  w.line('namespace {');
  w.line();
  writeVariableDeclarations(w, moduleName, iface);
  w.line();
  writeInit(w, iface, () => parts.forEach((_, k) => w.line(`${exporter(k)}(env, exports);`)));
  w.line();
  w.line('}  // namespace');
  w.line();
  w.line(`BRIDGEGEN_MODULE(${moduleName}, Init)`);
  return [{ path: main, text: withComplex(w.toString()) }, ...files];
}
