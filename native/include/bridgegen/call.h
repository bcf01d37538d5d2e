// bridgegen runtime — running a call: synchronously on the JS thread, or on the libuv pool with
// its JS values pinned until the promise settles. Routines that may keep state (SAVE, COMMON,
// module variables) are serialized per addon; threadsafe ones run concurrently.
#pragma once

#include <napi.h>

#include <mutex>
#include <new>
#include <vector>

#include "args.h"
#include "error.h"

namespace bridgegen {

/**
 * A generated Frame provides:
 *   static const Signature signature;   static constexpr bool threadsafe;
 *   void prepare(Args&);       // JS thread: convert, check, allocate outputs
 *   void invoke();             // any thread: call the Fortran shim, no N-API
 *   napi_value result(Napi::Env);  // JS thread: build the return value
 */

/** One lock per addon: Fortran state (SAVE, COMMON) is per process, so per-addon is per state. */
inline std::mutex& state_mutex() {
  static std::mutex mutex;
  return mutex;
}

template <typename Frame>
void invoke(Frame& frame) {
  if constexpr (Frame::threadsafe) {
    frame.invoke();
  } else {
    std::lock_guard<std::mutex> lock(state_mutex());
    frame.invoke();
  }
}

[[noreturn]] inline void throw_out_of_memory(Napi::Env env) {
  throw_range_error(env, "bridgegen: out of memory converting arguments", code::kTooLarge);
}

template <typename Frame>
Napi::Value call_sync(const Napi::CallbackInfo& info) {
  Args args(info, Frame::signature);
  Frame frame;
  try {
    frame.prepare(args);
  } catch (const std::bad_alloc&) {
    throw_out_of_memory(info.Env());
  }
  invoke(frame);
  return Napi::Value(info.Env(), frame.result(info.Env()));
}

template <typename Frame>
class AsyncCall final : public Napi::AsyncWorker {
 public:
  AsyncCall(Napi::Env env, Napi::Promise::Deferred deferred)
      : Napi::AsyncWorker(env, Frame::signature.routine), deferred_(deferred) {}

  Frame frame;

  /** Keeps every JS value the native side points into alive until the call settles. */
  void pin(const Args& args) {
    pins_.reserve(args.pin_count());
    for (size_t i = 0; i < args.pin_count(); i++) {
      pins_.push_back(Napi::Persistent(Napi::Value(Env(), args.pinned(i))));
    }
  }

 protected:
  void Execute() override { invoke(frame); }
  void OnOK() override { deferred_.Resolve(Napi::Value(Env(), frame.result(Env()))); }
  void OnError(const Napi::Error& error) override { deferred_.Reject(error.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  std::vector<Napi::Reference<Napi::Value>> pins_;
};

/** Validation errors reject the promise instead of throwing: callers of `fooAsync` await. */
template <typename Frame>
Napi::Value call_async(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto deferred = Napi::Promise::Deferred::New(env);
  auto* worker = new AsyncCall<Frame>(env, deferred);
  try {
    Args args(info, Frame::signature);
    worker->frame.prepare(args);
    worker->pin(args);
  } catch (const Napi::Error& error) {
    delete worker;
    deferred.Reject(error.Value());
    return deferred.Promise();
  } catch (const std::bad_alloc&) {
    delete worker;
    deferred.Reject(Napi::RangeError::New(env, "bridgegen: out of memory converting arguments").Value());
    return deferred.Promise();
  }
  worker->Queue();
  return deferred.Promise();
}

}  // namespace bridgegen
