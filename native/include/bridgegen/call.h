// bridgegen runtime — running a call: synchronously on the JS thread, or on the libuv pool with
// its JS values pinned until the promise settles. Routines that may keep state (SAVE, COMMON,
// module variables) are serialized per addon; threadsafe ones run concurrently.
#pragma once

#include <napi.h>

#include <chrono>
#include <mutex>
#include <new>
#include <utility>
#include <string>
#include <cstring>
#include <exception>
#include <memory>
#include <vector>

#include "args.h"
#include "callback.h"
#include "error.h"
#include "linkage.h"
#include "output.h"
#include "xerbla.h"
#include "batch.h"

namespace bridgegen {

/**
 * A generated Frame provides:
 *   static const Signature signature;   static constexpr bool threadsafe;
 *   void prepare(Args&);       // JS thread: convert, check, allocate outputs
 *   void invoke();             // any thread: call the Fortran shim, no N-API
 *   napi_value result(Napi::Env, const napi_value* pinned);  // JS thread: the return value
 */

/** One lock per addon (its statics are its own: NO_SHARED_STATICS in binding-gyp.ts): Fortran state (SAVE, COMMON) is per addon. */
inline std::mutex& state_mutex() {
  static std::mutex mutex;
  return mutex;
}

/**
 * Runs the routine under the module's state lock (unless threadsafe). A routine with callbacks
 * also publishes its frame (for the trampolines) and the lock (released while JS runs); the
 * others skip that thread-local traffic, which costs on every call.
 */
template <typename Frame>
void invoke(Frame& frame) {
  if constexpr (!Frame::has_callbacks) {
    if constexpr (Frame::threadsafe) {
      frame.invoke();
    } else {
      std::lock_guard<std::mutex> lock(state_mutex());
      frame.invoke();
    }
  } else {
    void* const outer_frame = detail::running_frame;
    std::unique_lock<std::mutex>* const outer_lock = detail::held_state_lock;
    detail::running_frame = &frame;
    if constexpr (Frame::threadsafe) {
      detail::held_state_lock = nullptr;
      frame.invoke();
    } else {
      std::unique_lock<std::mutex> lock(state_mutex());
      detail::held_state_lock = &lock;
      frame.invoke();
    }
    detail::held_state_lock = outer_lock;
    detail::running_frame = outer_frame;
  }
}

/** The error a callback of the call threw, or XERBLA's report as an error, or an empty value. */
template <typename Frame>
Napi::Value call_error(Napi::Env env, const Frame& frame) {
  if constexpr (Frame::has_callbacks) {
    if (const Callback* failed = frame.failed_callback()) return failed->error();
  }
  if constexpr (catches_xerbla<Frame>::value) {
    if (frame.xerbla.set) return xerbla_error(env, frame);
  }
  return Napi::Value();
}

[[noreturn]] inline void throw_out_of_memory(Napi::Env env) {
  throw_range_error(env, "bridgegen: out of memory converting arguments", code::kTooLarge);
}

namespace detail {

/** Turns a C++ exception into the pending JS exception: the edge of a raw N-API callback. */
template <typename Body>
napi_value guard(napi_env env, Body&& body) {
  try {
    try {
      return body();
    } catch (const std::bad_alloc&) {
      throw_out_of_memory(env);
    }
  } catch (const Napi::Error& error) {
    error.ThrowAsJavaScriptException();
  } catch (const std::exception& error) {
    napi_throw_error(env, "ERR_BRIDGEGEN_INTERNAL", error.what());
  }
  return nullptr;
}

}  // namespace detail

namespace detail {

inline size_t element_size(napi_typedarray_type type) {
  switch (type) {
    case napi_int8_array: case napi_uint8_array: case napi_uint8_clamped_array: return 1;
    case napi_int16_array: case napi_uint16_array: return 2;
    case napi_int32_array: case napi_uint32_array: case napi_float32_array: return 4;
    default: return 8;
  }
}

/**
 * Whether the caller's typed array still holds an update (attached and as large); a private copy
 * is copied back into it. False: the update is lost (the array was detached or transferred).
 */
inline bool write_back(napi_env env, napi_value typed, const WriteBack& entry) {
  napi_typedarray_type type;
  size_t length = 0;
  void* data = nullptr;
  if (napi_get_typedarray_info(env, typed, &type, &length, &data, nullptr, nullptr) != napi_ok) return false;
  if (entry.bytes == 0) return true;
  if (data == nullptr || length * element_size(type) < entry.byte_offset + entry.bytes) return false;
  char* const to = static_cast<char*>(data) + entry.byte_offset;
  if (to != entry.from) std::memcpy(to, entry.from, entry.bytes);  // equal: updated in place
  return true;
}

/** The error of an update lost because its array was detached or transferred during the call. */
BRIDGEGEN_RUNTIME_INLINE Napi::Error detached_error(Napi::Env env, const char* routine, const char* suffix);

/** Checks (and completes) the call's write-backs; false if an update was lost. */
inline bool write_backs_done(napi_env env, const napi_value* pinned, const WriteBack* entries, size_t count) {
  for (size_t k = 0; k < count; k++) {
    if (!write_back(env, pinned[entries[k].pin], entries[k])) return false;
  }
  return true;
}

}  // namespace detail

/** A sync call: a raw N-API callback (no node-addon-api wrapper objects on the hot path). */
template <typename Frame>
napi_value call_sync(napi_env env, napi_callback_info info) {
  return detail::guard(env, [&] {
    // A callback runs JS mid-call, which may detach or resize the call's buffers.
    Args args(env, info, Frame::signature, Frame::has_callbacks ? Memory::Held : Memory::Direct);
    Frame frame;
    frame.prepare(args);
    invoke(frame);
    const Napi::Value error = call_error(Napi::Env(env), frame);
    if (!error.IsEmpty()) {
      napi_throw(env, error);  // the very error object a callback threw
      return static_cast<napi_value>(nullptr);
    }
    if (!detail::write_backs_done(env, args.pins(), args.write_backs(), args.write_back_count())) {
      throw detail::detached_error(Napi::Env(env), Frame::signature.routine, "");
    }
    return frame.result(Napi::Env(env), args.pins());
  });
}


/**
 * What the async path needs of one routine, behind plain function pointers: one constant table
 * per routine (async_routine<Frame>), so one non-template AsyncCall and one N-API callback serve
 * every routine. Compiling a template of all of that per routine cost a quarter of a module's
 * build; the extra indirect call is nothing next to an async round trip.
 */
struct AsyncRoutine {
  const Signature& signature;
  bool threadsafe;
  bool has_callbacks;
  RunTime& run_time;
  /** JS thread: a new frame on the heap, prepared from `args` (throws like Frame::prepare). */
  void* (*prepare)(Args& args);
  /** Any thread: runs the routine (invoke<Frame>). */
  void (*invoke)(void* frame);
  /** JS thread: the error of the call (call_error<Frame>), or null. */
  napi_value (*error)(napi_env env, const void* frame);
  napi_value (*result)(napi_env env, void* frame, const napi_value* pinned);
  /** JS thread: stops the frame's callbacks, if it has any. */
  void (*abort_callbacks)(napi_env env, void* frame, napi_value reason);
  void (*destroy)(void* frame);
};

namespace detail {

template <typename Frame>
void* prepare_async(Args& args) {
  auto frame = std::make_unique<Frame>();
  frame->prepare(args);
  return frame.release();
}

template <typename Frame>
void invoke_async(void* frame) { invoke(*static_cast<Frame*>(frame)); }

template <typename Frame>
napi_value async_error(napi_env env, const void* frame) {
  return call_error(Napi::Env(env), *static_cast<const Frame*>(frame));
}

template <typename Frame>
napi_value async_result(napi_env env, void* frame, const napi_value* pinned) {
  return static_cast<Frame*>(frame)->result(Napi::Env(env), pinned);
}

template <typename Frame>
void abort_async_callbacks(napi_env env, void* frame, napi_value reason) {
  if constexpr (Frame::has_callbacks) static_cast<Frame*>(frame)->abort_callbacks(Napi::Value(env, reason));
}

template <typename Frame>
void destroy_async(void* frame) { delete static_cast<Frame*>(frame); }

/** The statistics of one routine's runs (per routine: batch.h decides from them). */
template <typename Frame>
struct RoutineRunTime {
  static inline RunTime value;
};

}  // namespace detail

template <typename Frame>
inline constexpr AsyncRoutine async_routine{
    Frame::signature, Frame::threadsafe, Frame::has_callbacks, detail::RoutineRunTime<Frame>::value,
    detail::prepare_async<Frame>, detail::invoke_async<Frame>, detail::async_error<Frame>, detail::async_result<Frame>,
    detail::abort_async_callbacks<Frame>, detail::destroy_async<Frame>};

/**
 * One async call: its prepared frame and every JS value it points into, pinned until it settles.
 * Queued on the pool by batch.h, which owns it from then on.
 */
class AsyncCall final : public PendingCall {
 public:
  /** Takes `frame` (made by routine.prepare). */
  AsyncCall(napi_env env, napi_deferred deferred, const AsyncRoutine& routine, void* frame, const Args& args);
  ~AsyncCall() override;
  AsyncCall(const AsyncCall&) = delete;
  AsyncCall& operator=(const AsyncCall&) = delete;

