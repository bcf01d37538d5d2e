// bridgegen runtime — the BLAS thread count (OpenBLAS): `m.getBlasThreads()`/`m.setBlasThreads(n)`,
// and the policy for async calls: while any runs on the libuv pool, OpenBLAS uses at most one
// thread fewer than the machine has cores, so a core stays with the event loop (BLAS threads that
// take every core were what made a 1024 dgemm delay timers by milliseconds). Sync calls, which
// block the loop anyway, get the whole count. OpenBLAS is found among the libraries already
// loaded (never loaded by this).
#pragma once

#include <dlfcn.h>
#include <napi.h>

#include <algorithm>
#include <atomic>
#include <mutex>

#include "cores.h"
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

/**
 * The thread count the user chose (or OpenBLAS started with) and how many async work items run.
 * The count changes without the lock (pool threads start and end work all the time); only a
 * change between none and some takes it, to make OpenBLAS's setting match the count again.
 */
struct BlasThreads {
  std::mutex mutex;
  SetThreads set = openblas_symbol<SetThreads>("openblas_set_num_threads");
  GetThreads get = openblas_symbol<GetThreads>("openblas_get_num_threads");
  int chosen = get ? get() : 0;           // under the lock
  bool capped = false;                    // under the lock: OpenBLAS is at async_cap()
  std::atomic<int> async_running{0};

  /** What async calls may use: the chosen count, but one core left to the event loop. */
  int async_cap() const { return std::min(chosen, cores_left_for_async()); }

  /** Sets OpenBLAS to what the running count asks for; the lock orders concurrent changes. */
  void reconcile() {
    std::lock_guard<std::mutex> lock(mutex);
    const bool cap = async_running.load() > 0;
    if (cap != capped) set(cap ? async_cap() : chosen);
    capped = cap;
  }
};

inline BlasThreads& blas_threads() {
  static BlasThreads state;
  return state;
}

}  // namespace detail

/** Held by async work while it runs (batch.h): the first caps OpenBLAS, the last restores it. */
class AsyncBlasThreads {
 public:
  AsyncBlasThreads() {
    detail::BlasThreads& b = detail::blas_threads();
    if (b.set != nullptr && b.async_running.fetch_add(1) == 0) b.reconcile();
  }
  ~AsyncBlasThreads() {
    detail::BlasThreads& b = detail::blas_threads();
    if (b.set != nullptr && b.async_running.fetch_sub(1) == 1) b.reconcile();
  }
  AsyncBlasThreads(const AsyncBlasThreads&) = delete;
  AsyncBlasThreads& operator=(const AsyncBlasThreads&) = delete;
};

/** The chosen OpenBLAS thread count (sync calls use it all), or null when OpenBLAS is not loaded. */
inline Napi::Value get_blas_threads(const Napi::CallbackInfo& info) {
  detail::BlasThreads& b = detail::blas_threads();
  if (b.get == nullptr) return info.Env().Null();
  std::lock_guard<std::mutex> lock(b.mutex);
  return Napi::Number::New(info.Env(), b.chosen);
}

/** Sets the OpenBLAS thread count; returns false when OpenBLAS is not loaded. */
inline Napi::Value set_blas_threads(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const double n = info.Length() > 0 && info[0].IsNumber() ? info[0].As<Napi::Number>().DoubleValue() : 0;
  if (!(n >= 1 && n <= 1024 && n == static_cast<int>(n))) {
    throw_range_error(env, "setBlasThreads(): expected an integer from 1 to 1024", code::kArgValue);
  }
  detail::BlasThreads& b = detail::blas_threads();
  if (b.set == nullptr) return Napi::Boolean::New(env, false);
  std::lock_guard<std::mutex> lock(b.mutex);
  b.chosen = static_cast<int>(n);
  b.set(b.capped ? b.async_cap() : b.chosen);
  return Napi::Boolean::New(env, true);
}

/** `m.getBlasThreads()` / `m.setBlasThreads(n)`: camelCase, so no Fortran name can clash. */
inline void export_blas_controls(Napi::Object exports) {
  exports.Set("getBlasThreads", Napi::Function::New(exports.Env(), get_blas_threads, "getBlasThreads"));
  exports.Set("setBlasThreads", Napi::Function::New(exports.Env(), set_blas_threads, "setBlasThreads"));
}

}  // namespace bridgegen
