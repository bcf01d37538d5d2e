// bridgegen runtime — the array templates every module uses, compiled once: for each element
// type, bridgegen_runtime.cc (native/runtime) instantiates them, and a module built with
// BRIDGEGEN_SEPARATE_RUNTIME declares them `extern` and links that object instead of compiling
// (and optimising) its own copies; it sees only their declarations (linkage.h). GCC spent about a third of a small module's build on them.
// Without the macro (node-gyp and cmake builds, or no build cache) the runtime stays header-only.
#pragma once

#include <cstdint>

#include "args.h"
#include "array.h"
#include "element.h"
#include "input.h"
#include "output.h"
#include "scalar.h"
#include "v8_fast.h"
#include "variable.h"

/** The instances for element type T; EXTERN is `extern` (a declaration) or empty (a definition). */
#define BRIDGEGEN_ARRAY_INSTANCES(EXTERN, T)                                                                  \
  EXTERN template bool detail::exact_typed_array<T>(napi_value, void**, size_t*);                             \
  EXTERN template T read_scalar<T>(const Args&, size_t);                                                      \
  EXTERN template void read_array<T>(Args&, size_t, int, Access, Array<T>&);                                  \
  EXTERN template void alloc_array<T>(Args&, const char*, int, const int64_t*, Array<T>&);                    \
  EXTERN template napi_value array_value<T>(napi_env, const napi_value*, Array<T>&);                          \
  EXTERN template napi_value get_variable<T>(napi_env, napi_callback_info);                                   \
  EXTERN template napi_value set_variable<T>(napi_env, napi_callback_info);

/** Every element type of element.h (the complex ones are in complex.h). */
#define BRIDGEGEN_FOR_EACH_ELEMENT(X, EXTERN)                                                      \
  X(EXTERN, int8_t) X(EXTERN, int16_t) X(EXTERN, int32_t) X(EXTERN, int64_t) X(EXTERN, float)    \
  X(EXTERN, double) X(EXTERN, logical1) X(EXTERN, logical4)

#ifdef BRIDGEGEN_SEPARATE_RUNTIME
namespace bridgegen {
BRIDGEGEN_FOR_EACH_ELEMENT(BRIDGEGEN_ARRAY_INSTANCES, extern)
}  // namespace bridgegen
#endif
