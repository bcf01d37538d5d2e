// bridgegen runtime — the libuv pool side of async calls. Waking a pool thread and waking the
// event loop back are most of what a small async call costs (futex system calls, ~10 us here),
// so a cheap call (its routine's recent runs took under kCheapNanos) joins a work item that is
// queued and not yet started, if there is one: the item runs its calls one after the other and
// settles them together. Other calls get their own work item, so large calls still run in
// parallel (two dgemm on two threads), and the first call of a routine counts as large.
//
// Large calls share the cores with the event loop: at most `async concurrency` of them (default:
// one fewer than the cores, so a core stays with the loop) are on the pool at once; the rest wait
// here, on the JS thread, not on a pool thread (which file system and DNS work need too). Two
// large calls on two cores delayed a 1 ms timer by 3.4 ms (bench: linalg, event-loop lag). For
// the same reason a large call of a routine that keeps state waits here while another runs,
// rather than on the module's state lock in a pool thread.
#pragma once

#include <node_api.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <vector>

#include "blas.h"
#include "cores.h"
#include "inline_vector.h"
#include "keys.h"
#include "linkage.h"

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
  /** Whether the call may wait in a batch behind others (not when it calls back into JS). */
  virtual bool batchable() const = 0;
  /** Whether the call keeps a core busy while it runs (a large call without callbacks). */
  virtual bool compute_bound() const = 0;
  /** Whether the call takes the module's state lock (its routine is not threadsafe). */
  virtual bool keeps_state() const = 0;
  /** JS thread, once the routine has run: resolves or rejects the promise. */
  virtual void settle(napi_env env) = 0;

 protected:
  virtual void execute() = 0;

 private:
  std::atomic<bool> started_{false};
  bool cancelled_ = false;  // JS thread only
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
  void record(std::chrono::steady_clock::duration took) {
    // A run counts for at most kOutlierNanos: a cheap routine's run that was preempted
    // (milliseconds on a busy machine) does not make its next calls large (each its own work
    // item, waiting their turn) for long; a routine that really is slow stays above kCheapNanos.
    const int64_t ns = std::min(std::chrono::duration_cast<std::chrono::nanoseconds>(took).count(), kOutlierNanos);
    const int64_t old = average_.load(std::memory_order_relaxed);
    average_.store(old == kUnknown ? ns : old + (ns - old) / 8, std::memory_order_relaxed);
  }

 private:
  static constexpr int64_t kUnknown = INT64_MAX;
  std::atomic<int64_t> average_{kUnknown};
};

// The pool side below is called only from the runtime's own functions (call_async, the async
// controls): a module that links the compiled runtime does not see it, nor instantiate its
// containers at the end of every glue file.
#if BRIDGEGEN_DEFINES_RUNTIME

namespace detail {

/** One libuv work item and the calls it runs. */
struct Batch {
  napi_async_work work = nullptr;
  std::mutex mutex;               // guards `calls` and `started` between the JS and pool threads
  InlineVector<PendingCall*, 4> calls;
  bool started = false;           // the pool thread has taken `calls`: no more may join
  bool batchable = true;
  bool gated = false;             // a large call: counted against the async concurrency
  bool stateful = false;          // ... that takes the state lock: one at a time
};

/**
 * The work items of one JS thread (so of one Node environment). Only the JS thread reads or
 * changes them: `waiting` are on the pool and may not have started (items leave when they
 * complete); `gated` wait for one of the `running_gated` large calls to end (and a stateful
 * one for the running stateful one).
 */
struct Lane {
  std::vector<Batch*> waiting;
  std::deque<Batch*> gated;
  int running_gated = 0;
  int running_stateful = 0;
  bool cleanup_registered = false;
};

inline Lane& lane() {
  thread_local Lane instance;
  return instance;
}

}  // namespace detail

