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

function writeInit(w: Writer, iface: Interface, frames: readonly string[]): void {
  const usesEnv = iface.modules.some((m) => m.variables.some((v) => v.parameter));
  w.block(`Napi::Object Init(Napi::Env ${usesEnv ? 'env' : '/*env*/'}, Napi::Object exports) {`, () => {
    iface.routines.forEach((routine, i) => {
      const target = routine.module ? `bridgegen::namespace_object(exports, ${cppString(routine.module)})` : 'exports';
      w.line(`bridgegen::export_routine<${frames[i]}>(${target}, ${cppString(routine.name)});`);
    });
    writeVariableInit(w, iface);
    w.line('bridgegen::export_blas_controls(exports);');
    w.line('return exports;');
  }, '}');
}

/**
 * The C side of the shim's `xerbla` (--catch-xerbla): records LAPACK's report for the running call.
 * Outside the anonymous namespace: the Fortran shim calls it by this name.
 */
function writeXerblaSink(w: Writer): void {
  w.line('extern "C" void bridgegen_xerbla(const char* name, int64_t len, int info) { bridgegen::record_xerbla(name, len, info); }');
}

export function emitAddon(moduleName: string, iface: Interface, catchXerbla = false): string {
  const w = new Writer();
  const frames = frameNames(iface.routines);
  w.line(generatedBanner('//'));
  w.line(`// N-API glue of module \`${moduleName}\`: each frame is a list of calls into the bridgegen runtime.`);
  w.line('#include <bridgegen/bridgegen.h>');
  w.line();
  for (const routine of iface.routines) w.line(shimPrototype(moduleName, routine));
  if (catchXerbla) writeXerblaSink(w);
  w.line();
  w.line('namespace {');
  w.line();
  writeVariableDeclarations(w, moduleName, iface);
  iface.routines.forEach((routine, i) => {
    w.line();
    w.line(`// ${routine.name}`);
    writeFrame(w, moduleName, routine, frames[i], catchXerbla);
  });
  w.line();
  writeInit(w, iface, frames);
  w.line();
  w.line('}  // namespace');
  w.line();
  w.line(`NODE_API_MODULE(${moduleName}, Init)`);
  return w.toString();
}
