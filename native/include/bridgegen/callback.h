// bridgegen runtime — callbacks: JS functions passed for Fortran procedure arguments. Fortran
// calls a generated trampoline; the trampoline runs a job on the JS thread (directly in a sync
// call, through a blocking thread-safe function from the pool in an async one) that converts the
// arguments, calls the function and stores what it returns. A callback that throws is not
// called again; the routine finishes and the caller receives that same error object.
#pragma once

#include <atomic>
#include <mutex>
#include <type_traits>
#include <vector>

#include "args.h"
#include "element.h"
#include "error.h"
#include "linkage.h"
#if BRIDGEGEN_DEFINES_RUNTIME
#include <condition_variable>
#endif

namespace bridgegen {

namespace detail {
/** The state lock held by the running call on this thread (released while JS runs). */
inline thread_local std::unique_lock<std::mutex>* held_state_lock = nullptr;
/** The frame whose routine runs on this thread: trampolines find their JS function there. */
inline thread_local void* running_frame = nullptr;
}  // namespace detail

/**
 * A job for the JS thread: converts, calls, converts back. It refers to the trampoline's lambda,
 * which outlives the run (Callback::run waits for it); not std::function, so the glue does not
 * read <functional>.
 */
class CallbackJob {
 public:
  template <typename F, typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, CallbackJob>>>
  CallbackJob(F&& job)  // implicit: trampolines pass their lambda
      : job_(&job), call_([](const void* f, napi_env env) { (*static_cast<const std::remove_reference_t<F>*>(f))(env); }) {}
  void operator()(napi_env env) const { call_(job_, env); }

 private:
  const void* job_;
  void (*call_)(const void*, napi_env);
};

/**
 * One JS function given for a procedure argument, for the duration of one call. Its larger
 * member functions are defined with the runtime (linkage.h): not compiled in every module.
 */
class Callback {
 public:
  Callback() = default;
  Callback(const Callback&) = delete;
  Callback& operator=(const Callback&) = delete;
  Callback(Callback&& other) noexcept { *this = std::move(other); }
  BRIDGEGEN_RUNTIME_INLINE Callback& operator=(Callback&& other) noexcept;
  BRIDGEGEN_RUNTIME_INLINE ~Callback();

  /** Reads parameter i, which must be a function; an async call also gets a way back to JS. */
  BRIDGEGEN_RUNTIME_INLINE void read(Args& args, size_t i);
  /** Runs `job` on the JS thread and waits for it; skipped once a callback has thrown. */
  BRIDGEGEN_RUNTIME_INLINE void run(const CallbackJob& job);

  napi_env env() const { return env_; }
  /** The JS function (JS thread). */
  BRIDGEGEN_RUNTIME_INLINE napi_value function() const;
  bool failed() const { return failed_; }

  /** Stops the callback (JS thread): it is not called again, and the call fails with `reason`. */
  BRIDGEGEN_RUNTIME_INLINE void abort(napi_value reason);
  /** The error the callback threw (valid when failed()). */
  BRIDGEGEN_RUNTIME_INLINE napi_value error() const;

 private:
  struct Pending;

  BRIDGEGEN_RUNTIME_INLINE void guarded(napi_env env, const CallbackJob& job);
  BRIDGEGEN_RUNTIME_INLINE void run_from_pool(const CallbackJob& job);
  BRIDGEGEN_RUNTIME_INLINE static void run_job(napi_env env, napi_value, void*, void* data);
  /** Holds `value` in `ref`, replacing what it held. */
  BRIDGEGEN_RUNTIME_INLINE void hold(napi_ref& ref, napi_value value);

