// bridgegen runtime — running a call: the module's state lock, a call's errors, write-backs, and
// the sync call on the JS thread (async_call.h runs one on the libuv pool). Routines that may keep
// state (SAVE, COMMON, module variables) are serialized per addon; threadsafe ones run concurrently.
#pragma once

#include <cstring>
#include <exception>
#include <mutex>
#include <new>
#include <string>

#include "args.h"
#include "callback.h"
#include "error.h"
#include "linkage.h"
#include "output.h"
#include "sync_width.h"
#include "xerbla.h"

namespace bridgegen {

/**
 * A generated Frame provides:
 *   static const Signature signature;   static constexpr bool threadsafe;
 *   void prepare(Args&);       // JS thread: convert, check, allocate outputs
 *   void invoke();             // any thread: call the Fortran shim, no N-API
 *   napi_value result(napi_env, const napi_value* pinned);  // JS thread: the return value
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
BRIDGEGEN_HOT_INLINE void invoke(Frame& frame) {
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

/** The error a callback of the call threw, or XERBLA's report as an error, or null. */
template <typename Frame>
BRIDGEGEN_HOT_INLINE napi_value call_error(napi_env env, const Frame& frame) {
  if constexpr (Frame::has_callbacks) {
    if (const Callback* failed = frame.failed_callback()) return failed->error();
  }
  if constexpr (catches_xerbla<Frame>::value) {
    if (frame.xerbla.set) return xerbla_error(env, frame);
  }
  return nullptr;
}

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

/** Throws the error of an update lost because its array was detached or transferred during the call. */
[[noreturn]] BRIDGEGEN_RUNTIME_INLINE void throw_detached(napi_env env, const char* routine, const char* suffix);

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
    {
      const SyncRun run(detail::RoutineSyncWidths<Frame>::value, args.array_bytes());
      invoke(frame);
    }
    const napi_value error = call_error(env, frame);
    if (error != nullptr) {
      napi_throw(env, error);  // the very error object a callback threw
      return static_cast<napi_value>(nullptr);
    }
    if (args.write_back_count() != 0 && !detail::write_backs_done(env, args.pins(), args.write_backs(), args.write_back_count())) {
      detail::throw_detached(env, Frame::signature.routine, "");
    }
    return frame.result(env, args.pins());
  });
}

#if BRIDGEGEN_DEFINES_RUNTIME

BRIDGEGEN_RUNTIME_INLINE void detail::throw_detached(napi_env env, const char* routine, const char* suffix) {
  throw_type_error(env, std::string(routine) + suffix +
      "(): an array updated in place was detached or transferred during the call; its update is lost", code::kDetached);
}

#endif  // BRIDGEGEN_DEFINES_RUNTIME

}  // namespace bridgegen
