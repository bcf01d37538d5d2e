// bridgegen runtime — the libuv pool side of async calls. Waking a pool thread and waking the
// event loop back are most of what a small async call costs (futex system calls, ~10 us here),
// so a cheap call (its routine's recent runs took under kCheapNanos) joins a work item that is
// queued and not yet started, if there is one: the item runs its calls one after the other and
// settles them together. Other calls get their own work item, so large calls still run in
// parallel (two dgemm on two threads), and the first call of a routine counts as large.
#pragma once

#include <node_api.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <vector>

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

/**
 * The recent run time of one routine (`Tag` is its frame type): a moving average over its runs,
 * updated by the pool threads without a lock (a lost update only delays the average).
 */
template <typename Tag>
class RunTime {
 public:
  static bool cheap() { return average().load(std::memory_order_relaxed) < kCheapNanos; }
  static void record(std::chrono::steady_clock::duration took) {
    const int64_t ns = std::chrono::duration_cast<std::chrono::nanoseconds>(took).count();
    const int64_t old = average().load(std::memory_order_relaxed);
    average().store(old == kUnknown ? ns : old + (ns - old) / 8, std::memory_order_relaxed);
  }

 private:
  static constexpr int64_t kUnknown = INT64_MAX;
  static std::atomic<int64_t>& average() {
    static std::atomic<int64_t> value{kUnknown};
    return value;
  }
};

namespace detail {

/** One libuv work item and the calls it runs. */
struct Batch {
  napi_async_work work = nullptr;
  std::mutex mutex;               // guards `calls` and `started` between the JS and pool threads
  std::vector<PendingCall*> calls;
  bool started = false;           // the pool thread has taken `calls`: no more may join
  bool batchable = true;
};

/**
 * The work items of one JS thread (so of one Node environment) that have not started yet. Only
 * the JS thread reads or changes the list; items leave it when they complete.
 */
struct Lane {
  std::vector<Batch*> waiting;
};

inline Lane& lane() {
  thread_local Lane instance;
  return instance;
}

inline void run_batch(napi_env /*env*/, void* data) {
  auto* batch = static_cast<Batch*>(data);
  std::vector<PendingCall*> calls;
  {
    std::lock_guard<std::mutex> lock(batch->mutex);
    batch->started = true;
    calls = batch->calls;
  }
  for (PendingCall* call : calls) call->run();
}

inline void settle_batch(napi_env env, napi_status status, void* data) {
  auto* batch = static_cast<Batch*>(data);
  std::vector<Batch*>& waiting = lane().waiting;
  for (size_t k = 0; k < waiting.size(); k++) {
    if (waiting[k] == batch) {
      waiting.erase(waiting.begin() + static_cast<long>(k));
      break;
    }
  }
  // Cancelled by the environment's teardown (a terminated worker): the promises cannot settle,
  // but each call still releases what it holds.
  for (PendingCall* call : batch->calls) {
    if (status == napi_ok && !call->cancelled()) call->settle(env);
    delete call;
  }
  napi_delete_async_work(env, batch->work);
  delete batch;
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

}  // namespace detail

/** Queues `call` on the libuv pool; it is owned (and deleted) by its batch from here on. */
inline napi_status queue_call(napi_env env, PendingCall* call) {
  detail::Lane& lane = detail::lane();
  if (call->batchable() && detail::join_waiting(lane, call)) return napi_ok;
  auto* batch = new detail::Batch;
  batch->calls.push_back(call);
  batch->batchable = call->batchable();
  napi_value name;
  napi_status status = napi_create_string_utf8(env, "bridgegen", NAPI_AUTO_LENGTH, &name);
  if (status == napi_ok) status = napi_create_async_work(env, nullptr, name, detail::run_batch, detail::settle_batch, batch, &batch->work);
  if (status == napi_ok) status = napi_queue_async_work(env, batch->work);
  if (status != napi_ok) {
    if (batch->work != nullptr) napi_delete_async_work(env, batch->work);
    delete batch;  // the caller still owns `call` and rejects its promise
    return status;
  }
  lane.waiting.push_back(batch);
  return napi_ok;
}

}  // namespace bridgegen