  napi_env env_ = nullptr;
  napi_ref fn_ = nullptr;
  napi_threadsafe_function tsfn_ = nullptr;
  napi_ref error_ = nullptr;
  // Written on the JS thread (a throw, an abort), read by the pool thread running the routine.
  std::atomic<bool> failed_{false};
};

#if BRIDGEGEN_DEFINES_RUNTIME

/** A job run from the pool, and the thread waiting for it. */
struct Callback::Pending {
  Pending(const CallbackJob* j, Callback* s) : job(j), self(s) {}
  const CallbackJob* job;
  Callback* self;
  std::mutex mutex;
  std::condition_variable done_signal;
  bool done = false;
};

BRIDGEGEN_RUNTIME_INLINE Callback& Callback::operator=(Callback&& other) noexcept {
  std::swap(env_, other.env_);
  std::swap(fn_, other.fn_);
  std::swap(tsfn_, other.tsfn_);
  std::swap(error_, other.error_);
  failed_.store(other.failed_.exchange(failed_.load()));
  return *this;
}

BRIDGEGEN_RUNTIME_INLINE Callback::~Callback() {
  if (tsfn_) napi_release_threadsafe_function(tsfn_, napi_tsfn_release);
  if (fn_) napi_delete_reference(env_, fn_);
  if (error_) napi_delete_reference(env_, error_);
}

BRIDGEGEN_RUNTIME_INLINE void Callback::hold(napi_ref& ref, napi_value value) {
  if (ref) napi_delete_reference(env_, ref);
  ref = nullptr;
  detail::ok(env_, napi_create_reference(env_, value, 1, &ref));
}

BRIDGEGEN_RUNTIME_INLINE napi_value Callback::function() const {
  napi_value value = nullptr;
  detail::ok(env_, napi_get_reference_value(env_, fn_, &value));
  return value;
}

BRIDGEGEN_RUNTIME_INLINE napi_value Callback::error() const {
  napi_value value = nullptr;
  if (error_) napi_get_reference_value(env_, error_, &value);
  return value;
}

BRIDGEGEN_RUNTIME_INLINE void Callback::read(Args& args, size_t i) {
  napi_env env = args.env();
  napi_value value = args.get(i);
  napi_valuetype type;
  if (napi_typeof(env, value, &type) != napi_ok || type != napi_function) {
    throw_type_error(env, args.describe(i) + ": expected a function, got " + detail::describe(env, value), code::kArgType);
  }
  env_ = env;
  hold(fn_, value);
  if (!args.deferred()) return;
  napi_value name = Napi::String::New(env, "bridgegen callback");
  if (napi_create_threadsafe_function(env, nullptr, nullptr, name, 0, 1, nullptr, nullptr, nullptr, &run_job, &tsfn_) != napi_ok) {
    throw Napi::Error::New(env);
  }
}

BRIDGEGEN_RUNTIME_INLINE void Callback::run(const CallbackJob& job) {
  if (failed_) return;
  // Release the module's state lock while JS runs: the callback may call this module again.
  std::unique_lock<std::mutex>* lock = detail::held_state_lock;
  if (lock) lock->unlock();
  if (tsfn_) run_from_pool(job);
  else guarded(env_, job);
  if (lock) lock->lock();
}

BRIDGEGEN_RUNTIME_INLINE void Callback::abort(napi_value reason) {
  if (failed_) return;
  hold(error_, reason);
  failed_ = true;
}

BRIDGEGEN_RUNTIME_INLINE void Callback::guarded(napi_env env, const CallbackJob& job) {
  try {
    job(env);
  } catch (const Napi::Error& error) {
    failed_ = true;
    hold(error_, error.Value());
  }
}

BRIDGEGEN_RUNTIME_INLINE void Callback::run_from_pool(const CallbackJob& job) {
  Pending pending(&job, this);
  if (napi_call_threadsafe_function(tsfn_, &pending, napi_tsfn_blocking) != napi_ok) {
    failed_ = true;  // the environment is going away: nobody is left to answer
    return;
  }
  std::unique_lock<std::mutex> wait(pending.mutex);
  pending.done_signal.wait(wait, [&] { return pending.done; });
}

BRIDGEGEN_RUNTIME_INLINE void Callback::run_job(napi_env env, napi_value, void*, void* data) {
  auto* pending = static_cast<Pending*>(data);
  if (env != nullptr) {
    Napi::HandleScope scope(env);
    pending->self->guarded(env, *pending->job);
  } else {
    pending->self->failed_ = true;
  }
  std::lock_guard<std::mutex> guard(pending->mutex);
  pending->done = true;
  pending->done_signal.notify_one();
}

#endif  // BRIDGEGEN_DEFINES_RUNTIME

/** A view of Fortran memory for the length of one callback (detached when it returns). */
template <typename T>
class CallbackView {
 public:
  CallbackView(napi_env env, T* data, int64_t count) : env_(env) {
    const size_t n = count > 0 ? static_cast<size_t>(count) : 0;
    static T empty[1];
    napi_create_external_arraybuffer(env, data ? data : empty, n * sizeof(T), nullptr, nullptr, &buffer_);
    napi_create_typedarray(env, Element<T>::typed_array, n * Element<T>::lanes, buffer_, 0, &typed_);
  }
  ~CallbackView() { napi_detach_arraybuffer(env_, buffer_); }  // a kept view must not outlive the memory
  napi_value value() const { return typed_; }

 private:
  napi_env env_;
  napi_value buffer_ = nullptr;
  napi_value typed_ = nullptr;
};

/** Calls the JS function with `argv`; throws (as a C++ exception) what it throws. */
BRIDGEGEN_RUNTIME_INLINE napi_value call_function(const Callback& callback, const std::vector<napi_value>& argv);

/** A value the callback returned, converted for Fortran; `what` names it in messages. */
template <typename T>
T returned_as(napi_env env, napi_value value, const char* what) {
  return value_to<T>(env, value, [&] { return std::string(what); });
}

/** Sets `*target` from `returned[name]` when the callback returned an object that has it. */
template <typename T>
void returned_field(napi_env env, napi_value returned, const char* name, T* target, const char* what) {
  napi_valuetype type;
  bool has = false;
  if (napi_typeof(env, returned, &type) != napi_ok || (type != napi_object && type != napi_function)) return;
  detail::ok(env, napi_has_named_property(env, returned, name, &has));
  if (!has) return;
  napi_value field;
  detail::ok(env, napi_get_named_property(env, returned, name, &field));
  *target = value_to<T>(env, field, [&] { return std::string(what) + "." + name; });
}

#if BRIDGEGEN_DEFINES_RUNTIME

BRIDGEGEN_RUNTIME_INLINE napi_value call_function(const Callback& callback, const std::vector<napi_value>& argv) {
  const napi_value function = callback.function();
  return Napi::Function(callback.env(), function).Call(argv);
}

#endif  // BRIDGEGEN_DEFINES_RUNTIME

}  // namespace bridgegen
