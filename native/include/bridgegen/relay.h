// bridgegen runtime — relayed async calls. An awaited cheap call (`await dsumAsync(x)` in a loop)
// took ~30 us a round trip on this VM, and the work under 1 us of it: the rest was waking a pool
// thread (a futex) and waking the event loop back, as for a hand-written AsyncWorker. So a pool
// thread that has run a cheap call keeps its work item open for the next one a little while (the
// relay wait: BRIDGEGEN_ASYNC_SPIN_US, 50 us by default), and settles each call as it ends,
// through its lane's doorbell (a thread-safe function), not when the work item completes. The
// next call of such a loop joins the waiting thread (batch.h) instead of waking one: ~10 us a
// round trip. The wait is a spin: it keeps that thread's core busy up to 50 us after the last call
// of a burst. A lane stops relaying while it does not pay (next calls come late, or the spinning
// thread keeps losing its core: kRetryEvery). It is off on one core, or a CPU quota
// under two (the spin would take the event loop's time), and with a pool of one thread (file
// system work would wait behind it).
#pragma once

#include <node_api.h>
#include <sys/resource.h>
#include <uv.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <new>
#include <thread>
#include <vector>

#include "cores.h"
#include "keys.h"
#include "pending_call.h"

namespace bridgegen {

/** The relay wait when BRIDGEGEN_ASYNC_SPIN_US does not set it, and the most it may set. */
constexpr long kRelayWaitMicros = 50;
constexpr long kMaxRelayWaitMicros = 1000;
/**
 * A lane stops relaying (but for one work item in kRetryEvery, which looks again) while it does
 * not pay: when its next calls take longer on average to join than the wait (the JS thread runs
 * more code between its calls, or bursts end), or when the waiting thread keeps losing its core,
 * which then someone else wants. Measured with 0/15/30/45/100 us of JS between awaited calls:
 * 33/52/64/78/135 us a round trip relayed against 39/54/76/79/137 unrelayed, the spin costing
 * 0-7 us of CPU a call (relaying stops by itself at 45 us and more); with the other core taken
 * by a higher-priority process, 23 us relayed against 19 us before the preemption check, ~22 us
 * either way after.
 */
constexpr unsigned kRetryEvery = 64;

#if BRIDGEGEN_DEFINES_RUNTIME

namespace detail {

/** Times the calling thread was descheduled while it could run (0 where the system does not say). */
inline long involuntary_switches() {
#ifdef RUSAGE_THREAD
  struct rusage usage;
  return getrusage(RUSAGE_THREAD, &usage) == 0 ? usage.ru_nivcsw : 0;
#else
  return 0;
#endif
}

/** How long a pool thread that ran a cheap call waits for the next (0: it does not wait). */
inline std::chrono::nanoseconds relay_wait() {
  static const std::chrono::nanoseconds wait = [] {
    const char* pool = std::getenv("UV_THREADPOOL_SIZE");  // libuv reads 0 and junk as 1 too
    const double quota = cpu_quota_cores();
    if (available_cores() < 2 || (quota > 0 && quota < 2) || (pool != nullptr && std::atol(pool) <= 1)) {
      return std::chrono::nanoseconds(0);
    }
    long micros = kRelayWaitMicros;
    if (const char* text = std::getenv("BRIDGEGEN_ASYNC_SPIN_US"); text != nullptr && *text != '\0') {
      char* end = nullptr;
      const long value = std::strtol(text, &end, 10);
      if (*end == '\0' && value >= 0) micros = std::min(value, kMaxRelayWaitMicros);
    }
    return std::chrono::nanoseconds(std::chrono::microseconds(micros));
  }();
  return wait;
}

/**
 * Turn `turn` of a spin. Mostly a pause (the core, and a hyperthread beside it, learn that this
 * thread only waits); every 64th turn a yield to the scheduler: when the JS thread is queued for
 * the same core (the other busy), spinning there would keep it from making the very call waited
 * for (measured with both cores busy with other processes, one of higher priority: 60-85 us a
 * round trip without the yields, against ~32 us unrelayed).
 */
inline void spin_turn(unsigned turn) {
  if (turn % 64 == 63) {
    std::this_thread::yield();
    return;
  }
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

/**
 * Settles `call` in a handle scope of its own when `scoped` (calls settled one after another then
 * leave no handles behind for the next). N-API's completion callback has one of its own, enough
 * for a work item of one call: a scope more cost ~250 instructions an awaited call.
 */
inline void settle_call(napi_env env, PendingCall* call, bool scoped) {
  napi_handle_scope scope = nullptr;
  if (scoped && napi_open_handle_scope(env, &scope) != napi_ok) scope = nullptr;
  call->settle(env);
  if (scope != nullptr) napi_close_handle_scope(env, scope);
}

/**
 * Where relayed calls that have run wait for the JS thread, which settles them when the doorbell
 * (a libuv async handle on the environment's loop) rings: each as call `index` of work item
 * `batch`, by `settle` (batch.h), which also frees it then. Not a thread-safe function: its ring
 * holds its queue's lock while it writes the loop's eventfd, and the JS thread, woken by that
 * write, then slept on the lock (perf, 4 dgemmAsync n=256 in flight: 12% of the JS thread's
 * samples in that futex wait, a sleep and a wake-up more per ring). Shared by the lane, the work
 * items that relay and the handle, so a worker's lane may end while a pool thread still holds
 * one. A work item's completion drains the doorbell first, then settles whatever it could not
 * take (closed at the environment's end, or out of memory).
 */
class Doorbell {
 public:
  using Settle = void (*)(napi_env env, void* batch, size_t index);

  /** JS thread: a doorbell for `env`'s lane; null when none can be made. */
  static std::shared_ptr<Doorbell> open(napi_env env, Settle settle) {
    auto bell = std::make_shared<Doorbell>();
    bell->settle_ = settle;
    bell->env_ = env;
    uv_loop_t* loop = nullptr;
    if (napi_get_uv_event_loop(env, &loop) != napi_ok || loop == nullptr) return nullptr;
    napi_value resource = nullptr;
    if (napi_create_object(env, &resource) != napi_ok ||
        napi_async_init(env, resource, key(env, Key::kBridgegen), &bell->context_) != napi_ok) {
      return nullptr;
    }
    auto* handle = new (std::nothrow) Handle{{}, bell};  // the loop's until its close callback
    if (handle == nullptr || uv_async_init(loop, &handle->async, answer) != 0) {
      delete handle;
      napi_async_destroy(env, bell->context_);
      return nullptr;
    }
    handle->async.data = handle;
    uv_unref(reinterpret_cast<uv_handle_t*>(&handle->async));  // pending work items keep the loop alive, not this
    bell->handle_ = handle;
    if (napi_add_env_cleanup_hook(env, close, bell.get()) != napi_ok) {
      close(bell.get());
      return nullptr;
    }
    return bell;
  }

  /** Pool thread: how long this work item waits for a next call (0: it does not relay). */
  std::chrono::nanoseconds wait() {
    if (slow() && retries_.fetch_add(1, std::memory_order_relaxed) % kRetryEvery != 0) return std::chrono::nanoseconds(0);
    return relay_wait();
  }
  /** Whether next calls have lately come too late for the wait to pay. */
  bool slow() const { return turnaround_.load(std::memory_order_relaxed) > relay_wait().count(); }
  /**
   * Pool thread: a next call joined `took` after the last one ended, and the waiting thread lost
   * its core meanwhile if `preempted`, which counts as twice the wait: now and then is nothing
   * (every few ms here, idle), at most calls the spin is in the JS thread's way. A moving average;
   * a lost update only delays it.
   */
  void joined_after(std::chrono::nanoseconds took, bool preempted) {
    if (preempted) took = std::max(took, 2 * relay_wait());
    const int64_t old = turnaround_.load(std::memory_order_relaxed);
    turnaround_.store(old + (took.count() - old) / 8, std::memory_order_relaxed);
  }

  /**
   * Pool thread: call `index` of `batch` has run, and the pool thread is done with it: the JS
   * thread settles it soon (or the work item's completion does).
   */
  void ring(void* batch, size_t index) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (closed_) return;
      const bool rung = !finished_.empty();  // then a ring is on its way, and its drain takes this one too
      try {
        finished_.push_back({batch, index});
      } catch (...) {
        return;  // out of memory: the work item's completion settles it
      }
      // One ring for all the calls that end before the JS thread answers: each costs it a callback
      // scope and a microtask checkpoint (64 calls in flight: 3.2 us a call with one ring each).
      if (rung) return;
    }
    // Rung outside mutex_: the JS thread wakes at once and drains under it, and waiting for this
    // thread to leave it cost the JS thread a sleep and a wake-up more per ring. A drain that
    // comes first (a work item's completion) leaves this ring nothing to settle.
    std::lock_guard<std::mutex> lock(handle_mutex_);
    if (handle_ != nullptr) uv_async_send(&handle_->async);
  }

