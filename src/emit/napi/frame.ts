// Emits one routine's call frame: the declarative list of runtime calls that converts and
// checks the JS arguments (prepare), calls the shim (invoke) and builds the result.

import { addonArgs } from '../../ir/callbacks';
import { conventionOf, resultKey, isAssumedShape, isInput, jsPath, mayBeAbsent } from '../../ir/convention';
import { isChars } from '../../ir/chars';
import type { Arg, Routine } from '../../ir/types';
import { shimSymbol } from '../fortran-shim/shim';
import { Writer } from '../writer';
import { cppString, cType, member, present, recordMembers, RESULT_MEMBER } from './ctypes';
import { isCallback, trampolineName, writeCallbackMembers } from './callbacks';
import { writePrepare } from './prepare';

/** `extern "C"` prototype of the routine's shim: every argument by pointer (CHARACTER as bytes and length; assumed shape with the extents), result last. */
export function shimPrototype(moduleName: string, routine: Routine): string {
  // Parameter names carry the frame prefix: a Fortran name may be a C++ keyword (`new`, `int`).
  const params = addonArgs(routine.args).map((a) => {
    if (isCallback(a)) return `void* ${member(a.name)}`;
    if (a.record) return recordMembers(a).map((m) => `${m.element}* ${m.name}`).join(', ');
    if (isChars(a) && isAssumedShape(a)) return `char* ${member(a.name)}, int64_t* ${member(a.name)}_len, const int64_t* ${member(a.name)}_shape`;
    if (isChars(a)) return `char* ${member(a.name)}, int64_t* ${member(a.name)}_len`;
    const data = `${cType(a)}* ${member(a.name)}`;
    return isAssumedShape(a) ? `${data}, const int64_t* ${member(a.name)}_shape` : data;
  });
  if (routine.result) params.push(isChars(routine.result) ? 'char* result' : `${cType(routine.result)}* result`);
  return `extern "C" void ${shimSymbol(moduleName, routine)}(${params.join(', ')});`;
}

function writeMembers(w: Writer, routine: Routine): void {
  for (const arg of addonArgs(routine.args)) {
    if (isCallback(arg)) {
      w.line(`bridgegen::Callback ${member(arg.name)};`);
      continue;
    }
    if (arg.record) {
      for (const m of recordMembers(arg)) w.line(`${m.type} ${m.name}{};`);
      continue;
    }
    if (isChars(arg) && arg.rank > 0) w.line(`bridgegen::CharArray ${member(arg.name)};`);
    else w.line(arg.rank > 0 ? `bridgegen::Array<${cType(arg)}> ${member(arg.name)};` : `${cType(arg)} ${member(arg.name)}{};`);
    if (mayBeAbsent(arg)) w.line(`bool ${present(arg)} = false;`);
  }
  if (routine.result) w.line(`${cType(routine.result)} ${RESULT_MEMBER}{};`);
}

function writeInvoke(w: Writer, moduleName: string, routine: Routine, catchXerbla: boolean): void {
  const actuals = addonArgs(routine.args).flatMap((a) => {
    if (isCallback(a)) return [`reinterpret_cast<void*>(&${trampolineName(a)})`];
    if (a.record) return recordMembers(a).map((m) => m.address);
    if (isChars(a)) {
      const bytes = [`${member(a.name)}.data()`, `&${member(a.name)}.len`];
      return isAssumedShape(a) ? [...bytes, `${member(a.name)}.shape`] : bytes;
    }
    // An absent optional argument reaches Fortran as a null address: present() is false there.
    const address = a.rank > 0 ? `${member(a.name)}.data` : `&${member(a.name)}`;
    const data = mayBeAbsent(a) ? `${present(a)} ? ${address} : nullptr` : address;
    return isAssumedShape(a) ? [data, `${member(a.name)}.shape`] : [data];
  });
  if (routine.result) actuals.push(isChars(routine.result) ? `${RESULT_MEMBER}.data()` : `&${RESULT_MEMBER}`);
  const call = `${shimSymbol(moduleName, routine)}(${actuals.join(', ')});`;
  const indices = routine.args.filter((a) => a.zeroBased && a.rank > 0);
  const scalars = [...routine.args.filter((a) => a.zeroBased && a.rank === 0).map((a) => member(a.name)), ...(routine.result?.zeroBased ? [RESULT_MEMBER] : [])];
  if (indices.length === 0 && scalars.length === 0 && !catchXerbla) {
    w.line(`void invoke() { ${call} }`);
    return;
  }
  // `zerobased` index arrays: 1-based for Fortran during the call. Pure inputs are private
  // copies (Access::Copy), so only what comes back is shifted back.
  w.block('void invoke() {', () => {
    for (const a of indices.filter(isInput)) w.line(`bridgegen::shift_indices(${member(a.name)}, 1);`);
    if (catchXerbla) w.line('bridgegen::XerblaScope xerbla_scope(xerbla);');
    w.line(call);
    const info = catchXerbla ? routine.args.find((a) => a.name === 'info' && a.type === 'integer' && a.rank === 0 && a.returned) : undefined;
    if (info) w.line(`bridgegen::xerbla_from_info(xerbla, fortran_name, ${member(info.name)});`);
    for (const a of indices.filter((x) => x.intent !== 'in')) w.line(`bridgegen::shift_indices(${member(a.name)}, -1);`);
    for (const m of scalars) w.line(`${m} -= 1;`);
  }, '}');
}

