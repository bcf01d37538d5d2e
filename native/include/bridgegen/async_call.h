// bridgegen runtime — an async call (`fooAsync`): converted on the JS thread, run on the libuv
// pool by batch.h with its JS values pinned until the promise settles, cancelled by an
// AbortSignal until it starts.
#pragma once

#include <cstddef>
#include <cstring>
#include <new>
#include <vector>

#include "args.h"
#include "call.h"
#include "linkage.h"
#include "pending_call.h"
#if BRIDGEGEN_DEFINES_RUNTIME
#include <chrono>

#include "gate.h"
#include "inline_vector.h"
#include "keys.h"
#endif

namespace bridgegen {

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
  Widths& widths;
  /** The frame's size: AsyncCall keeps the frame in its own heap block. */
  size_t frame_size;
  /**
   * JS thread: makes a frame at `where` (frame_size bytes) and prepares it from `args`; throws
   * like Frame::prepare, and then leaves nothing to destroy.
   */
  void (*prepare)(void* where, Args& args);
  /** Any thread: runs the routine (invoke<Frame>). */
  void (*invoke)(void* frame);
  /** JS thread: the error of the call (call_error<Frame>), or null. */
  napi_value (*error)(napi_env env, const void* frame);
  napi_value (*result)(napi_env env, void* frame, const napi_value* pinned);
  /** JS thread: stops the frame's callbacks, if it has any. */
  void (*abort_callbacks)(napi_env env, void* frame, napi_value reason);
  /** Ends the frame's life (not its memory). */
  void (*destroy)(void* frame);
};

/** What a frame may need: AsyncCall's block comes from plain operator new. */
constexpr size_t kFrameAlign = alignof(std::max_align_t);

namespace detail {

template <typename Frame>
void prepare_async(void* where, Args& args) {
  static_assert(alignof(Frame) <= kFrameAlign, "a frame is placed at kFrameAlign");
  Frame* frame = new (where) Frame();
  try {
    frame->prepare(args);
  } catch (...) {
    frame->~Frame();
    throw;
  }
}

template <typename Frame>
void invoke_async(void* frame) { invoke(*static_cast<Frame*>(frame)); }

template <typename Frame>
napi_value async_error(napi_env env, const void* frame) {
  return call_error(env, *static_cast<const Frame*>(frame));
}

template <typename Frame>
napi_value async_result(napi_env env, void* frame, const napi_value* pinned) {
  return static_cast<Frame*>(frame)->result(env, pinned);
}

template <typename Frame>
void abort_async_callbacks(napi_env, void* frame, napi_value reason) {
  if constexpr (Frame::has_callbacks) static_cast<Frame*>(frame)->abort_callbacks(reason);
}

template <typename Frame>
void destroy_async(void* frame) { static_cast<Frame*>(frame)->~Frame(); }

/** The statistics of one routine's runs (per routine: batch.h decides from them). */
template <typename Frame>
struct RoutineRunTime {
  static inline RunTime value;
  static inline Widths widths;
};

}  // namespace detail

template <typename Frame>
inline constexpr AsyncRoutine async_routine{
    Frame::signature, Frame::threadsafe, Frame::has_callbacks, detail::RoutineRunTime<Frame>::value,
    detail::RoutineRunTime<Frame>::widths, sizeof(Frame),
    detail::prepare_async<Frame>, detail::invoke_async<Frame>, detail::async_error<Frame>, detail::async_result<Frame>,
    detail::abort_async_callbacks<Frame>, detail::destroy_async<Frame>};

/**
 * `fooAsync`: the N-API callback of every routine's async export (its data is the routine's
 * AsyncRoutine). Validation errors reject the promise instead of throwing: callers await.
 */
BRIDGEGEN_RUNTIME_INLINE napi_value call_async(napi_env raw_env, napi_callback_info raw_info);

#if BRIDGEGEN_DEFINES_RUNTIME

/**
 * One async call: its prepared frame (in the same heap block, after it) and the JS values its
 * results or write-backs need, pinned until it settles. Queued on the pool by batch.h, which
 * owns (and deletes) it from then on.
 */
