// bridgegen runtime — the libuv pool side of async calls. Waking a pool thread and waking the
// event loop back are most of what a small async call costs (futex system calls, ~10 us here),
// so a cheap call (its routine's recent runs took under kCheapNanos) joins a work item of cheap
// calls if there is one: one queued and not yet started, or one whose pool thread has run its
// calls and waits for more (relay.h); the item runs its calls one after the other. Other calls
// get their own work item, so large calls still run in parallel (two dgemm on two threads), and
// the first call of a routine counts as large.
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
  bool started = false;           // a pool thread has taken it
  bool idle = false;              // ... has run every call and waits for another (relay.h)
  bool closed = false;            // ... has left: no more may join
  bool batchable = true;
  bool gated = false;             // a large call: counted against the async concurrency
  bool stateful = false;          // ... that takes the state lock: one at a time
  std::shared_ptr<Doorbell> relay;  // set: its calls settle as each ends, and its thread waits for more
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
  if (k < batch.calls.size()) return batch.calls[k];
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

inline void run_batch(napi_env /*env*/, void* data) {
  auto* batch = static_cast<Batch*>(data);
  const AsyncBlasThreads blas_threads(batch->gated);  // shares the async cores among running large calls (blas.h)
  std::chrono::nanoseconds wait = batch->relay ? batch->relay->wait() : std::chrono::nanoseconds(0);
  long switches = wait.count() > 0 ? involuntary_switches() : 0;
  auto since = std::chrono::steady_clock::now();  // when the last call was handed over
  for (size_t k = 0;; k++) {
    PendingCall* call = next_call(*batch, k, wait, since);
    // How long the next call took to come (all of the wait if none came, but for a full batch).
    const bool measured = wait.count() > 0 && k > 0 && (call != nullptr || k < kMaxBatchCalls);
    const auto took = std::chrono::steady_clock::now() - since;
    if (call != nullptr) {
      call->run();
      if (wait.count() > 0) {
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
  // Settles and frees what has run (the doorbell must not keep slots of a batch deleted below).
  if (batch->relay) batch->relay->drain(env);
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
    if (call == nullptr) continue;  // relayed: settled and freed already
    if (status == napi_ok && !call->cancelled()) settle_call(env, call, scoped);
    delete call;
  }
  napi_delete_async_work(env, batch->work);
  delete batch;
  if (status == napi_ok) dispatch_gated(env, lane);
}

/** Adds `call` to a batch of cheap calls not yet started, or whose thread waits for one: true when it joined. */
inline bool join_waiting(Lane& lane, PendingCall* call) {
  for (auto it = lane.waiting.rbegin(); it != lane.waiting.rend(); ++it) {  // the newest first
    Batch* batch = *it;
    if (!batch->batchable) continue;
    std::lock_guard<std::mutex> lock(batch->mutex);
    if (batch->closed || (batch->started && !batch->idle) || batch->calls.size() >= kMaxBatchCalls) continue;
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
  {
    std::lock_guard<std::mutex> lock(batch->mutex);  // a pool thread may be reading another slot
    std::swap(call, batch->calls[index]);
  }
  if (call == nullptr) return;
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
  batch->joined.store(1, std::memory_order_relaxed);
  batch->batchable = call->batchable();
  if (batch->batchable) batch->relay = detail::relay_of(env, lane);
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
