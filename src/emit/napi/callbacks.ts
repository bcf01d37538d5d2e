// Emits the C++ of procedure arguments: each JS function becomes a Callback member, and each
// callback argument a trampoline (a static function with the C signature Fortran calls) that
// runs a job on the JS thread: convert the arguments, call, store what the function returned.

import { addonArgs, callbackConvention } from '../../ir/callbacks';
import type { Arg, Bound, Routine } from '../../ir/types';
import { printInfix } from '../expr';
import type { Writer } from '../writer';
import { cppString, cType, member } from './ctypes';

export function isCallback(arg: Arg): boolean {
  return arg.type === 'procedure';
}

export function trampolineName(arg: Arg): string {
  return `callback_${arg.name}`;
}

/** A callback array's element count, from the scalars Fortran passed (pointers `p_<name>`). */
function cppCount(bounds: readonly Bound[]): string {
  const value = (e: Bound['lower']) =>
    printInfix(e, (name) => `int64_t(*p_${name})`, (name, args) => args.reduce((a, b) => `bridgegen::ext_${name}(${a}, ${b})`));
  const extents = bounds.map((b) => `std::max<int64_t>(0, (${value(b.upper!)}) - (${value(b.lower)}) + 1)`);
  return extents.join(' * ') || '1';
}

function writeTrampoline(w: Writer, routine: Routine, arg: Arg, frameName: string): void {
  const sig = arg.callback!;
  const conv = callbackConvention(sig);
  const ret = sig.result ? cType(sig.result) : 'void';
  const params = addonArgs(sig.args).map((a) => `${cType(a)}* p_${a.name}`).join(', ');
  const what = (x: string) => cppString(`${x} of callback \`${arg.name}\` of ${routine.name}()`);
  w.block(`static ${ret} ${trampolineName(arg)}(${params}) {`, () => {
    w.line(`auto* self = static_cast<${frameName}*>(bridgegen::detail::running_frame);`);
    // The trampoline is the callee: it must define its intent(out) scalars even when JS sets none.
    for (const a of conv.settable.filter((x) => x.intent === 'out')) w.line(`*p_${a.name} = ${cType(a)}{};`);
    if (sig.result) w.line(`${ret} result{};`);
    w.block(`self->${member(arg.name)}.run([&](napi_env env) {`, () => {
      w.line('std::vector<napi_value> argv;');
      for (const a of conv.params) {
        if (a.rank === 0) {
          w.line(`argv.push_back(bridgegen::to_js(env, *p_${a.name}));`);
        } else {
          w.line(`bridgegen::CallbackView<${cType(a)}> view_${a.name}(env, p_${a.name}, ${cppCount(a.bounds)});`);
          w.line(`argv.push_back(view_${a.name}.value());`);
        }
      }
      const call = `bridgegen::call_function(self->${member(arg.name)}, argv);`;
      w.line(sig.result || conv.settable.length ? `const napi_value returned = ${call}` : call);
      if (sig.result) w.line(`result = bridgegen::returned_as<${ret}>(env, returned, ${what('the result')});`);
      for (const a of conv.settable) {
        w.line(`bridgegen::returned_field<${cType(a)}>(env, returned, ${cppString(a.name)}, p_${a.name}, ${what('the returned object')});`);
      }
    }, '});');
    if (sig.result) w.line('return result;');
  }, '}');
}

/** Trampolines, `failed_callback()` (the runtime finds a callback's error) and `abort_callbacks()`. */
export function writeCallbackMembers(w: Writer, routine: Routine, frameName: string): void {
  const callbacks = routine.args.filter(isCallback);
  w.line(`static constexpr bool has_callbacks = ${callbacks.length > 0};`);
  if (callbacks.length === 0) return;
  for (const arg of callbacks) writeTrampoline(w, routine, arg, frameName);
  w.block('const bridgegen::Callback* failed_callback() const {', () => {
    for (const arg of callbacks) w.line(`if (${member(arg.name)}.failed()) return &${member(arg.name)};`);
    w.line('return nullptr;');
  }, '}');
  w.block('void abort_callbacks(napi_value reason) {', () => {
    for (const arg of callbacks) w.line(`${member(arg.name)}.abort(reason);`);
  }, '}');
}