namespace detail {

inline void run_batch(napi_env /*env*/, void* data) {
  auto* batch = static_cast<Batch*>(data);
  size_t count = 0;
  {
    std::lock_guard<std::mutex> lock(batch->mutex);
    batch->started = true;
    count = batch->calls.size();
  }
  // No call joins a started batch (join_waiting), so `calls` stays as it is: no copy per work item.
  const AsyncBlasThreads blas_threads(batch->gated);  // shares the async cores among running large calls (blas.h)
  for (size_t k = 0; k < count; k++) batch->calls[k]->run();
}

void settle_batch(napi_env env, napi_status status, void* data);

/** Puts `batch` on the pool; on failure the caller still owns it. */
inline napi_status submit(napi_env env, Lane& lane, Batch* batch) {
  napi_status status = napi_create_async_work(env, async_resource(env), key(env, Key::kBridgegen), run_batch, settle_batch, batch, &batch->work);
  if (status == napi_ok) status = napi_queue_async_work(env, batch->work);
  if (status != napi_ok) {
    if (batch->work != nullptr) napi_delete_async_work(env, batch->work);
    batch->work = nullptr;
    return status;
  }
  lane.waiting.push_back(batch);
  if (batch->gated) lane.running_gated++;
  if (batch->gated && batch->stateful) lane.running_stateful++;
  return napi_ok;
}

/**
 * Settles `call` in a handle scope of its own when `scoped` (a batch's calls then leave no
 * handles behind for the next). N-API's completion callback has one of its own, enough for a
 * batch of one call: a scope more cost ~250 instructions an awaited call.
 */
inline void settle_call(napi_env env, PendingCall* call, bool scoped) {
  napi_handle_scope scope = nullptr;
  if (scoped && napi_open_handle_scope(env, &scope) != napi_ok) scope = nullptr;
  call->settle(env);
  if (scope != nullptr) napi_close_handle_scope(env, scope);
}

/** Settles the calls of a batch that never reached the pool. */
inline void settle_unqueued(napi_env env, Batch* batch) {
  for (PendingCall* call : batch->calls) {
    if (env != nullptr && !call->cancelled()) {  // could not be queued (out of memory): run it here
      call->run();
      settle_call(env, call, true);
    }
    delete call;
  }
  delete batch;
}

/** Whether a large call may go to the pool now. */
inline bool has_turn(const Lane& lane, const Batch* batch) {
  return lane.running_gated < async_concurrency().load() && !(batch->stateful && lane.running_stateful > 0);
}

/** JS thread: sends waiting large calls to the pool, in call order, while they have their turn. */
inline void dispatch_gated(napi_env env, Lane& lane) {
  for (auto it = lane.gated.begin(); it != lane.gated.end() && lane.running_gated < async_concurrency().load();) {
    Batch* batch = *it;
    if (batch->calls.front()->cancelled()) {  // aborted while it waited: already rejected
      it = lane.gated.erase(it);
      settle_unqueued(env, batch);
    } else if (has_turn(lane, batch)) {
      it = lane.gated.erase(it);
      if (submit(env, lane, batch) != napi_ok) settle_unqueued(env, batch);
    } else {
      ++it;  // a stateful call behind the running one: threadsafe calls after it may go
    }
  }
}

/** The environment is going away (a worker terminated): gated calls will never run. */
inline void drop_gated(void* data) {
  auto* lane = static_cast<Lane*>(data);
  for (Batch* batch : lane->gated) settle_unqueued(nullptr, batch);
  lane->gated.clear();
  lane->running_gated = 0;
  lane->running_stateful = 0;
  lane->cleanup_registered = false;
}

inline void settle_batch(napi_env env, napi_status status, void* data) {
  auto* batch = static_cast<Batch*>(data);
  Lane& lane = detail::lane();
  std::vector<Batch*>& waiting = lane.waiting;
  for (size_t k = 0; k < waiting.size(); k++) {
    if (waiting[k] == batch) {
      waiting.erase(waiting.begin() + static_cast<long>(k));
      break;
    }
  }
  if (batch->gated && lane.running_gated > 0) lane.running_gated--;
  if (batch->gated && batch->stateful && lane.running_stateful > 0) lane.running_stateful--;
  // Cancelled by the environment's teardown (a terminated worker): the promises cannot settle,
  // but each call still releases what it holds.
  const bool scoped = batch->calls.size() > 1;
  for (PendingCall* call : batch->calls) {
    if (status == napi_ok && !call->cancelled()) settle_call(env, call, scoped);
    delete call;
  }
  napi_delete_async_work(env, batch->work);
  delete batch;
  if (status == napi_ok) dispatch_gated(env, lane);
}

/** Adds `call` to a batch of cheap calls that no pool thread has taken yet: true when it joined. */
inline bool join_waiting(Lane& lane, PendingCall* call) {
  for (auto it = lane.waiting.rbegin(); it != lane.waiting.rend(); ++it) {  // the newest first
    Batch* batch = *it;
    if (!batch->batchable) continue;
    std::lock_guard<std::mutex> lock(batch->mutex);
    if (batch->started) continue;
    batch->calls.push_back(call);
    return true;
  }
  return false;
}

/** Makes `batch` wait for a running large call to end. */
inline napi_status hold(napi_env env, Lane& lane, Batch* batch) {
  if (!lane.cleanup_registered) {
    const napi_status status = napi_add_env_cleanup_hook(env, drop_gated, &lane);
    if (status != napi_ok) return status;
    lane.cleanup_registered = true;
  }
  lane.gated.push_back(batch);
  return napi_ok;
}

}  // namespace detail

/** Queues `call` for the libuv pool; it is owned (and deleted) by its batch from here on. */
inline napi_status queue_call(napi_env env, PendingCall* call) {
  detail::Lane& lane = detail::lane();
  if (call->batchable() && detail::join_waiting(lane, call)) return napi_ok;
  auto* batch = new detail::Batch;
  batch->calls.push_back(call);
  batch->batchable = call->batchable();
  batch->gated = call->compute_bound();
  batch->stateful = call->keeps_state();
  // Calls already waiting never have their turn (dispatch_gated ran when it last changed): order holds.
  const bool must_wait = batch->gated && !detail::has_turn(lane, batch);
  const napi_status status = must_wait ? detail::hold(env, lane, batch) : detail::submit(env, lane, batch);
  if (status != napi_ok) delete batch;  // the caller still owns `call` and rejects its promise
  return status;
}

/** Sets the async concurrency (JS thread) and sends waiting calls if it grew. */
inline void set_async_concurrency(napi_env env, int count) {
  async_concurrency().store(count);
  detail::blas_threads().reconcile();  // running calls may take more (or fewer) BLAS threads now
  detail::dispatch_gated(env, detail::lane());
}

#endif  // BRIDGEGEN_DEFINES_RUNTIME

}  // namespace bridgegen
