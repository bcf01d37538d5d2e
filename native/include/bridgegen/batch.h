// bridgegen runtime — the libuv pool side of async calls. Waking a pool thread and waking the
// event loop back are most of what a small async call costs (futex system calls, ~10 us here),
// so a cheap call (its routine's recent runs took under kCheapNanos) joins a work item of cheap
// calls if there is one: one queued and not yet started, or one whose pool thread has run its
// calls and waits for more (relay.h); the item runs its calls one after the other. Other calls
// get their own work item, so large calls still run in parallel (two dgemm on two threads), and
// the first call of a routine counts as large.
//
// Large calls wait for their turn on the JS thread: gate.h, which includes this file.
#pragma once

#include <node_api.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

#include "blas.h"
#include "cores.h"
#include "inline_vector.h"
#include "keys.h"
#include "linkage.h"
#include "pending_call.h"
#include "relay.h"
#include "width.h"

namespace bridgegen {

// The pool side below is called only from the runtime's own functions (call_async, the async
// controls): a module that links the compiled runtime does not see it, nor instantiate its
// containers at the end of every glue file.
#if BRIDGEGEN_DEFINES_RUNTIME

namespace detail {

/** The most calls one work item runs: then the next cheap call starts another. */
constexpr size_t kMaxBatchCalls = 256;

/** One libuv work item and the calls it runs. */
struct Batch {
  napi_async_work work = nullptr;
  std::mutex mutex;               // guards `calls` and `closed` between the JS and pool threads
  InlineVector<PendingCall*, 4> calls;
  std::atomic<size_t> joined{0};  // calls.size(), for a waiting pool thread to watch without the lock
  size_t taken = 0;               // calls the pool thread has taken to run
  bool started = false;           // a pool thread has taken it
  bool idle = false;              // ... has run every call and waits for another (relay.h)
  bool closed = false;            // ... has left: no more may join
  bool batchable = true;
  bool gated = false;             // a large call: counted against the async concurrency
  bool narrow = false;            // ... that runs on one BLAS thread, side by side (width.h)
  bool stateful = false;          // ... that takes the state lock: one at a time
  std::shared_ptr<Doorbell> relay;  // set: its calls settle as each ends, and its thread waits for more
};

/** A work item of `call` alone, of its kind; throws bad_alloc. */
inline Batch* batch_of(PendingCall* call) {
  auto* batch = new Batch;
  batch->calls.push_back(call);  // within its inline room: does not throw
  batch->joined.store(1, std::memory_order_relaxed);
  batch->batchable = call->batchable();
  batch->gated = call->compute_bound();
  batch->stateful = call->keeps_state();
  return batch;
}

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
  int running_narrow = 0;  // of them, narrow (width.h): never beside wide ones
  int running_stateful = 0;
  SettleClock settle_clock;  // the time between large calls' settlements (width.h)
  bool cleanup_registered = false;
  std::shared_ptr<Doorbell> doorbell;  // for relayed calls, made at the first
  bool doorbell_tried = false;
};

inline Lane& lane() {
  thread_local Lane instance;
  return instance;
}

}  // namespace detail

