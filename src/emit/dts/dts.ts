// Emits index.d.ts: one typed entry per routine and its Async twin, with JSDoc from the Fortran
// comments and an F2Py-style signature line (contract 1.7). Mirrors napi/addon.ts.

import { conventionOf, resultKey, type Convention } from '../../ir/convention';
import type { Arg, Interface, Routine } from '../../ir/types';
import { bindingName } from '../js-names';
import { generatedBanner, Writer } from '../writer';
import { declaredAs, paramType, resultType } from './tstypes';
import { writeCommonBlocks, writeModuleVariables } from './variables';

/** F2Py's summary line: `unew = heat_steps(u,alpha,[n])`. */
export function signatureLine(routine: Routine, conv: Convention): string {
  const params = conv.params.map((p, i) => (i < conv.nrequired ? p.name : `[${p.name}]`)).join(',');
  const outs = conv.results.map(resultKey).join(',');
  return `${outs ? `${outs} = ` : ''}${routine.name}(${params})`;
}

function jsdocText(text: string): string[] {
  return text.replace(/\*\//g, '*\\/').split('\n');
}

function writeDoc(w: Writer, routine: Routine, conv: Convention, asyncNote?: string): void {
  w.line('/**');
  const lines = [
    ...(routine.doc ? [...jsdocText(routine.doc), ''] : []),
    ...(asyncNote ? [asyncNote, ''] : []),
    `\`${signatureLine(routine, conv)}\``,
    '',
    ...conv.params.map((p) => `@param ${bindingName(p.name)} - ${declaredAs(p)}${p.optional ? ' (optional)' : ''}${p.doc ? `. ${p.doc}` : ''}`),
  ];
  const optional = conv.params.slice(conv.nrequired);
  if (optional.length) lines.push(`@param options - optional arguments by name: ${optional.map((p) => p.name).join(', ')}`);
  if (conv.results.length) lines.push(`@returns ${conv.results.map((r) => `${resultKey(r)}: ${declaredAs(r)}`).join('; ')}`);
  const unchecked = routine.args.filter((a) => a.unchecked).map((a) => `\`${a.name}\``);
  if (unchecked.length) {
    lines.push(`@unsafe built with --unchecked-pointers: nothing checks how much of ${unchecked.join(', ')} the C function reads or ` +
      'writes; an array shorter than what it touches corrupts memory');
  }
  for (const line of lines) w.line(line === '' ? ' *' : ` * ${line}`);
  w.line(' */');
}

function resultOf(conv: Convention, ns: string): string {
  if (conv.results.length === 0) return 'void';
  if (conv.results.length === 1) return resultType(conv.results[0], ns);
  return `{ ${conv.results.map((r) => `${resultKey(r)}: ${resultType(r, ns)}`).join('; ')} }`;
}

/**
 * One overload per split of the optional arguments into positional ones and an options object;
 * an async call's options object may also carry an AbortSignal.
 */
function overloads(conv: Convention, ns: string, async = false): string[] {
  const required = conv.params.slice(0, conv.nrequired).map((p) => `${bindingName(p.name)}: ${paramType(p, ns)}`);
  const optional = conv.params.slice(conv.nrequired);
  const out: string[] = [];
  for (let positional = 0; positional <= optional.length; positional++) {
    const given = optional.slice(0, positional).map((p) => `${bindingName(p.name)}?: ${paramType(p, ns)}`);
    const named = optional.slice(positional).map((p: Arg) => `${p.name}?: ${paramType(p, ns)}`);
    if (async) named.push('signal?: AbortSignal');
    const options = named.length ? [`options?: { ${named.join('; ')} }`] : [];
    out.push([...required, ...given, ...options].join(', '));
  }
  return out;
}

function writeRoutine(w: Writer, routine: Routine, ns: string): void {
  const conv = conventionOf(routine);
  const result = resultOf(conv, ns);
  const policy = routine.threadsafe
    ? 'Runs concurrently with other calls (threadsafe).'
    : 'Serialized with the other calls of this module (the routine may keep state).';
  for (const params of overloads(conv, ns)) {
    writeDoc(w, routine, conv);
    w.line(`${routine.name}(${params}): ${result};`);
  }
  for (const params of overloads(conv, ns, true)) {
    writeDoc(w, routine, conv, `Same as \`${routine.name}\`, run on the libuv thread pool; \`signal\` cancels it while it waits for a thread. ${policy}`);
    w.line(`${routine.name}Async(${params}): Promise<${result}>;`);
  }
}

function writeHelperTypes(w: Writer): void {
  w.line('/** An ndarray-like input (stdlib-js, scijs): strides in elements; row-major when neither strides nor order say. */');
  w.block('interface NDArrayIn<D> {', () => {
    w.many(['readonly data: D;', 'readonly shape: readonly number[];', 'readonly strides?: readonly number[];',
      'readonly offset?: number;', "readonly order?: 'row-major' | 'column-major';"]);
  }, '}');
  w.line('/** A rank >= 2 result: column-major data (row-major for `intent(c)` arrays) with its shape (stdlib-js compatible). */');
  w.block("interface NDArray<D, T extends string, O extends 'row-major' | 'column-major' = 'column-major'> {", () => {
    w.many(['data: D;', 'shape: number[];', 'strides: number[];', 'offset: 0;', 'order: O;', 'dtype: T;']);
  }, '}');
}

export function emitDts(moduleName: string, iface: Interface): string {
  const w = new Writer();
  const ns = bindingName(moduleName); // a namespace cannot be called `default` or `new`
  const withRoutines = iface.routines.map((r) => r.module).filter((m): m is string => !!m);
  const withData = iface.modules.filter((m) => m.variables.length > 0).map((m) => m.name);
  const modules = [...new Set([...withRoutines, ...withData])];
  w.line(generatedBanner('//'));
  w.line(`// Types of module \`${moduleName}\`.`);
  w.line();
  w.block(`declare namespace ${ns} {`, () => {
    writeHelperTypes(w);
    w.block('interface Module {', () => {
      w.line('/** The OpenBLAS thread count, or null when this module does not link OpenBLAS. */');
      w.line('getBlasThreads(): number | null;');
      w.line('/** Sets the OpenBLAS thread count (1: large async calls run side by side, a core each); false without OpenBLAS. */');
      w.line('setBlasThreads(threads: number): boolean;');
      w.line('/** The cores large async calls take at once (default: all), each as many as its BLAS threads; the rest wait their turn. */');
      w.line('getAsyncConcurrency(): number;');
      w.line('/** Sets it (an integer from 1 to 1024); cores - 1 keeps a core for the event loop (timers on time) at the cost of async throughput. */');
      w.line('setAsyncConcurrency(cores: number): void;');
      for (const routine of iface.routines.filter((r) => !r.module)) writeRoutine(w, routine, ns);
      for (const mod of modules) {
        w.line(`/** Fortran module \`${mod}\`. */`);
        w.block(`${mod}: {`, () => {
          for (const routine of iface.routines.filter((r) => r.module === mod)) writeRoutine(w, routine, ns);
          const data = iface.modules.find((m) => m.name === mod);
          if (data) writeModuleVariables(w, data, ns);
        }, '};');
      }
      writeCommonBlocks(w, iface, ns);
    }, '}');
  }, '}');
  w.line(`declare const ${ns}: ${ns}.Module;`);
  w.line(`export = ${ns};`);
  return w.toString();
}
