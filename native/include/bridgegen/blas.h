// bridgegen runtime — the BLAS thread count (OpenBLAS): `m.getBlasThreads()`/`m.setBlasThreads(n)`,
// and the policy for async calls: while async work runs on the libuv pool, its BLAS threads share
// the cores async work may take (`setAsyncConcurrency`, by default one fewer than the machine has,
// so a core stays with the event loop: BLAS threads that took every core were what made a 1024
// dgemm delay timers by milliseconds). One running call gets them all, two get half each, and so
// on, never more than the chosen count; sync calls, which block the loop anyway, get the whole
// count. OpenBLAS is found among the libraries already loaded (never loaded by this).
#pragma once

#include "error.h"
#include "linkage.h"

// The policy only where the runtime is defined (linkage.h): glue calls none of it.
#if BRIDGEGEN_DEFINES_RUNTIME
#include <dlfcn.h>

#include <algorithm>
#include <atomic>
#include <mutex>

#include "cores.h"
#endif

namespace bridgegen {

/** `m.getBlasThreads()` / `m.setBlasThreads(n)`: camelCase, so no Fortran name can clash. */
BRIDGEGEN_RUNTIME_INLINE void export_blas_controls(napi_env env, napi_value exports);

#if BRIDGEGEN_DEFINES_RUNTIME

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
 * The thread count the user chose (or OpenBLAS started with), how many async work items run, and
 * what OpenBLAS was last set to. Work items start and end all the time, so the lock is taken only
 * when the count they call for differs from the one set.
 */
struct BlasThreads {
  std::mutex mutex;
  SetThreads set = openblas_symbol<SetThreads>("openblas_set_num_threads");
  GetThreads get = openblas_symbol<GetThreads>("openblas_get_num_threads");
  std::atomic<int> chosen{get ? get() : 0};
  std::atomic<int> applied{chosen.load()};
  std::atomic<int> async_running{0};

  /** The count for now: the async cores shared among the running work items, or all when none run. */
  int wanted() const {
    const int running = async_running.load();
    const int all = chosen.load();
    return running == 0 ? all : std::max(1, std::min(all, async_concurrency().load() / running));
  }

  /** Sets OpenBLAS to wanted(); the lock orders concurrent changes. */
  void reconcile() {
    if (wanted() == applied.load()) return;
    std::lock_guard<std::mutex> lock(mutex);
    const int count = wanted();
    if (count != applied.load()) set(count);
    applied.store(count);
  }
};

inline BlasThreads& blas_threads() {
  static BlasThreads state;
  return state;
}

}  // namespace detail

/**
 * Held by async work while it runs (batch.h): OpenBLAS follows how many large calls run. A cheap
 * work item (calls that took microseconds) is not counted: its BLAS calls are too small for
 * threads, and counting it set OpenBLAS twice per call, halving a sync call's threads meanwhile.
 */
class AsyncBlasThreads {
 public:
  explicit AsyncBlasThreads(bool large) : counted_(large && detail::blas_threads().set != nullptr) {
    if (!counted_) return;
    detail::BlasThreads& b = detail::blas_threads();
    b.async_running.fetch_add(1);
    b.reconcile();
  }
  ~AsyncBlasThreads() {
    if (!counted_) return;
    detail::BlasThreads& b = detail::blas_threads();
    b.async_running.fetch_sub(1);
    b.reconcile();
  }
  AsyncBlasThreads(const AsyncBlasThreads&) = delete;
  AsyncBlasThreads& operator=(const AsyncBlasThreads&) = delete;

 private:
  const bool counted_;
};

/** The chosen OpenBLAS thread count (sync calls use it all), or null when OpenBLAS is not loaded. */
BRIDGEGEN_RUNTIME_INLINE Napi::Value get_blas_threads(const Napi::CallbackInfo& info) {
  detail::BlasThreads& b = detail::blas_threads();
  if (b.get == nullptr) return info.Env().Null();
  return Napi::Number::New(info.Env(), b.chosen.load());
}

/** Sets the OpenBLAS thread count; returns false when OpenBLAS is not loaded. */
BRIDGEGEN_RUNTIME_INLINE Napi::Value set_blas_threads(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const double n = info.Length() > 0 && info[0].IsNumber() ? info[0].As<Napi::Number>().DoubleValue() : 0;
  if (!(n >= 1 && n <= 1024 && n == static_cast<int>(n))) {
    throw_range_error(env, "setBlasThreads(): expected an integer from 1 to 1024", code::kArgValue);
  }
  detail::BlasThreads& b = detail::blas_threads();
  if (b.set == nullptr) return Napi::Boolean::New(env, false);
  b.chosen.store(static_cast<int>(n));
  b.applied.store(0);  // whatever runs now, set OpenBLAS again
  b.reconcile();
  return Napi::Boolean::New(env, true);
}

BRIDGEGEN_RUNTIME_INLINE void export_blas_controls(napi_env env, napi_value exports) {
  Napi::Object object(env, exports);
  object.Set("getBlasThreads", Napi::Function::New(env, get_blas_threads, "getBlasThreads"));
  object.Set("setBlasThreads", Napi::Function::New(env, set_blas_threads, "setBlasThreads"));
}

#endif  // BRIDGEGEN_DEFINES_RUNTIME

}  // namespace bridgegen
