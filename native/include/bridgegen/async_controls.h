// bridgegen runtime — `m.getAsyncConcurrency()` / `m.setAsyncConcurrency(n)`: how many cores the
// module's large async calls take at once on the libuv pool (batch.h), each call as many as its
// BLAS threads (blas.h). By default every core, as a sync call has; a program whose timers must
// stay on time leaves one to the event loop with cores - 1, at the cost of async throughput.
#pragma once

#include "error.h"
#include "linkage.h"
#if BRIDGEGEN_DEFINES_RUNTIME
#include "gate.h"
#endif

namespace bridgegen {

/** camelCase, so no Fortran name can clash. */
BRIDGEGEN_RUNTIME_INLINE void export_async_controls(napi_env env, napi_value exports);

#if BRIDGEGEN_DEFINES_RUNTIME

BRIDGEGEN_RUNTIME_INLINE Napi::Value js_get_async_concurrency(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), async_concurrency().load());
}

BRIDGEGEN_RUNTIME_INLINE Napi::Value js_set_async_concurrency(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const double n = info.Length() > 0 && info[0].IsNumber() ? info[0].As<Napi::Number>().DoubleValue() : 0;
  if (!(n >= 1 && n <= 1024 && n == static_cast<int>(n))) {
    throw_range_error(env, "setAsyncConcurrency(): expected an integer from 1 to 1024", code::kArgValue);
  }
  set_async_concurrency(env, static_cast<int>(n));
  return env.Undefined();
}

BRIDGEGEN_RUNTIME_INLINE void export_async_controls(napi_env env, napi_value exports) {
  Napi::Object object(env, exports);
  object.Set("getAsyncConcurrency", Napi::Function::New(env, js_get_async_concurrency, "getAsyncConcurrency"));
  object.Set("setAsyncConcurrency", Napi::Function::New(env, js_set_async_concurrency, "setAsyncConcurrency"));
}

#endif  // BRIDGEGEN_DEFINES_RUNTIME

}  // namespace bridgegen