function resultValue(arg: Arg, routine: Routine): string {
  const source = arg === routine.result ? RESULT_MEMBER : member(arg.name);
  if (arg.record) {
    const fields = recordMembers(arg).map((m) =>
      `{${cppString(m.field)}, ${m.size === undefined ? 'bridgegen::scalar_value' : 'bridgegen::field_array_value'}(env, ${m.name})}`);
    return `bridgegen::result_object(env, {${fields.join(', ')}})`;
  }
  if (isChars(arg)) return arg.rank > 0 ? `bridgegen::char_array_value(env, ${source})` : `bridgegen::chars_value(env, ${source})`;
  const value = arg.rank > 0 ? `bridgegen::array_value(env, pinned, ${source})` : `bridgegen::scalar_value(env, ${source})`;
  return mayBeAbsent(arg) ? `${present(arg)} ? ${value} : bridgegen::undefined_value(env)` : value;
}

function writeResult(w: Writer, routine: Routine): void {
  const { results } = conventionOf(routine);
  w.block('napi_value result(napi_env env, [[maybe_unused]] const napi_value* pinned) {', () => {
    if (results.length === 0) w.line('return bridgegen::undefined_value(env);');
    else if (results.length === 1) w.line(`return ${resultValue(results[0], routine)};`);
    else {
      w.line('return bridgegen::result_object(env, {');
      w.indent(() => {
        for (const arg of results) w.line(`{${cppString(resultKey(arg))}, ${resultValue(arg, routine)}},`);
      });
      w.line('});');
    }
  }, '}');
}

/** What XERBLA's report needs to name an argument: the Fortran name and argument order. */
function writeXerblaMembers(w: Writer, routine: Routine): void {
  const order = routine.callArgs?.map((a) => a.name) ?? routine.args.map((a) => a.name);
  w.line(`static constexpr const char* fortran_name = ${cppString(routine.fortranName ?? routine.name)};`);
  w.line(`static constexpr const char* fortran_args[] = {${order.length ? order.map(cppString).join(', ') : 'nullptr'}};`);
  w.line('bridgegen::XerblaReport xerbla;');
}

export function writeFrame(w: Writer, moduleName: string, routine: Routine, frameName: string, catchXerbla = false): void {
  const { params, nrequired } = conventionOf(routine);
  const names = params.length ? params.map((p) => cppString(p.name)).join(', ') : 'nullptr';
  w.block(`struct ${frameName} {`, () => {
    w.line(`static constexpr const char* params[] = {${names}};`);
    w.line(`static constexpr bridgegen::Signature signature{${cppString(jsPath(routine))}, params, ${params.length}, ${nrequired}};`);
    w.line(`static constexpr bool threadsafe = ${routine.threadsafe};`);
    w.line();
    writeMembers(w, routine);
    if (catchXerbla) writeXerblaMembers(w, routine);
    w.line();
    writePrepare(w, routine);
    writeInvoke(w, moduleName, routine, catchXerbla);
    writeCallbackMembers(w, routine, frameName);
    writeResult(w, routine);
  }, '};');
}