namespace detail {

/** Pool thread, holding the batch's lock: call `k`, or null and the batch closed when it has none. */
inline PendingCall* take_call(Batch& batch, size_t k) {
  batch.idle = false;
  if (k < batch.calls.size()) {
    batch.taken = k + 1;
    return batch.calls[k];
  }
  batch.closed = true;
  return nullptr;
}

/**
 * Pool thread: call `k` of `batch`, waited for until `wait` after `since` when it has not joined
 * yet; null when there is none, and then the batch is closed: no call joins it after. Calls join
 * a started batch only while its thread waits: one that comes while the thread runs another
 * starts a work item of its own, so calls of tens of microseconds still spread over the pool.
 */
inline PendingCall* next_call(Batch& batch, size_t k, std::chrono::nanoseconds wait, std::chrono::steady_clock::time_point since) {
  {
    std::lock_guard<std::mutex> lock(batch.mutex);
    batch.started = true;
    if (k < batch.calls.size() || wait.count() == 0 || k >= kMaxBatchCalls) return take_call(batch, k);
    batch.idle = true;  // calls may join while this thread waits
  }
  for (unsigned turn = 0; batch.joined.load(std::memory_order_acquire) <= k && std::chrono::steady_clock::now() - since < wait; turn++) {
    spin_turn(turn);
  }
  std::lock_guard<std::mutex> lock(batch.mutex);
  return take_call(batch, k);
}

/**
 * Pool thread, after call `k` of a large relaying batch: whether calls joined behind it, so it
 * settles now (rung) and the next runs; else the batch closes, and the call settles with the
 * work item a moment later, which saves the JS thread a wake-up. Under the lock, so a call that
 * joins meanwhile is either seen here or sent to a work item of its own.
 */
inline bool more_or_close(Batch& batch, size_t k) {
  std::lock_guard<std::mutex> lock(batch.mutex);
  if (batch.calls.size() > k + 1) return true;
  batch.closed = true;
  return false;
}

inline void run_batch(napi_env /*env*/, void* data) {
  auto* batch = static_cast<Batch*>(data);
  const AsyncBlasThreads blas_threads(batch->gated, batch->narrow);  // large calls run on the async BLAS threads (blas.h)
  // Only cheap calls wait for a next one: a thread spinning after a large call was in the way of
  // the BLAS threads and the event loop (dgesv n=256 awaited in a loop: 1.0 ms a call, 0.74 without).
  std::chrono::nanoseconds wait = batch->relay && batch->batchable ? batch->relay->wait() : std::chrono::nanoseconds(0);
  long switches = wait.count() > 0 ? involuntary_switches() : 0;
  auto since = std::chrono::steady_clock::now();  // when the last call was handed over
  for (size_t k = 0;; k++) {
    PendingCall* call = next_call(*batch, k, wait, since);
    // How long the next call took to come (all of the wait if none came, but for a full batch).
    const bool measured = wait.count() > 0 && k > 0 && (call != nullptr || k < kMaxBatchCalls);
    const auto took = std::chrono::steady_clock::now() - since;
    if (call != nullptr) {
      call->run();
      if (batch->gated) call->stamp_end();
      if (wait.count() > 0 || (batch->gated && batch->relay && more_or_close(*batch, k))) {
        batch->relay->ring(batch, k);  // this thread does not touch the call again
        since = std::chrono::steady_clock::now();
      }
    }
    if (measured) {  // after the ring: the JS thread is busy with the call meanwhile
      const long now_switches = involuntary_switches();
      batch->relay->joined_after(took, now_switches != switches);
      switches = now_switches;
      if (batch->relay->slow()) wait = std::chrono::nanoseconds(0);  // the rest settle at the end, unrelayed
    }
    if (call == nullptr) return;
  }
}

void settle_batch(napi_env env, napi_status status, void* data);

/** How many large calls could share the cores now: those waiting their turn and those running. */
inline int ready_calls(const Lane& lane) { return static_cast<int>(lane.gated.size()) + lane.running_gated; }

/**
 * JS thread, as `settled` calls of large `batch` (`call` among them) settle, `behind` still to run
 * in it: the time since the calls before settled, per call, for the width of their routine's
 * calls (width.h), when calls queued then and now and both ran the same way.
 */
inline void note_settled(Lane& lane, const Batch& batch, PendingCall& call, size_t settled, size_t behind) {
  // Only while the two ways differ: calls side by side with setBlasThreads(1) are not wide ones.
  const bool queued = width_matters() && static_cast<size_t>(ready_calls(lane)) + behind >= 2;
  lane.settle_clock.settled(call.width(), batch.narrow, settled, queued, call.ended_at());
}

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
  if (batch->gated && batch->narrow) lane.running_narrow++;
  if (batch->gated && batch->stateful) lane.running_stateful++;
  return napi_ok;
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

inline bool join(Lane& lane, PendingCall* call, bool narrow, bool several);

/**
 * The environment is going away (a worker terminated): calls waiting their turn will never run,
 * and calls queued in work items behind others are skipped (no promise of theirs can settle).
 */
inline void drop_calls(void* data) {
  auto* lane = static_cast<Lane*>(data);
  for (Batch* batch : lane->gated) settle_unqueued(nullptr, batch);
  lane->gated.clear();
  for (Batch* batch : lane->waiting) {
    std::lock_guard<std::mutex> lock(batch->mutex);
    for (PendingCall* call : batch->calls) {
      if (call != nullptr) call->cancel();
    }
  }
  lane->running_gated = 0;
  lane->running_narrow = 0;
  lane->running_stateful = 0;
  lane->cleanup_registered = false;
}

/** JS thread: places waiting large calls, in call order, while they can go (gate.h). */
inline void dispatch_gated(napi_env env, Lane& lane);

/** note_settled for the calls of large `batch` that settle with it, not relayed. */
inline void note_unrelayed(Lane& lane, Batch& batch) {
  PendingCall* last = nullptr;
  size_t settled = 0;
  for (PendingCall* call : batch.calls) {
    if (call != nullptr && !call->cancelled()) {
      last = call;
      settled++;
    }
  }
  if (last != nullptr) note_settled(lane, batch, *last, settled, 0);
}

inline void settle_batch(napi_env env, napi_status status, void* data) {
  auto* batch = static_cast<Batch*>(data);
  Lane& lane = detail::lane();
  // Settles and frees what has run (the doorbell must not keep slots of a batch deleted below).
  if (batch->relay) batch->relay->drain(env);
  if (batch->gated && status == napi_ok) note_unrelayed(lane, *batch);
  std::vector<Batch*>& waiting = lane.waiting;
  for (size_t k = 0; k < waiting.size(); k++) {
    if (waiting[k] == batch) {
      waiting.erase(waiting.begin() + static_cast<long>(k));
      break;
    }
  }
  if (batch->gated && lane.running_gated > 0) lane.running_gated--;
  if (batch->gated && batch->narrow && lane.running_narrow > 0) lane.running_narrow--;
  if (batch->gated && batch->stateful && lane.running_stateful > 0) lane.running_stateful--;
  // Cancelled by the environment's teardown (a terminated worker): the promises cannot settle,
  // but each call still releases what it holds.
  const bool scoped = batch->calls.size() > 1;
  for (PendingCall* call : batch->calls) {
    if (call == nullptr) continue;  // relayed: settled and freed already
    if (status == napi_ok && !call->cancelled()) settle_call(env, call, scoped);
    delete call;
  }
  napi_delete_async_work(env, batch->work);
  delete batch;
  if (status == napi_ok) dispatch_gated(env, lane);
}

/**
 * Adds `call` to the newest work item of its kind that takes it: one not yet started, or whose
 * thread has run every call and waits for another (relay.h); a large call also one that runs.
 * Cheap calls join cheap ones. Large calls join only large ones that settle each call as it ends
 * (relaying) and run as wide or `narrow` as they will (width.h), and a call that keeps state only
 * one that holds the state turn. When `several` large items run at once, each holds at most one
 * call waiting behind the running one: enough that its thread goes on at once, and the rest wait
 * on the JS thread for whichever item frees first, and for the way their width says then. True
 * when it joined.
 */
inline bool join(Lane& lane, PendingCall* call, bool narrow, bool several) {
  const bool large = call->compute_bound();
  for (auto it = lane.waiting.rbegin(); it != lane.waiting.rend(); ++it) {  // the newest first
    Batch* batch = *it;
    const bool kind = large ? batch->gated && batch->narrow == narrow && batch->relay && (batch->stateful || !call->keeps_state())
                            : batch->batchable;
    if (!kind) continue;
    std::lock_guard<std::mutex> lock(batch->mutex);
    // A large call waits for the running one anyway: it may join while that runs (more_or_close).
    const bool open = !batch->started || batch->idle || large;
    const bool full = batch->calls.size() >= (several ? std::max<size_t>(batch->taken, 1) + 1 : kMaxBatchCalls);
    if (batch->closed || !open || full) continue;
    batch->calls.push_back(call);
    batch->joined.store(batch->calls.size(), std::memory_order_release);
    return true;
  }
  return false;
}

/**
 * JS thread: settles relayed call `index` of `batch` (its pool thread is done with it) and frees it
 * at once, with the values it pins: its slot is emptied, so the batch's completion skips it.
 */
inline void settle_relayed(napi_env env, void* data, size_t index) {
  auto* batch = static_cast<Batch*>(data);
  PendingCall* call = nullptr;
  size_t behind = 0;
  {
    std::lock_guard<std::mutex> lock(batch->mutex);  // a pool thread may be reading another slot
    std::swap(call, batch->calls[index]);
    behind = batch->calls.size() - index - 1;
  }
  if (call == nullptr) return;
  if (batch->gated && !call->cancelled()) note_settled(lane(), *batch, *call, 1, behind);
  if (!call->cancelled()) settle_call(env, call, true);
  delete call;
}

/** The lane's doorbell when cheap calls relay (relay.h), made at the first; null when they do not. */
inline std::shared_ptr<Doorbell> relay_of(napi_env env, Lane& lane) {
  if (!lane.doorbell_tried && relay_wait().count() > 0) {
    lane.doorbell_tried = true;
    lane.doorbell = Doorbell::open(env, settle_relayed);
  }
  return lane.doorbell;
}

}  // namespace detail

#endif  // BRIDGEGEN_DEFINES_RUNTIME

}  // namespace bridgegen
