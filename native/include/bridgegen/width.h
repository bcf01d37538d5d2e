// bridgegen runtime — how wide a large async call runs when calls queue: one at a time on every
// BLAS thread ("wide"), or side by side on one BLAS thread each ("narrow"). OpenBLAS speeds some
// routines up nearly twice on two threads (dgemm n=256: 4 in flight ran at 0.90x C's throughput
// wide, 0.73x narrow) and others hardly at all (its dgesv n=256 takes 0.51 ms a call on one
// thread, 0.53 on two: 0.93x wide, 1.41x narrow). No one way suits every routine, so each
// routine and size class (the bytes of its array arguments, in powers of two) keeps the time
// between its calls' settlements while calls queue, each way, and queued calls run the way that
// gets through them faster. That time, not a call's own run time, is what a user waits: a narrow
// call's run time halved said it was faster for dgemm, while a wake-up of the event loop and of
// a pool thread per call made it slower. A call alone runs wide (the shortest wait for it), and
// so do short bursts: each way needs kMinSettled settlements measured first, and narrow is tried
// only for a sustained queue (kSustained; bursts of dgemm n=1024 that tried it cost more than they
// could gain, and slowed the event loop after them). The slower way is measured again every
// kRetryAfter calls, as load and inputs change.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace bridgegen {

/** The mean time between settlements of calls run one way, over the last kWindow or so. */
class SettleRate {
 public:
  static constexpr uint32_t kWindow = 32;

  void record(int64_t ns) {
    int64_t sum = sum_ns_.load(std::memory_order_relaxed) + ns;
    uint32_t count = count_.load(std::memory_order_relaxed) + 1;
    if (count >= kWindow) {  // older settlements count half from here on
      sum /= 2;
      count /= 2;
    }
    sum_ns_.store(sum, std::memory_order_relaxed);
    count_.store(count, std::memory_order_relaxed);
  }
  void reset() {
    sum_ns_.store(0, std::memory_order_relaxed);
    count_.store(0, std::memory_order_relaxed);
  }
  uint32_t count() const { return count_.load(std::memory_order_relaxed); }
  int64_t mean_ns() const {
    const uint32_t count = count_.load(std::memory_order_relaxed);
    return count == 0 ? 0 : sum_ns_.load(std::memory_order_relaxed) / count;
  }

 private:
  // A sum, not a moving average of each gap: two calls that ran side by side from the same moment
  // settle together, a gap of ~0 then one of a whole call, and only their sum says how fast.
  std::atomic<int64_t> sum_ns_{0};
  std::atomic<uint32_t> count_{0};
};

/** How fast one routine's large async calls of one size class got through a queue, wide and narrow. */
class WidthStats {
 public:
  /** Settlements a way needs before its rate counts (a short burst of calls stays wide). */
  static constexpr uint32_t kMinSettled = 8;
  /**
   * Narrow placements that may go to measuring narrow: a program whose queue rarely holds enough
   * calls to fill the cores gets few settlements per burst, and each burst tried narrow paid for
   * it (4 dgemmAsync n=1024 at a time: 112 ms a burst instead of 90).
   */
  static constexpr uint32_t kMaxTries = 2 * kMinSettled;
  /** Placements after which the slower way is measured again. */
  static constexpr uint32_t kRetryAfter = 1024;
  /**
   * Settlements in a row with calls queued before narrow is measured: only a sustained queue can
   * gain from it. The lag bench's bursts of 2 and 4 dgemmAsync n=1024 tried it (at most 16
   * calls), and the event loop's worst tick with a core left, in the rounds between, read 1.3-1.5
   * ms instead of 0.4.
   */
  static constexpr uint32_t kSustained = 16;

  /** JS thread: `ns` between the settlement of a call run `narrow` (or wide) and the one before. */
  void record(bool narrow, int64_t ns) { (narrow ? narrow_ : wide_).record(ns); }

  /**
   * JS thread: whether a call should run narrow when `ready` calls could run side by side (those
   * waiting their turn and the narrow ones running) on `cores`, after `streak` settlements in a
   * row with calls queued: wide until that way is measured (a call alone runs so), then narrow
   * once the queue has lasted kSustained settlements, until it is measured (or its tries run
   * out), then the faster.
   */
  bool prefers_narrow(int ready, int cores, uint32_t streak) const {
    if (ready < std::max(2, cores) || wide_.count() < kMinSettled) return false;
    if (measuring_narrow()) return streak >= kSustained;
    return faster_narrow();
  }

  /**
   * JS thread: a call was placed, `narrow` or wide. The first time narrow looks faster, wide is
   * measured again: it was measured first, in a process's first calls, which are slower (dgesv
   * n=256: 1.1 ms a call wide then, 0.6 later: its outputs' pages fault in until the GC hands
   * buffers back). Then every kRetryAfter placements the slower way is measured afresh.
   */
  void placed(bool narrow) {
    if (wide_.count() < kMinSettled) return;
    if (measuring_narrow()) {
      if (narrow) narrow_tries_.fetch_add(1, std::memory_order_relaxed);
      return;
    }
    if (!confirmed_.exchange(true, std::memory_order_relaxed) && faster_narrow()) return wide_.reset();
    if (since_measured_.fetch_add(1, std::memory_order_relaxed) + 1 < kRetryAfter) return;
    since_measured_.store(0, std::memory_order_relaxed);
    narrow_tries_.store(0, std::memory_order_relaxed);
    (faster_narrow() ? wide_ : narrow_).reset();
  }

 private:
  bool measuring_narrow() const {
    return narrow_.count() < kMinSettled && narrow_tries_.load(std::memory_order_relaxed) < kMaxTries;
  }

  /** Narrow when it is measured and clearly faster: wide, the usual way, waits least for a call alone. */
  bool faster_narrow() const {
    const int64_t wide = wide_.mean_ns();
    return narrow_.count() >= kMinSettled && narrow_.mean_ns() < wide - wide / 20;
  }

  SettleRate wide_;
  SettleRate narrow_;
  // JS threads (workers' too): a lost count only delays a step.
  std::atomic<uint32_t> narrow_tries_{0};    // narrow placements while measuring it
  std::atomic<uint32_t> since_measured_{0};
  std::atomic<bool> confirmed_{false};       // the first choice of narrow was checked
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
    if (queued && streak_ > 0 && narrow == last_narrow_ && count > 0) {
      width.record(narrow, std::chrono::duration_cast<std::chrono::nanoseconds>(now - last_).count() / static_cast<int64_t>(count));
    }
    streak_ = queued ? streak_ + 1 : 0;
    last_ = now;
    last_narrow_ = narrow;
  }

  /** Settlements in a row with calls queued. */
  uint32_t streak() const { return streak_; }

 private:
  std::chrono::steady_clock::time_point last_;
  uint32_t streak_ = 0;  // 0: no calls queued at the last settlement, so the clock stopped
  bool last_narrow_ = false;
};

}  // namespace bridgegen