class AsyncCall final : public PendingCall {
 public:
  /** Prepares a frame of `routine` from `args` and the call around it; throws like Frame::prepare. */
  static AsyncCall* create(napi_env env, napi_deferred deferred, const AsyncRoutine& routine, Args& args);
  ~AsyncCall() override;
  AsyncCall(const AsyncCall&) = delete;
  AsyncCall& operator=(const AsyncCall&) = delete;
  /** Frees the block create() allocated (frame included). */
  static void operator delete(void* block) { ::operator delete(block); }

  /** Cancels the call when `signal` aborts before the call has started (contract 1.5). */
  void watch(Napi::Object signal);
  void unwatch();

  /** Cheap calls may share a work item; a call that runs JS callbacks never waits behind others. */
  bool batchable() const override { return !routine_.has_callbacks && routine_.run_time.cheap(); }
  /** A call with callbacks mostly waits for the JS thread, so it is not counted as a busy core. */
  bool compute_bound() const override { return !routine_.has_callbacks && !routine_.run_time.cheap(); }
  bool keeps_state() const override { return !routine_.threadsafe; }
  WidthStats& width() const override { return width_; }
  void settle(napi_env env) override;

 protected:
  void execute() override;

 private:
  AsyncCall(napi_env env, napi_deferred deferred, const AsyncRoutine& routine, void* frame, const Args& args);
  /** Where the frame starts in create()'s block. */
  static constexpr size_t frame_offset();
  void release_pins();
  /** The promise's value; throws (a Napi::Error) to reject it. */
  Napi::Value result(Napi::Env env);
  void on_abort();

  napi_env env_;
  napi_deferred deferred_;
  const AsyncRoutine& routine_;
  WidthStats& width_;
  void* frame_;
  std::vector<WriteBack> write_backs_;
  std::vector<CopyIn> copy_ins_;
  /** By Args::pin index; null for a value the call no longer needs (Args::settle_without). */
  InlineVector<napi_ref, 4> pins_;
  Napi::ObjectReference signal_;
  Napi::FunctionReference listener_;
};

constexpr size_t AsyncCall::frame_offset() { return (sizeof(AsyncCall) + kFrameAlign - 1) / kFrameAlign * kFrameAlign; }

BRIDGEGEN_RUNTIME_INLINE AsyncCall* AsyncCall::create(napi_env env, napi_deferred deferred, const AsyncRoutine& routine,
                                                      Args& args) {
  // One block for the call and its frame: a heap block each cost an awaited call ~150 instructions.
  void* block = ::operator new(frame_offset() + routine.frame_size);
  void* frame = static_cast<char*>(block) + frame_offset();
  try {
    routine.prepare(frame, args);
  } catch (...) {
    ::operator delete(block);
    throw;
  }
  try {
    return new (block) AsyncCall(env, deferred, routine, frame, args);
  } catch (...) {
    routine.destroy(frame);
    ::operator delete(block);
    throw;
  }
}

BRIDGEGEN_RUNTIME_INLINE AsyncCall::AsyncCall(napi_env env, napi_deferred deferred, const AsyncRoutine& routine, void* frame,
                                              const Args& args)
    : env_(env),
      deferred_(deferred),
      routine_(routine),
      width_(routine.widths.of(args.array_bytes())),
      frame_(frame),
      write_backs_(args.write_backs(), args.write_backs() + args.write_back_count()),
      copy_ins_(args.copy_ins(), args.copy_ins() + args.copy_in_count()) {
  try {
    for (size_t i = 0; i < args.pin_count(); i++) {
      pins_.push_back(nullptr);
      if (args.needed_to_settle(i) && napi_create_reference(env, args.pins()[i], 1, &pins_[i]) != napi_ok) {
        throw Napi::Error::New(Napi::Env(env));
      }
    }
  } catch (...) {
    release_pins();  // the destructor does not run for a constructor that throws
    throw;
  }
}

BRIDGEGEN_RUNTIME_INLINE AsyncCall::~AsyncCall() {
  release_pins();
  routine_.destroy(frame_);
}

