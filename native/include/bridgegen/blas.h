// bridgegen runtime — the BLAS thread count (OpenBLAS): `m.getBlasThreads()`/`m.setBlasThreads(n)`,
// and what it means for async calls. Async work may take `setAsyncConcurrency` cores (by default
// all of them, like a sync call). A large async call runs either wide, one at a time on as many
// BLAS threads as it may (the chosen count, at most those cores), or narrow, side by side with
// others on one BLAS thread each: OpenBLAS's thread count is the process's, so the two never run
// at once, and width.h decides per routine and size which gets through queued calls faster. With
// `setBlasThreads(1)` calls always run side by side, a core each; with
// `setAsyncConcurrency(cores - 1)` a core stays with the event loop. Sync calls, which block the
// loop anyway, get the whole count, or one thread where that ran faster (sync_width.h). OpenBLAS
// is the one the module links (never loaded by this); a module without it has no policy.
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

/**
 * This module's own shared object (the one dladdr finds this function in; hidden, so no other
 * module's copy answers), or nullptr.
 */
__attribute__((visibility("hidden"))) inline void* own_object() {
  static void* const handle = [] {
    Dl_info info;
    if (dladdr(reinterpret_cast<void*>(&own_object), &info) == 0 || info.dli_fname == nullptr) return static_cast<void*>(nullptr);
    return dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
  }();
  return handle;
}

/**
 * An OpenBLAS function as this module links it (directly, through Debian's libblas/liblapack, or
 * statically): looked up in the module and its dependencies only, so a module that links no BLAS
 * is not governed by the OpenBLAS another module loaded, and its large calls still run side by side.
 */
template <typename F>
F openblas_symbol(const char* name) {
  void* handle = own_object();
  return handle ? reinterpret_cast<F>(dlsym(handle, name)) : nullptr;
}

/**
 * The thread count the user chose (or OpenBLAS started with), how many large async calls run, and
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
  std::atomic<int> narrow_running{0};  // of them, those side by side (width.h)

  /** A large async call's BLAS threads when it runs wide: the chosen count, at most the async cores. */
  int per_async_call() const { return std::max(1, std::min(chosen.load(), async_concurrency().load())); }

  /** The count for now: all when no large async call runs, one when narrow ones run, else theirs. */
  int wanted() const {
    if (async_running.load() == 0) return chosen.load();
    return narrow_running.load() > 0 ? 1 : per_async_call();
  }

  /**
   * Sets OpenBLAS to one thread for a sync call run narrow (sync_width.h), which reconcile()
   * undoes after it; false, leaving it, while large async calls run: theirs is the count.
   */
  bool narrow_for_sync() {
    std::lock_guard<std::mutex> lock(mutex);
    if (async_running.load() > 0) return false;
    apply(1);
    return true;
  }

  /** Sets OpenBLAS to wanted(); the lock orders concurrent changes. */
  void reconcile() {
    if (wanted() == applied.load()) return;
    std::lock_guard<std::mutex> lock(mutex);
    apply(wanted());
  }

  /** Under the lock: OpenBLAS set to `count`, unless it is already. */
  void apply(int count) {
    if (count != applied.load()) set(count);
    applied.store(count);
  }
};

inline BlasThreads& blas_threads() {
  static BlasThreads state;
  return state;
}

/**
 * How many large async calls run at once: the async cores, each call taking as many as its BLAS
 * threads (one without OpenBLAS), and at least one.
 */
inline int large_calls_at_once() {
  const BlasThreads& b = blas_threads();
  const int per_call = b.set != nullptr ? b.per_async_call() : 1;
  return std::max(1, async_concurrency().load() / per_call);
}

/** Whether a large async call may run two ways, wide and narrow: OpenBLAS would give it more than one thread. */
inline bool width_matters() {
  const BlasThreads& b = blas_threads();
  return b.set != nullptr && b.per_async_call() > 1;
}

}  // namespace detail

/**
 * Held by async work while it runs (batch.h): OpenBLAS follows whether large calls run, and how
 * wide. A cheap work item (calls that took microseconds) is not counted: its BLAS calls are too
 * small for threads, and counting it set OpenBLAS twice per call, halving a sync call's threads
 * meanwhile.
 */
class AsyncBlasThreads {
 public:
  AsyncBlasThreads(bool large, bool narrow) : counted_(large && detail::blas_threads().set != nullptr), narrow_(narrow) {
    if (!counted_) return;
    detail::BlasThreads& b = detail::blas_threads();
    if (narrow_) b.narrow_running.fetch_add(1);
    b.async_running.fetch_add(1);
    b.reconcile();
  }
  ~AsyncBlasThreads() {
    if (!counted_) return;
    detail::BlasThreads& b = detail::blas_threads();
    b.async_running.fetch_sub(1);
    if (narrow_) b.narrow_running.fetch_sub(1);
    b.reconcile();
  }
  AsyncBlasThreads(const AsyncBlasThreads&) = delete;
  AsyncBlasThreads& operator=(const AsyncBlasThreads&) = delete;

 private:
  const bool counted_;
  const bool narrow_;
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
