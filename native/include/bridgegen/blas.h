// bridgegen runtime — the BLAS thread count (OpenBLAS), so async calls on the libuv pool need not
// each start a full set of BLAS threads: `m.getBlasThreads()` and `m.setBlasThreads(n)`.
// OpenBLAS is found among the libraries already loaded (never loaded by this).
#pragma once

#include <dlfcn.h>
#include <napi.h>

#include "error.h"

namespace bridgegen {

namespace detail {

using SetThreads = void (*)(int);
using GetThreads = int (*)();

/** The OpenBLAS handle if the process has it loaded, else nullptr. */
inline void* openblas() {
  static void* const handle = [] {
    for (const char* name : {"libopenblas.so.0", "libopenblas.so", "libopenblasp-r0.so", "libopenblas.dylib"}) {
      if (void* h = dlopen(name, RTLD_LAZY | RTLD_NOLOAD)) return h;
    }
    return static_cast<void*>(nullptr);
  }();
  return handle;
}

template <typename F>
F openblas_symbol(const char* name) {
  void* handle = openblas();
  return handle ? reinterpret_cast<F>(dlsym(handle, name)) : nullptr;
}

}  // namespace detail

/** The OpenBLAS thread count, or null when OpenBLAS is not loaded. */
inline Napi::Value get_blas_threads(const Napi::CallbackInfo& info) {
  const auto get = detail::openblas_symbol<detail::GetThreads>("openblas_get_num_threads");
  return get ? Napi::Value(Napi::Number::New(info.Env(), get())) : info.Env().Null();
}

/** Sets the OpenBLAS thread count; returns false when OpenBLAS is not loaded. */
inline Napi::Value set_blas_threads(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const double n = info.Length() > 0 && info[0].IsNumber() ? info[0].As<Napi::Number>().DoubleValue() : 0;
  if (!(n >= 1 && n <= 1024 && n == static_cast<int>(n))) {
    throw_range_error(env, "setBlasThreads(): expected an integer from 1 to 1024", code::kArgValue);
  }
  const auto set = detail::openblas_symbol<detail::SetThreads>("openblas_set_num_threads");
  if (set) set(static_cast<int>(n));
  return Napi::Boolean::New(env, set != nullptr);
}

/** `m.getBlasThreads()` / `m.setBlasThreads(n)`: camelCase, so no Fortran name can clash. */
inline void export_blas_controls(Napi::Object exports) {
  exports.Set("getBlasThreads", Napi::Function::New(exports.Env(), get_blas_threads, "getBlasThreads"));
  exports.Set("setBlasThreads", Napi::Function::New(exports.Env(), set_blas_threads, "setBlasThreads"));
}

}  // namespace bridgegen
