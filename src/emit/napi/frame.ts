// Emits one routine's call frame: the declarative list of runtime calls that converts and
// checks the JS arguments (prepare), calls the shim (invoke) and builds the result.

import { conventionOf, isInPlace, isInput, jsPath } from '../../ir/convention';
import { charLength, isChars } from '../../ir/chars';
import { requireDtype } from '../../ir/dtype';
import type { Arg, Routine } from '../../ir/types';
import { shimSymbol } from '../fortran-shim/shim';
import { Writer } from '../writer';
import { C_TYPE, cppExtent, cppString, member, RESULT_MEMBER } from './ctypes';

function cType(arg: Arg): string {
  return C_TYPE[requireDtype(arg)];
}

/** `extern "C"` prototype of the routine's shim: every argument by pointer (CHARACTER as bytes and length), result last. */
export function shimPrototype(moduleName: string, routine: Routine): string {
  // Parameter names carry the frame prefix: a Fortran name may be a C++ keyword (`new`, `int`).
  const params = routine.args.map((a) =>
    isChars(a) ? `char* ${member(a.name)}, int64_t* ${member(a.name)}_len` : `${cType(a)}* ${member(a.name)}`);
  if (routine.result) params.push(isChars(routine.result) ? 'char* result' : `${cType(routine.result)}* result`);
  return `extern "C" void ${shimSymbol(moduleName, routine)}(${params.join(', ')});`;
}

function writeMembers(w: Writer, routine: Routine): void {
  for (const arg of routine.args) {
    w.line(arg.rank > 0 ? `bridgegen::Array<${cType(arg)}> ${member(arg.name)};` : `${cType(arg)} ${member(arg.name)}{};`);
  }
  if (routine.result) w.line(`${cType(routine.result)} ${RESULT_MEMBER}{};`);
}

/** The C++ length argument of a CHARACTER dummy: its constant, or the caller's (`len=*`). */
function cppCharLength(arg: Arg): string {
  const len = charLength(arg);
  return len === '*' ? 'bridgegen::kAssumedLength' : String(len);
}

/** Reads one scalar parameter (index i), applying its default when left out. */
function readScalar(arg: Arg, i: number, paramIndex: (name: string) => number): string {
  if (isChars(arg)) return `bridgegen::read_chars(args, ${i}, ${cppCharLength(arg)}, ${member(arg.name)});`;
  const read = `bridgegen::read_scalar<${cType(arg)}>(args, ${i})`;
  const target = member(arg.name);
  if (arg.default?.kind === 'constant') return `${target} = bridgegen::read_scalar_or<${cType(arg)}>(args, ${i}, ${arg.default.value});`;
  if (arg.default?.kind !== 'extent') return `${target} = ${read};`;
  const from = paramIndex(arg.default.array);
  const inferred = `bridgegen::extent_as<${cType(arg)}>(args, ${arg.hidden ? from : i}, bridgegen::infer_extent(args, ${arg.hidden ? from : i}, ${member(arg.default.array)}, ${from}, ${arg.default.dim}))`;
  return arg.hidden ? `${target} = ${inferred};` : `${target} = args.given(${i}) ? ${read} : ${inferred};`;
}

function shapeArray(w: Writer, arg: Arg): string {
  const name = `${member(arg.name)}_shape`;
  w.line(`const int64_t ${name}[] = {${arg.bounds.map(cppExtent).join(', ')}};`);
  return name;
}

function writePrepare(w: Writer, routine: Routine): void {
  const { params } = conventionOf(routine);
  const paramIndex = (name: string) => params.findIndex((p) => p.name === name);
  const inputArrays = routine.args.filter((a) => a.rank > 0 && isInput(a));
  w.block('void prepare(bridgegen::Args& args) {', () => {
    for (const arg of inputArrays) {
      const access = isInPlace(arg) ? 'InPlace' : 'In';
      w.line(`bridgegen::read_array(args, ${paramIndex(arg.name)}, ${arg.rank}, bridgegen::Access::${access}, ${member(arg.name)});`);
    }
    for (const arg of routine.args.filter((a) => a.rank === 0 && isInput(a))) {
      w.line(readScalar(arg, paramIndex(arg.name), paramIndex));
    }
    for (const arg of inputArrays) {
      const shape = shapeArray(w, arg);
      const text = cppString(`${arg.name}(${arg.dims.join(', ')})`);
      w.line(`bridgegen::check_shape(args, ${paramIndex(arg.name)}, ${member(arg.name)}, ${arg.rank}, ${shape}, ${text});`);
    }
    for (const arg of routine.args.filter((a) => a.rank > 0 && !isInput(a))) {
      const shape = shapeArray(w, arg);
      w.line(`bridgegen::alloc_array(args, ${cppString(arg.name)}, ${arg.rank}, ${shape}, ${member(arg.name)});`);
    }
    for (const arg of routine.args.filter((a) => isChars(a) && !isInput(a))) {
      w.line(`bridgegen::alloc_chars(${cppCharLength(arg)}, ${member(arg.name)});`);
    }
    if (routine.result && isChars(routine.result)) w.line(`bridgegen::alloc_chars(${cppCharLength(routine.result)}, ${RESULT_MEMBER});`);
  }, '}');
}

function writeInvoke(w: Writer, moduleName: string, routine: Routine): void {
  const actuals = routine.args.map((a) => {
    if (isChars(a)) return `${member(a.name)}.data(), &${member(a.name)}.len`;
    return a.rank > 0 ? `${member(a.name)}.data` : `&${member(a.name)}`;
  });
  if (routine.result) actuals.push(isChars(routine.result) ? `${RESULT_MEMBER}.data()` : `&${RESULT_MEMBER}`);
  w.line(`void invoke() { ${shimSymbol(moduleName, routine)}(${actuals.join(', ')}); }`);
}

function resultValue(arg: Arg, routine: Routine): string {
  const source = arg === routine.result ? RESULT_MEMBER : member(arg.name);
  if (isChars(arg)) return `bridgegen::chars_value(env, ${source})`;
  return arg.rank > 0 ? `bridgegen::array_value(env, pinned, ${source})` : `bridgegen::scalar_value(env, ${source})`;
}

function writeResult(w: Writer, routine: Routine): void {
  const { results } = conventionOf(routine);
  w.block('napi_value result(Napi::Env env, [[maybe_unused]] const napi_value* pinned) {', () => {
    if (results.length === 0) w.line('return bridgegen::undefined_value(env);');
    else if (results.length === 1) w.line(`return ${resultValue(results[0], routine)};`);
    else {
      w.line('return bridgegen::result_object(env, {');
      w.indent(() => {
        for (const arg of results) w.line(`{${cppString(arg.name)}, ${resultValue(arg, routine)}},`);
      });
      w.line('});');
    }
  }, '}');
}

export function writeFrame(w: Writer, moduleName: string, routine: Routine, frameName: string): void {
  const { params, nrequired } = conventionOf(routine);
  const names = params.length ? params.map((p) => cppString(p.name)).join(', ') : 'nullptr';
  w.block(`struct ${frameName} {`, () => {
    w.line(`static constexpr const char* params[] = {${names}};`);
    w.line(`static constexpr bridgegen::Signature signature{${cppString(jsPath(routine))}, params, ${params.length}, ${nrequired}};`);
    w.line(`static constexpr bool threadsafe = ${routine.threadsafe};`);
    w.line();
    writeMembers(w, routine);
    w.line();
    writePrepare(w, routine);
    writeInvoke(w, moduleName, routine);
    writeResult(w, routine);
  }, '};');
}
