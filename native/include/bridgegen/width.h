// bridgegen runtime — how wide a large async call runs when calls queue: one at a time on every
// BLAS thread ("wide"), or side by side on one BLAS thread each ("narrow"). OpenBLAS speeds some
// routines up nearly twice on two threads (dgemm n=256: 4 in flight ran at 0.90x C's throughput
// wide, 0.73x narrow) and others hardly at all (its dgesv n=256 takes 0.51 ms a call on one
// thread, 0.53 on two: 0.93x wide, 1.41x narrow). No one way suits every routine, so each
// routine and size class (the bytes of its array arguments, in powers of two) keeps the time
// between its calls' settlements while calls queue, each way, and queued calls run the way that
// gets through them faster. That time, not a call's own run time, is what a user waits: a narrow
// call's run time halved said it was faster for dgemm, while a wake-up of the event loop and of
// a pool thread per call made it slower. A call alone runs wide (the shortest wait for it); the
// way not chosen is tried again, a few calls, every kRetryAfter calls, as load and inputs change.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace bridgegen {

/** How fast one routine's large async calls of one size class got through a queue, wide and narrow. */
class WidthStats {
 public:
  /** Placements the usual way after which the other is tried again, for kTries placements. */
  static constexpr uint32_t kRetryAfter = 256;
  static constexpr uint32_t kTries = 4;

  /** JS thread: `ns` between the settlement of a call run `narrow` (or wide) and the one before. */
  void record(bool narrow, int64_t ns) {
    std::atomic<int64_t>& average = narrow ? narrow_ns_ : wide_ns_;
    const int64_t old = average.load(std::memory_order_relaxed);
    average.store(old == 0 ? std::max<int64_t>(ns, 1) : old + (ns - old) / 4, std::memory_order_relaxed);
  }

  /**
   * JS thread: whether a call should run narrow when `ready` large calls (itself, those waiting
   * and those running) could share the cores. Wide is measured first (a call alone runs so), then
   * narrow, as soon as calls queue; from then on the faster, but for the tries of the other.
   */
  bool prefers_narrow(int ready) const {
    if (ready < 2) return false;
    const int64_t wide = wide_ns_.load(std::memory_order_relaxed);
    const int64_t narrow = narrow_ns_.load(std::memory_order_relaxed);
    if (wide == 0) return false;
    if (narrow == 0) return true;
    return faster_narrow(wide, narrow) != (tries_left_.load(std::memory_order_relaxed) > 0);
  }

  /** JS thread: a call was placed `narrow` (or wide) as prefers_narrow said. */
  void placed(bool narrow) {
    const int64_t wide = wide_ns_.load(std::memory_order_relaxed);
    const int64_t narrow_ns = narrow_ns_.load(std::memory_order_relaxed);
    if (wide == 0 || narrow_ns == 0) return;
    if (narrow != faster_narrow(wide, narrow_ns)) {
      const uint32_t left = tries_left_.load(std::memory_order_relaxed);
      tries_left_.store(left > 0 ? left - 1 : 0, std::memory_order_relaxed);
    } else if (since_tried_.fetch_add(1, std::memory_order_relaxed) + 1 >= kRetryAfter) {
      since_tried_.store(0, std::memory_order_relaxed);
      tries_left_.store(kTries, std::memory_order_relaxed);
    }
  }

 private:
  /** Narrow when it is clearly faster: wide, the usual way, waits least for a call alone. */
  static bool faster_narrow(int64_t wide, int64_t narrow) { return narrow < wide - wide / 20; }

  std::atomic<int64_t> wide_ns_{0};  // moving averages; 0: not measured yet
  std::atomic<int64_t> narrow_ns_{0};
  // Several JS threads (workers) may place calls of one routine: a lost count only delays a try.
  std::atomic<uint32_t> since_tried_{0};
  std::atomic<uint32_t> tries_left_{0};
};

/** One routine's WidthStats by size class: log2 of its calls' array bytes (all below 64 KiB: one). */
class Widths {
 public:
  WidthStats& of(size_t bytes) {
    int size_class = 0;
    for (size_t b = bytes >> 16; b != 0 && size_class < kClasses - 1; b >>= 1) size_class++;
    return classes_[size_class];
  }

 private:
  static constexpr int kClasses = 32;
  WidthStats classes_[kClasses];
};

/**
 * The time between one JS thread's settlements of large calls, handed to their WidthStats: only
 * while calls queue (else it would count the caller's own pauses), and only between calls that
 * ran the same way (a change of way waits for the calls of the other to end first).
 */
class SettleClock {
 public:
  /** JS thread: `count` calls that ran `narrow` (or wide) settled now; `queued`: others wait or run. */
  void settled(WidthStats& width, bool narrow, size_t count, bool queued) {
    const auto now = std::chrono::steady_clock::now();
    if (queued && running_ && narrow == last_narrow_ && count > 0) {
      width.record(narrow, std::chrono::duration_cast<std::chrono::nanoseconds>(now - last_).count() / static_cast<int64_t>(count));
    }
    running_ = queued;
    last_ = now;
    last_narrow_ = narrow;
  }

 private:
  std::chrono::steady_clock::time_point last_;
  bool running_ = false;  // calls queued at the last settlement: the clock runs
  bool last_narrow_ = false;
};

}  // namespace bridgegen
