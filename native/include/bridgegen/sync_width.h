// bridgegen runtime — how many BLAS threads a large sync call runs on. OpenBLAS gives each call
// every thread it has, and some routines run slower so: its dgesv n=256 takes 0.51 ms a call from
// C on one thread of this machine's two, 0.535 on both (a small LU is steps that both threads
// must meet after), where dgemm n=256 takes 0.66 and 0.36. So each routine and size class
// compares its sync calls' run times on every thread ("wide") and on one ("narrow") in the turns
// of width.h, and runs the way that was faster. A sync call blocks the event loop anyway, so its
// own run time is its whole cost (an async queue's is the time between settlements). Narrow
// must run 5% faster to be chosen: a wrong narrow costs up to 1.9x (dgemm), a wrong wide a few
// percent. Only where OpenBLAS is this module's (blas.h) with more than one thread chosen, for
// calls of at least kSizeClassBytes of arrays, and while no large async call runs (those set the
// count); after a narrow call the count goes back, as other modules of the process may share
// that OpenBLAS.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>

#include "args.h"
#include "linkage.h"
#include "width.h"
#if BRIDGEGEN_DEFINES_RUNTIME
#include "blas.h"
#endif

namespace bridgegen {

/** One routine's sync calls of one size class: their comparison, and how many have run. */
struct SyncWidth {
  /**
   * Narrow when 5% faster: on this VM two threads at times run no faster than one for seconds
   * (another guest's load), and by any margin sync dgemm n=256 ended up narrow in 3 of 14 fresh
   * processes (0.62-0.69 ms a call, one thread's speed; with the margin, all 14 at 0.37-0.40).
   * The comparison ends after a narrow turn a fifth slower: a turn of run times is steady, and
   * each narrow call of a routine that threads speed up costs (a sync dgemm n=256 runs 1.9x as
   * long on one thread: with the early end, 8 narrow calls of 1024, 0.7%; the whole comparison,
   * 2%).
   */
  static constexpr WidthStats::Rule kRule{5, true};
  WidthStats stats{kRule};
  // Up to kSustained: a routine's first calls warm up (pages fault in, OpenBLAS makes its buffers),
  // and in a comparison's first turn they would weigh on wide alone.
  std::atomic<uint32_t> calls{0};
};

namespace detail {

/** Per routine, like RoutineRunTime (async_call.h). */
template <typename Frame>
struct RoutineSyncWidths {
  static inline SizeClasses<SyncWidth> value;
};

}  // namespace detail

/** Held around a sync call's run: runs it wide or narrow as its SyncWidth says, and times it. */
class SyncRun {
 public:
  BRIDGEGEN_HOT_INLINE SyncRun(SizeClasses<SyncWidth>& widths, size_t array_bytes) {
    if (array_bytes >= kSizeClassBytes) begin(widths.of(array_bytes));
  }
  BRIDGEGEN_HOT_INLINE ~SyncRun() {
    if (width_ != nullptr) end();
  }
  SyncRun(const SyncRun&) = delete;
  SyncRun& operator=(const SyncRun&) = delete;

 private:
  BRIDGEGEN_RUNTIME_INLINE void begin(SyncWidth& width);
  BRIDGEGEN_RUNTIME_INLINE void end();

  SyncWidth* width_ = nullptr;  // null: not governed, nothing to do after
  bool narrow_ = false;
  std::chrono::steady_clock::time_point started_;
};

#if BRIDGEGEN_DEFINES_RUNTIME

BRIDGEGEN_RUNTIME_INLINE void SyncRun::begin(SyncWidth& width) {
  detail::BlasThreads& b = detail::blas_threads();
  if (b.set == nullptr || b.chosen.load() < 2 || b.async_running.load() > 0) return;
  const uint32_t calls = width.calls.load(std::memory_order_relaxed);
  if (calls < WidthStats::kSustained) width.calls.store(calls + 1, std::memory_order_relaxed);
  width.stats.placed(calls);
  narrow_ = width.stats.narrow_now();
  if (narrow_ && !b.narrow_for_sync()) return;
  width_ = &width;
  started_ = std::chrono::steady_clock::now();
}

BRIDGEGEN_RUNTIME_INLINE void SyncRun::end() {
  const int64_t ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - started_).count();
  detail::BlasThreads& b = detail::blas_threads();
  // A large async call that began meanwhile set the count its own way: this run says nothing.
  const bool own_count = b.async_running.load() == 0;
  if (narrow_) b.reconcile();
  if (own_count) width_->stats.record(narrow_, ns);
}

#endif  // BRIDGEGEN_DEFINES_RUNTIME

}  // namespace bridgegen