  /** Cancels the call when `signal` aborts before the call has started (contract 1.5). */
  void watch(Napi::Object signal);
  void unwatch();

  /** Cheap calls may share a work item; a call that runs JS callbacks never waits behind others. */
  bool batchable() const override { return !routine_.has_callbacks && routine_.run_time.cheap(); }
  /** A call with callbacks mostly waits for the JS thread, so it is not counted as a busy core. */
  bool compute_bound() const override { return !routine_.has_callbacks && !routine_.run_time.cheap(); }
  bool keeps_state() const override { return !routine_.threadsafe; }
  void settle(napi_env env) override;

 protected:
  void execute() override;

 private:
  /** The promise's value; throws (a Napi::Error) to reject it. */
  Napi::Value result(Napi::Env env);
  void on_abort();

  napi_env env_;
  napi_deferred deferred_;
  const AsyncRoutine& routine_;
  void* frame_;
  std::vector<WriteBack> write_backs_;
  std::vector<CopyIn> copy_ins_;
  std::vector<Napi::Reference<Napi::Value>> pins_;
  Napi::ObjectReference signal_;
  Napi::FunctionReference listener_;
};

/**
 * `fooAsync`: the N-API callback of every routine's async export (its data is the routine's
 * AsyncRoutine). Validation errors reject the promise instead of throwing: callers await.
 */
BRIDGEGEN_RUNTIME_INLINE napi_value call_async(napi_env raw_env, napi_callback_info raw_info);

/** Exports `name` (sync) and `nameAsync` on `target`: raw N-API functions, no wrapper per routine. */
BRIDGEGEN_RUNTIME_INLINE void export_routine(Napi::Object target, const char* name, napi_callback sync,
                                             const AsyncRoutine& async);

template <typename Frame>
void export_routine(Napi::Object target, const char* name) {
  export_routine(target, name, call_sync<Frame>, async_routine<Frame>);
}

/** The object for a Fortran module's members (`m.mod.foo`), created on first use. */
inline Napi::Object namespace_object(Napi::Object exports, const char* name) {
  if (!exports.Has(name)) exports.Set(name, Napi::Object::New(exports.Env()));
  return exports.Get(name).As<Napi::Object>();
}

/** `undefined`, for routines with no results. */
inline napi_value undefined_value(Napi::Env env) { return env.Undefined(); }

#if BRIDGEGEN_DEFINES_RUNTIME

BRIDGEGEN_RUNTIME_INLINE Napi::Error detail::detached_error(Napi::Env env, const char* routine, const char* suffix) {
  Napi::Error error = Napi::TypeError::New(env, std::string(routine) + suffix +
      "(): an array updated in place was detached or transferred during the call; its update is lost");
  error.Set("code", Napi::String::New(env, code::kDetached));
  return error;
}

BRIDGEGEN_RUNTIME_INLINE AsyncCall::AsyncCall(napi_env env, napi_deferred deferred, const AsyncRoutine& routine, void* frame,
                                              const Args& args)
    : env_(env),
      deferred_(deferred),
      routine_(routine),
      frame_(frame),
      write_backs_(args.write_backs(), args.write_backs() + args.write_back_count()),
      copy_ins_(args.copy_ins(), args.copy_ins() + args.copy_in_count()) {
  pins_.reserve(args.pin_count());
  for (size_t i = 0; i < args.pin_count(); i++) pins_.push_back(Napi::Persistent(Napi::Value(env, args.pins()[i])));
}

BRIDGEGEN_RUNTIME_INLINE AsyncCall::~AsyncCall() { routine_.destroy(frame_); }

BRIDGEGEN_RUNTIME_INLINE void AsyncCall::watch(Napi::Object signal) {
  signal_ = Napi::Persistent(signal);
  listener_ = Napi::Persistent(Napi::Function::New(signal.Env(), [this](const Napi::CallbackInfo&) { on_abort(); }));
  signal.Get("addEventListener").As<Napi::Function>().Call(signal, {Napi::String::New(signal.Env(), "abort"), listener_.Value()});
}

BRIDGEGEN_RUNTIME_INLINE void AsyncCall::unwatch() {
  if (signal_.IsEmpty()) return;
  Napi::Object signal = signal_.Value();
  signal.Get("removeEventListener").As<Napi::Function>().Call(signal, {Napi::String::New(signal.Env(), "abort"), listener_.Value()});
  signal_.Reset();
  listener_.Reset();
}

BRIDGEGEN_RUNTIME_INLINE void AsyncCall::settle(napi_env env) {
  Napi::Env e(env);
  try {
    Napi::HandleScope scope(e);
    unwatch();
    try {
      const Napi::Value outcome = result(e);
      napi_resolve_deferred(env, deferred_, outcome);
    } catch (const Napi::Error& error) {
      napi_reject_deferred(env, deferred_, error.Value());
    } catch (const std::bad_alloc&) {
      napi_reject_deferred(env, deferred_, Napi::RangeError::New(e, "bridgegen: out of memory building the result").Value());
    }
  } catch (...) {
    // The environment is going away (a worker terminated mid-call): nothing is left to settle.
  }
}

BRIDGEGEN_RUNTIME_INLINE void AsyncCall::execute() {
  for (const CopyIn& c : copy_ins_) {
    if (c.from != nullptr) std::memcpy(c.to, c.from, c.bytes);
    else std::memset(c.to, 0, c.bytes);
  }
  const auto start = std::chrono::steady_clock::now();
  routine_.invoke(frame_);
  routine_.run_time.record(std::chrono::steady_clock::now() - start);
}

BRIDGEGEN_RUNTIME_INLINE Napi::Value AsyncCall::result(Napi::Env env) {
  napi_value pinned[kMaxPins];  // Args::pin never holds more
  for (size_t i = 0; i < pins_.size(); i++) pinned[i] = pins_[i].Value();
  const napi_value error = routine_.error(env, frame_);
  if (error != nullptr) throw Napi::Error(env, error);
  if (!detail::write_backs_done(env, pinned, write_backs_.data(), write_backs_.size())) {
    throw detail::detached_error(env, routine_.signature.routine, "Async");
  }
  return Napi::Value(env, routine_.result(env, frame_, pinned));
}

BRIDGEGEN_RUNTIME_INLINE void AsyncCall::on_abort() {
  const Napi::Value reason = signal_.Value().Get("reason");
  if (!cancel()) {
    // Already running: a routine with callbacks stops at its next callback (contract 1.5).
    routine_.abort_callbacks(env_, frame_, reason);
    return;
  }
  unwatch();
  napi_reject_deferred(env_, deferred_, reason);  // its batch skips it and never settles it
}

namespace detail {

/**
 * The AbortSignal in a trailing options object (`fooAsync(x, { signal })`), if any. A typed array
 * or array is an argument, never the options object: no property lookup for it (that lookup was a
 * sixth of what `dsumAsync(x)` cost over a hand-written AsyncWorker).
 */
BRIDGEGEN_RUNTIME_INLINE Napi::Value signal_of(const Napi::CallbackInfo& info) {
  if (info.Length() == 0) return Napi::Value();
  napi_env env = info.Env();
  const napi_value last = info[info.Length() - 1];
  napi_valuetype type;
  bool typed = false, array = false;
  if (napi_typeof(env, last, &type) != napi_ok || type != napi_object) return Napi::Value();
  if (napi_is_typedarray(env, last, &typed) != napi_ok || typed) return Napi::Value();
  if (napi_is_array(env, last, &array) != napi_ok || array) return Napi::Value();
  const Napi::Value signal = get_property(env, last, Key::kSignal);
  return signal.IsObject() ? signal : Napi::Value();
}

/** Queues the call of `routine` that `info` asks for; throws to reject the promise. */
BRIDGEGEN_RUNTIME_INLINE void start_async(const Napi::CallbackInfo& info, const AsyncRoutine& routine,
                                          napi_deferred deferred, Napi::Value signal) {
  Napi::Env env = info.Env();
  Args args(info, routine.signature, Memory::Deferred);
  void* frame = routine.prepare(args);
  AsyncCall* call;
  try {
    call = new AsyncCall(env, deferred, routine, frame, args);
  } catch (...) {
    routine.destroy(frame);
    throw;
  }
  try {
    if (!signal.IsEmpty()) call->watch(signal.As<Napi::Object>());
    if (queue_call(env, call) != napi_ok) throw Napi::Error::New(env);
  } catch (...) {
    call->unwatch();
    delete call;
    throw;
  }
}

}  // namespace detail

BRIDGEGEN_RUNTIME_INLINE napi_value call_async(napi_env raw_env, napi_callback_info raw_info) {
  return detail::guard(raw_env, [&] {
    const Napi::CallbackInfo info(raw_env, raw_info);
    Napi::Env env = info.Env();
    const AsyncRoutine& routine = *static_cast<const AsyncRoutine*>(info.Data());
    napi_deferred deferred;
    napi_value promise;
    detail::ok(env, napi_create_promise(env, &deferred, &promise));
    const auto reject = [&](napi_value reason) { napi_reject_deferred(env, deferred, reason); };
    try {
      const Napi::Value signal = detail::signal_of(info);
      if (!signal.IsEmpty() && signal.As<Napi::Object>().Get("aborted").ToBoolean()) {
        reject(signal.As<Napi::Object>().Get("reason"));
        return promise;
      }
      detail::start_async(info, routine, deferred, signal);
    } catch (const Napi::Error& error) {
      reject(error.Value());
    } catch (const std::bad_alloc&) {
      reject(Napi::RangeError::New(env, "bridgegen: out of memory converting arguments").Value());
    }
    return promise;
  });
}

BRIDGEGEN_RUNTIME_INLINE void export_routine(Napi::Object target, const char* name, napi_callback sync,
                                             const AsyncRoutine& async) {
  napi_env env = target.Env();
  const std::string async_name = std::string(name) + "Async";
  napi_value function;
  detail::ok(env, napi_create_function(env, name, NAPI_AUTO_LENGTH, sync, nullptr, &function));
  target.Set(name, Napi::Value(env, function));
  detail::ok(env, napi_create_function(env, async_name.c_str(), NAPI_AUTO_LENGTH, call_async,
                                       const_cast<AsyncRoutine*>(&async), &function));
  target.Set(async_name, Napi::Value(env, function));
}

#endif  // BRIDGEGEN_DEFINES_RUNTIME

}  // namespace bridgegen