  /** JS thread: settles the calls that have run. */
  void drain(napi_env env) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      draining_.swap(finished_);  // both keep their capacity: no allocation per call
    }
    for (const Finished& f : draining_) settle_(env, f.batch, f.index);
    draining_.clear();
  }

 private:
  /** The loop's async handle, and the doorbell it rings, kept until the handle has closed. */
  struct Handle {
    uv_async_t async;
    std::shared_ptr<Doorbell> bell;
  };

  /**
   * JS thread, on the loop: drains in a callback scope, as N-API's own callbacks run, so the
   * promises settled run their reactions (a microtask checkpoint) when it closes.
   */
  static void answer(uv_async_t* async) {
    Doorbell& bell = *static_cast<Handle*>(async->data)->bell;
    napi_handle_scope handles = nullptr;
    if (napi_open_handle_scope(bell.env_, &handles) != napi_ok) return;
    napi_value resource = nullptr;
    napi_callback_scope scope = nullptr;
    if (napi_create_object(bell.env_, &resource) == napi_ok &&
        napi_open_callback_scope(bell.env_, resource, bell.context_, &scope) == napi_ok) {
      bell.drain(bell.env_);
      napi_close_callback_scope(bell.env_, scope);
    }
    napi_close_handle_scope(bell.env_, handles);
  }

  /** The environment's cleanup hook: no ring reaches the handle after it, which closes. */
  static void close(void* data) {
    auto* bell = static_cast<Doorbell*>(data);
    Handle* handle = nullptr;
    {
      std::lock_guard<std::mutex> lock(bell->mutex_);
      bell->closed_ = true;
      bell->finished_.clear();
    }
    {
      std::lock_guard<std::mutex> lock(bell->handle_mutex_);
      std::swap(handle, bell->handle_);
    }
    if (handle == nullptr) return;
    napi_async_destroy(bell->env_, bell->context_);
    uv_close(reinterpret_cast<uv_handle_t*>(&handle->async), [](uv_handle_t* h) { delete static_cast<Handle*>(h->data); });
  }

  struct Finished {
    void* batch;
    size_t index;
  };

  Settle settle_ = nullptr;
  napi_env env_ = nullptr;
  napi_async_context context_ = nullptr;
  std::atomic<int64_t> turnaround_{0};
  std::atomic<unsigned> retries_{0};
  std::mutex mutex_;  // guards closed_ and finished_ between the pool threads and the JS thread
  bool closed_ = false;
  std::vector<Finished> finished_;
  std::mutex handle_mutex_;  // guards handle_ between the pool threads that ring and close()
  Handle* handle_ = nullptr;
  std::vector<Finished> draining_;  // JS thread only
};

}  // namespace detail

#endif  // BRIDGEGEN_DEFINES_RUNTIME

}  // namespace bridgegen
