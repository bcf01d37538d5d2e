// bridgegen runtime — what a module's init exports: each routine as `name` and `nameAsync`, and
// the objects holding a Fortran module's members.
#pragma once

#include <napi.h>

#include <string>

#include "async_call.h"
#include "call.h"
#include "linkage.h"

namespace bridgegen {

/** Exports `name` (sync) and `nameAsync` on `target`: raw N-API functions, no wrapper per routine. */
BRIDGEGEN_RUNTIME_INLINE void export_routine(Napi::Object target, const char* name, napi_callback sync,
                                             const AsyncRoutine& async);

template <typename Frame>
void export_routine(Napi::Object target, const char* name) {
  export_routine(target, name, call_sync<Frame>, async_routine<Frame>);
}

/** The object for a Fortran module's members (`m.mod.foo`), created on first use. */
inline Napi::Object namespace_object(Napi::Object exports, const char* name) {
  if (!exports.Has(name)) exports.Set(name, Napi::Object::New(exports.Env()));
  return exports.Get(name).As<Napi::Object>();
}

/** `undefined`, for routines with no results. */
inline napi_value undefined_value(Napi::Env env) { return env.Undefined(); }

#if BRIDGEGEN_DEFINES_RUNTIME

BRIDGEGEN_RUNTIME_INLINE void export_routine(Napi::Object target, const char* name, napi_callback sync,
                                             const AsyncRoutine& async) {
  napi_env env = target.Env();
  const std::string async_name = std::string(name) + "Async";
  napi_value function;
  detail::ok(env, napi_create_function(env, name, NAPI_AUTO_LENGTH, sync, nullptr, &function));
  target.Set(name, Napi::Value(env, function));
  detail::ok(env, napi_create_function(env, async_name.c_str(), NAPI_AUTO_LENGTH, call_async,
                                       const_cast<AsyncRoutine*>(&async), &function));
  target.Set(async_name, Napi::Value(env, function));
}

#endif  // BRIDGEGEN_DEFINES_RUNTIME

}  // namespace bridgegen
