// bridgegen runtime — one async call as the libuv pool sees it (type-erased: a work item may hold
// calls of any routine), and the recent run time of a routine, which tells a cheap call (batched
// and relayed: batch.h, relay.h) from a large one.
#pragma once

#include <node_api.h>

#include <atomic>
#include <chrono>
#include <cstdint>

#include "width.h"

namespace bridgegen {

/** One async call as the pool sees it: type-erased, so a batch may hold calls of any routine. */
class PendingCall {
 public:
  virtual ~PendingCall() = default;
  /** Pool thread: runs the routine, unless the call was cancelled before it started. */
  void run() {
    bool expected = false;
    if (!started_.compare_exchange_strong(expected, true)) return;  // cancelled first
    execute();
  }
  /**
   * JS thread: cancels the call if it has not started (then it never will); false when it has.
   * The owner settles the promise itself, and `settle` is not called for a cancelled call.
   */
  bool cancel() {
    bool expected = false;
    return started_.compare_exchange_strong(expected, true) && (cancelled_ = true);
  }
  bool cancelled() const { return cancelled_; }
  /** Pool thread, as a large call ends: when, for the width of its routine's calls (width.h). */
  void stamp_end() { ended_at_ = std::chrono::steady_clock::now(); }
  std::chrono::steady_clock::time_point ended_at() const { return ended_at_; }
  /** Whether the call may wait in a batch behind others (not when it calls back into JS). */
  virtual bool batchable() const = 0;
  /** Whether the call keeps a core busy while it runs (a large call without callbacks). */
  virtual bool compute_bound() const = 0;
  /** Whether the call takes the module's state lock (its routine is not threadsafe). */
  virtual bool keeps_state() const = 0;
  /** How its routine's calls of its size ran wide and narrow (width.h). */
  virtual WidthStats& width() const = 0;
  /** JS thread, once the routine has run: resolves or rejects the promise. */
  virtual void settle(napi_env env) = 0;

 protected:
  virtual void execute() = 0;

 private:
  std::atomic<bool> started_{false};
  bool cancelled_ = false;  // JS thread only
  std::chrono::steady_clock::time_point ended_at_;  // read by the JS thread once the call settles
};

/** A routine whose runs take less than this (moving average) is cheap enough to batch. */
constexpr int64_t kCheapNanos = 20000;
/** The most one run counts for in that average. */
constexpr int64_t kOutlierNanos = 4 * kCheapNanos;

/**
 * The recent run time of one routine (each has its own: async_call.h's AsyncRoutine points to it): a
 * moving average over its runs, updated by the pool threads without a lock (a lost update only
 * delays the average).
 */
class RunTime {
 public:
  bool cheap() const { return average_.load(std::memory_order_relaxed) < kCheapNanos; }
  void record(int64_t took_nanos) {
    // A run counts for at most kOutlierNanos: a cheap routine's run that was preempted
    // (milliseconds on a busy machine) does not make its next calls large (each its own work
    // item, waiting their turn) for long; a routine that really is slow stays above kCheapNanos.
    const int64_t ns = took_nanos < kOutlierNanos ? took_nanos : kOutlierNanos;
    const int64_t old = average_.load(std::memory_order_relaxed);
    average_.store(old == kUnknown ? ns : old + (ns - old) / 8, std::memory_order_relaxed);
  }

 private:
  static constexpr int64_t kUnknown = INT64_MAX;
  std::atomic<int64_t> average_{kUnknown};
};

}  // namespace bridgegen