BRIDGEGEN_RUNTIME_INLINE void AsyncCall::release_pins() {
  for (napi_ref ref : pins_) {
    if (ref != nullptr) napi_delete_reference(env_, ref);
  }
}

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
  routine_.run_time.record(std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count());
}

BRIDGEGEN_RUNTIME_INLINE Napi::Value AsyncCall::result(Napi::Env env) {
  napi_value pinned[kMaxPins];  // Args::pin never holds more
  for (size_t i = 0; i < pins_.size(); i++) {
    pinned[i] = nullptr;
    if (pins_[i] != nullptr) detail::ok(env, napi_get_reference_value(env, pins_[i], &pinned[i]));
  }
  const napi_value error = routine_.error(env, frame_);
  if (error != nullptr) throw Napi::Error(env, error);
  if (!detail::write_backs_done(env, pinned, write_backs_.data(), write_backs_.size())) {
    detail::throw_detached(env, routine_.signature.routine, "Async");
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
 * The AbortSignal in a trailing options object (`fooAsync(x, { signal })`), if any. Any other
 * argument is not looked into (a `signal` lookup on a typed array was a sixth of what
 * `dsumAsync(x)` cost over a hand-written AsyncWorker), nor a required one (Args reads no
 * options there either).
 */
BRIDGEGEN_RUNTIME_INLINE Napi::Value signal_of(napi_env env, napi_callback_info info, size_t argc, const Signature& signature) {
  if (argc <= signature.nrequired || argc > kMaxParams + 1) return Napi::Value();  // Args rejects too many
  napi_value argv[kMaxParams + 1];
  ok(env, napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  const napi_value last = argv[argc - 1];
  if (!is_options_object(env, last)) return Napi::Value();
  const Napi::Value signal = get_property(env, last, Key::kSignal);
  return signal.IsObject() ? signal : Napi::Value();
}

/** Queues the call of `routine` that `info` asks for; throws to reject the promise. */
BRIDGEGEN_RUNTIME_INLINE void start_async(napi_env env, napi_callback_info info, const AsyncRoutine& routine,
                                          napi_deferred deferred, Napi::Value signal) {
  Args args(env, info, routine.signature, Memory::Deferred);
  AsyncCall* call = AsyncCall::create(env, deferred, routine, args);
  try {
    if (!signal.IsEmpty()) call->watch(signal.As<Napi::Object>());
    if (queue_call(env, call) != napi_ok) throw Napi::Error::New(Napi::Env(env));
  } catch (...) {
    call->unwatch();
    delete call;
    throw;
  }
}

}  // namespace detail

BRIDGEGEN_RUNTIME_INLINE napi_value call_async(napi_env raw_env, napi_callback_info raw_info) {
  return detail::guard(raw_env, [&] {
    Napi::Env env(raw_env);
    // Only the argument count and the routine here: Args fetches the arguments themselves.
    size_t argc = 0;
    void* data = nullptr;
    detail::ok(env, napi_get_cb_info(env, raw_info, &argc, nullptr, nullptr, &data));
    const AsyncRoutine& routine = *static_cast<const AsyncRoutine*>(data);
    napi_deferred deferred;
    napi_value promise;
    detail::ok(env, napi_create_promise(env, &deferred, &promise));
    const auto reject = [&](napi_value reason) { napi_reject_deferred(env, deferred, reason); };
    try {
      const Napi::Value signal = detail::signal_of(env, raw_info, argc, routine.signature);
      if (!signal.IsEmpty() && signal.As<Napi::Object>().Get("aborted").ToBoolean()) {
        reject(signal.As<Napi::Object>().Get("reason"));
        return promise;
      }
      detail::start_async(env, raw_info, routine, deferred, signal);
    } catch (const Napi::Error& error) {
      reject(error.Value());
    } catch (const std::bad_alloc&) {
      reject(Napi::RangeError::New(env, "bridgegen: out of memory converting arguments").Value());
    }
    return promise;
  });
}

#endif  // BRIDGEGEN_DEFINES_RUNTIME

}  // namespace bridgegen
