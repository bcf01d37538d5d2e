// bridgegen runtime — the gate: when a large async call goes to the libuv pool, and how wide.
// Large calls take cores: at most `async concurrency` of them (by default every core the process
// may use), each counted as many as its BLAS threads (blas.h), are on the pool at once; the rest
// wait here, on the JS thread, not on a pool thread (which file system and DNS work need too).
// With OpenBLAS, queued calls run wide (one at a time on every BLAS thread) or narrow (side by
// side on a thread each), as width.h finds faster for their routine and size; the two never run
// at once. When they run one at a time, the next joins the work item ahead of it unless that has
// ended (no thread is woken for it, and its thread runs the calls back to back), and each settles
// as it ends, through relay.h's doorbell. For the same reason a large call of a routine that keeps
// state waits here while another runs, rather than on the module's state lock in a pool thread.
#pragma once

#include <node_api.h>

#include <deque>
#include <memory>
#include <mutex>

#include "batch.h"
#include "blas.h"
#include "cores.h"
#include "linkage.h"
#include "width.h"

namespace bridgegen {

// Called only from the runtime's own functions (call_async, the async controls), as batch.h.
#if BRIDGEGEN_DEFINES_RUNTIME

namespace detail {

/**
 * Whether a large call (one that keeps state: `stateful`) may start a work item of its own now: a
 * narrow one beside other narrow ones, a core each; a wide one beside other wide ones, if more
 * than one fits in the async cores.
 */
inline bool has_turn(const Lane& lane, bool stateful, bool narrow) {
  if (stateful && lane.running_stateful > 0) return false;
  if (narrow) return lane.running_gated == lane.running_narrow && lane.running_narrow < async_concurrency().load();
  return lane.running_narrow == 0 && lane.running_gated < large_calls_at_once();
}

/**
 * How many large calls could run side by side once the wide ones running end: those waiting their
 * turn or queued in a work item, and the narrow ones running. (Not the wide call running: a
 * call alone behind it would then run alone on one thread.)
 */
inline int side_by_side_calls(Lane& lane) {
  size_t calls = lane.gated.size() + static_cast<size_t>(lane.running_narrow);
  for (Batch* batch : lane.waiting) {
    if (!batch->gated) continue;
    std::lock_guard<std::mutex> lock(batch->mutex);
    calls += batch->calls.size() - std::max<size_t>(batch->taken, 1);
  }
  return static_cast<int>(calls);
}

/**
 * Whether the large call of `batch` should run narrow now (width.h), where the two ways differ.
 * Never one that keeps state: it could not run beside the others.
 */
inline bool narrow_now(Lane& lane, const Batch& batch) {
  return !batch.stateful && width_matters() &&
         batch.calls.front()->width().prefers_narrow(side_by_side_calls(lane), async_concurrency().load());
}

/**
 * Places the large call of `batch` if it can go now, as wide or narrow as narrow_now says: in a
 * work item of its own when it has its turn; else behind the calls of one of its way that has not
 * ended (join: when calls run side by side, one that has no call waiting yet): it would wait for
 * them anyway, no thread is woken for it, and that thread goes on to it at once. A work item per
 * call left the cores idle between calls while the JS thread woke, then a pool thread: dgemm
 * n=256 with 4 in flight ran at 0.86-0.88x C's throughput wide, then 0.95x; side by side, the two
 * cores were busy only 75% of the time. False when it must wait.
 */
inline bool place_gated(napi_env env, Lane& lane, Batch* batch) {
  const bool narrow = narrow_now(lane, *batch);
  WidthStats& width = batch->calls.front()->width();
  if (has_turn(lane, batch->stateful, narrow)) {
    width.placed(lane.settle_clock.streak());
    batch->narrow = narrow;
    if (submit(env, lane, batch) != napi_ok) settle_unqueued(env, batch);
    return true;
  }
  // has_turn said no: the cores are taken by calls of this way, or of the other (then it waits).
  const bool may_join = narrow ? lane.running_narrow > 0 : lane.running_narrow == 0;
  if (!may_join || !join(lane, batch->calls.front(), narrow, narrow || large_calls_at_once() > 1)) return false;
  width.placed(lane.settle_clock.streak());
  delete batch;  // the call is the other item's now
  return true;
}

/**
 * JS thread: the large calls queued in work items behind others (place_gated) that have not begun
 * wait for their turn again, in call order, ahead of those waiting already: when the concurrency
 * grows, they may now run side by side; when the width turns, the other way (else the calls queued
 * the old way would all run before the first of the new, and a comparison's turns (width.h) would
 * take twice the calls). A work item keeps the call it started with, which had a turn.
 */
inline void take_back_queued(Lane& lane) {
  try {
    for (auto it = lane.waiting.rbegin(); it != lane.waiting.rend(); ++it) {
      Batch* batch = *it;
      if (!batch->gated) continue;
      std::lock_guard<std::mutex> lock(batch->mutex);
      const size_t keep = std::max<size_t>(batch->taken, 1);
      while (batch->calls.size() > keep) {  // the last first, each put in front: call order holds
        std::unique_ptr<Batch> own(batch_of(batch->calls[batch->calls.size() - 1]));
        own->relay = batch->relay;
        lane.gated.push_front(own.get());
        own.release();
        batch->calls.truncate(batch->calls.size() - 1);
        batch->joined.store(batch->calls.size(), std::memory_order_release);
      }
    }
  } catch (const std::bad_alloc&) {
    // Out of memory: the calls left stay queued where they are.
  }
}

/** Whether large call `batch` would run the other way than the large calls running (width.h). */
inline bool turns_width(Lane& lane, const Batch& batch) {
  return lane.running_gated > 0 && narrow_now(lane, batch) != (lane.running_narrow > 0);
}

/** JS thread: places waiting large calls, in call order, while they can go (place_gated). */
inline void dispatch_gated(napi_env env, Lane& lane) {
  if (!lane.gated.empty() && turns_width(lane, *lane.gated.front())) take_back_queued(lane);
  for (auto it = lane.gated.begin(); it != lane.gated.end();) {
    Batch* batch = *it;
    if (batch->calls.front()->cancelled()) {  // aborted while it waited: already rejected
      it = lane.gated.erase(it);
      settle_unqueued(env, batch);
    } else if (place_gated(env, lane, batch)) {
      it = lane.gated.erase(it);
    } else if (batch->stateful) {
      ++it;  // a stateful call behind the running one: threadsafe calls after it may go
    } else {
      break;  // no call after it can go either
    }
  }
}

/** Puts large call `batch` at the end of those waiting to be placed (dispatch_gated). */
inline napi_status hold(napi_env env, Lane& lane, Batch* batch) {
  if (!lane.cleanup_registered) {
    const napi_status status = napi_add_env_cleanup_hook(env, drop_calls, &lane);
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
  if (call->batchable() && detail::join(lane, call, /*narrow=*/false, /*several=*/false)) return napi_ok;
  detail::Batch* batch = detail::batch_of(call);
  if (batch->batchable || batch->gated) batch->relay = detail::relay_of(env, lane);
  if (batch->gated) {  // behind the large calls waiting already, which dispatch places in order
    const napi_status status = detail::hold(env, lane, batch);
    if (status != napi_ok) {
      delete batch;  // the caller still owns `call` and rejects its promise
      return status;
    }
    detail::dispatch_gated(env, lane);
    return napi_ok;
  }
  const napi_status status = detail::submit(env, lane, batch);
  if (status != napi_ok) delete batch;
  return status;
}

/** Sets the async concurrency (JS thread) and sends waiting calls if it grew. */
inline void set_async_concurrency(napi_env env, int count) {
  if (count > async_concurrency().load()) detail::take_back_queued(detail::lane());
  async_concurrency().store(count);
  detail::blas_threads().reconcile();  // running calls may take more (or fewer) BLAS threads now
  detail::dispatch_gated(env, detail::lane());
}

#endif  // BRIDGEGEN_DEFINES_RUNTIME

}  // namespace bridgegen
