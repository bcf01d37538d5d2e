// bridgegen runtime — what a module's init exports: each routine as `name` and `nameAsync`, and
// the objects holding a Fortran module's members.
#pragma once

#include <string>

#include "async_call.h"
#include "call.h"
#include "error.h"
#include "linkage.h"

namespace bridgegen {

/** Exports `name` (sync) and `nameAsync` on `target`: raw N-API functions, no wrapper per routine. */
BRIDGEGEN_RUNTIME_INLINE void export_routine(napi_env env, napi_value target, const char* name, napi_callback sync,
                                             const AsyncRoutine& async);

template <typename Frame>
void export_routine(napi_env env, napi_value target, const char* name) {
  export_routine(env, target, name, call_sync<Frame>, async_routine<Frame>);
}

/** The object for a Fortran module's members (`m.mod.foo`), created on first use. */
BRIDGEGEN_RUNTIME_INLINE napi_value namespace_object(napi_env env, napi_value exports, const char* name);

/** `undefined`, for routines with no results. */
inline napi_value undefined_value(napi_env env) {
  napi_value value;
  detail::ok(env, napi_get_undefined(env, &value));
  return value;
}

/** A module's initialiser: exports what the module defines on `exports`. */
using ModuleInit = void (*)(napi_env env, napi_value exports);

/** Runs `init` for NAPI_MODULE: an exception it throws becomes the JS exception of loading the module. */
BRIDGEGEN_RUNTIME_INLINE napi_value init_module(napi_env env, napi_value exports, ModuleInit init);

#if BRIDGEGEN_DEFINES_RUNTIME

BRIDGEGEN_RUNTIME_INLINE void export_routine(napi_env env, napi_value target, const char* name, napi_callback sync,
                                             const AsyncRoutine& async) {
  const std::string async_name = std::string(name) + "Async";
  napi_value function;
  detail::ok(env, napi_create_function(env, name, NAPI_AUTO_LENGTH, sync, nullptr, &function));
  detail::ok(env, napi_set_named_property(env, target, name, function));
  detail::ok(env, napi_create_function(env, async_name.c_str(), NAPI_AUTO_LENGTH, call_async,
                                       const_cast<AsyncRoutine*>(&async), &function));
  detail::ok(env, napi_set_named_property(env, target, async_name.c_str(), function));
}

BRIDGEGEN_RUNTIME_INLINE napi_value namespace_object(napi_env env, napi_value exports, const char* name) {
  Napi::Object object(env, exports);
  if (!object.Has(name)) object.Set(name, Napi::Object::New(env));
  return object.Get(name);
}

BRIDGEGEN_RUNTIME_INLINE napi_value init_module(napi_env env, napi_value exports, ModuleInit init) {
  return detail::guard(env, [&] {
    init(env, exports);
    return exports;
  });
}

#endif  // BRIDGEGEN_DEFINES_RUNTIME

}  // namespace bridgegen

/** The module's registration, as NODE_API_MODULE, for an initialiser `void init(napi_env, napi_value exports)`. */
#define BRIDGEGEN_MODULE(modname, init)                                                                     \
  static napi_value bridgegen_register_module(napi_env env, napi_value exports) {                          \
    return bridgegen::init_module(env, exports, init);                                                      \
  }                                                                                                         \
  NAPI_MODULE(modname, bridgegen_register_module)
