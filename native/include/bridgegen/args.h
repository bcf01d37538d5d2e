// bridgegen runtime — the JS side of a call: positional arguments, the trailing options object
// (contract 1.3), missing/extra argument errors, and the values an async call must keep alive.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>

#include "error.h"
#include "linkage.h"
#if BRIDGEGEN_DEFINES_RUNTIME
#include "keys.h"
#include "objects_js.h"
#endif

namespace bridgegen {

/**
 * A failure path (a throw): out of line and cold, so the passing path of a check is a compare and
 * a branch, and the caller's frame is not sized for building the message.
 */
#define BRIDGEGEN_COLD __attribute__((noinline, cold))
/** A fast path small enough to belong in its caller: a test that passes, then a field read. */
#define BRIDGEGEN_HOT_INLINE inline __attribute__((always_inline))

constexpr size_t kMaxParams = 64;
constexpr size_t kMaxPins = 2 * kMaxParams;

/** What the generated glue declares about one routine's JS parameters. */
struct Signature {
  const char* routine;        // JS name, e.g. "foo" or "mod.foo"
  const char* const* params;  // JS parameter names: required first, then optional
  size_t nparams;
  size_t nrequired;
};

/**
 * An array the routine updates for the caller while JS may run (an async call, or callbacks):
 * at completion the caller's typed array must still be attached and as large, else the update
 * is lost (ERR_BRIDGEGEN_DETACHED). `from` is the updated data: the caller's own memory (held,
 * updated in place: nothing to copy) or a private copy, copied back.
 */
struct WriteBack {
  int pin;             // Args::pin index of the caller's typed array
  const void* from;    // the updated data
  size_t byte_offset;  // where the data starts in the typed array (ndarray offset)
  size_t bytes;
};

/**
 * Work an async call does on its worker thread before the routine runs, not on the JS thread
 * (so a large array delays no timer): copies the caller's bytes (held alive by their backing
 * store) into a private buffer, or, `from` null, zero-fills a new output.
 */
struct CopyIn {
  void* to;
  const void* from;
  size_t bytes;
};

/**
 * How a call may use JS memory. Direct: a sync call during which no JS runs, so the native side
 * points into JS buffers. Held: JS runs before the native side is done (a sync call's callbacks),
 * so buffers are kept alive by their backing stores — a callback may detach or transfer them.
 * Deferred: an async call, which runs after this callback returns, on another thread.
 */
enum class Memory { Direct, Held, Deferred };

/** The arguments of one call, resolved to one slot per JS parameter. */
namespace detail {
/**
 * Whether a trailing argument is the options object (`f(x, { n: 3 })`, `fooAsync(x, { signal })`):
 * a plain object, not an array, typed array, ndarray-like `{ data, ... }` or complex `{ re, im }`.
 */
BRIDGEGEN_RUNTIME_INLINE bool is_options_object(napi_env env, napi_value v);
}  // namespace detail

class Args {
 public:
  /** `memory`: how the call may use the JS buffers it is given (see Memory). */
  Args(napi_env env, napi_callback_info info, const Signature& sig, Memory memory = Memory::Direct);

  napi_env env() const { return env_; }
  const Signature& signature() const { return sig_; }

  /** The value of parameter i, or nullptr when left out (undefined counts as left out). */
  napi_value get(size_t i) const { return i < sig_.nparams ? values_[i] : nullptr; }
  /** Whether the caller gave parameter i; false for an index no parameter has (a hidden argument). */
  bool given(size_t i) const { return i < sig_.nparams && values_[i] != nullptr && !is_undefined(values_[i]); }

  /** "argument `x` of foo()", for messages that name both sides. */
  std::string describe(size_t i) const;
  std::string where() const;

  /**
   * Records a JS value the native side points into; returns its index. Handles die with the
   * call's scope, so results look values up by index: in `pins()` for a sync call, and in the
   * references an async call keeps until it settles. `bytes`: the memory the call uses there.
   */
  int pin(napi_value value, size_t bytes) {
    if (npins_ == kMaxPins) throw_too_many("array arguments");
    pins_[npins_] = value;
    array_bytes_ += bytes;
    return static_cast<int>(npins_++);
  }
  size_t pin_count() const { return npins_; }
  /** The bytes of the arrays pinned or copied in: the size of the call, for its width (width.h, sync_width.h). */
  size_t array_bytes() const { return array_bytes_; }
  const napi_value* pins() const { return pins_; }
  /**
   * An async call need not keep pin `index` until it settles: its memory is held or copied and no
   * result is made of it (an input array). A reference each cost an awaited call ~380 instructions.
   */
  void settle_without(int index) { settle_without_[index / 64] |= uint64_t{1} << (index % 64); }
  bool needed_to_settle(size_t index) const { return (settle_without_[index / 64] >> (index % 64) & 1) == 0; }

  /** Whether JS may run before the native side is done with the memory it was given (Memory). */
  bool holds_memory() const { return memory_ != Memory::Direct; }
  /** An async call: runs later, on a pool thread. */
  bool deferred() const { return memory_ == Memory::Deferred; }
  void write_back(const WriteBack& entry) {
    if (nwrite_backs_ == kMaxParams) throw_too_many("in-place arrays");
    write_backs_[nwrite_backs_++] = entry;
  }
  size_t write_back_count() const { return nwrite_backs_; }
  const WriteBack* write_backs() const { return write_backs_; }
  void copy_in(const CopyIn& entry) {
    if (ncopy_ins_ == kMaxParams) throw_too_many("copied arrays");
    copy_ins_[ncopy_ins_++] = entry;
    array_bytes_ += entry.bytes;
  }
  size_t copy_in_count() const { return ncopy_ins_; }
  const CopyIn* copy_ins() const { return copy_ins_; }

 private:
  bool is_undefined(napi_value v) const {
    napi_valuetype type;
    return napi_typeof(env_, v, &type) == napi_ok && type == napi_undefined;
  }

  [[noreturn]] [[gnu::cold]] BRIDGEGEN_RUNTIME_INLINE void throw_too_many(const char* what) const;
  [[noreturn]] [[gnu::cold]] BRIDGEGEN_RUNTIME_INLINE void throw_too_many_positional(size_t positional) const;
  /**
   * The required parameters from index `from` on, which were not given by position: each must
   * have been given by name. A required argument passed as `undefined` reaches its converter,
   * which names it.
   */
  [[gnu::cold]] BRIDGEGEN_RUNTIME_INLINE void require_named(size_t from) const;
  /** Whether the trailing argument `last` is the options object; `pairs`: its keys and values, when JS read them. */
  bool is_options(napi_value last, napi_value* pairs) const;
  void read_options(napi_value options, napi_value pairs);
  /** Option `key` (`length` bytes of UTF-8) names a parameter: checked, then set. */
  void set_option(const char* key, size_t length, napi_value value);
  size_t index_of(const char* name, size_t length) const;
  std::string param_list() const;

  napi_env env_;
  const Signature& sig_;
  /** One slot per parameter, and one for the options object (napi_get_cb_info writes it). */
  napi_value values_[kMaxParams + 1];
  napi_value pins_[kMaxPins];
  size_t npins_ = 0;
  size_t array_bytes_ = 0;
  uint64_t settle_without_[kMaxPins / 64] = {};  // a bit per pin (not std::bitset: a header less for the glue)
  Memory memory_;
  WriteBack write_backs_[kMaxParams];
  size_t nwrite_backs_ = 0;
  CopyIn copy_ins_[kMaxParams];
  size_t ncopy_ins_ = 0;
};

#if BRIDGEGEN_DEFINES_RUNTIME

BRIDGEGEN_RUNTIME_INLINE Args::Args(napi_env env, napi_callback_info info, const Signature& sig, Memory memory)
    : env_(env), sig_(sig), memory_(memory) {
  // One N-API call fetches every argument straight into values_: the hot path of a call. The
  // capacity is what the signature can take (N-API pads every slot up to it with `undefined`);
  // argc still reports the real count, so extra arguments are seen.
  if (sig.nparams > kMaxParams) throw_too_many("parameters");
  const size_t capacity = sig.nparams + 1;
  size_t argc = capacity;
  detail::ok(env, napi_get_cb_info(env, info, &argc, values_, nullptr, nullptr));
  size_t positional = argc;
  napi_value pairs = nullptr;
  if (argc > sig.nrequired && argc <= capacity && is_options(values_[argc - 1], &pairs)) positional = argc - 1;
  if (positional > sig.nparams) throw_too_many_positional(positional);
  const napi_value options = positional < argc ? values_[positional] : nullptr;
  for (size_t i = positional; i < sig.nparams; i++) values_[i] = nullptr;  // left out (or named)
  if (options != nullptr) read_options(options, pairs);
  if (positional < sig.nrequired) require_named(positional);
}

BRIDGEGEN_RUNTIME_INLINE void Args::throw_too_many(const char* what) const {
  throw_range_error(env_, where() + ": too many " + what, code::kArgCount);
}

BRIDGEGEN_RUNTIME_INLINE void Args::throw_too_many_positional(size_t positional) const {
  throw_type_error(env_, where() + " takes at most " + std::to_string(sig_.nparams) +
                             " positional argument(s), got " + std::to_string(positional), code::kArgCount);
}

BRIDGEGEN_RUNTIME_INLINE void Args::require_named(size_t from) const {
  for (size_t i = from; i < sig_.nrequired; i++) {
    if (values_[i] != nullptr) continue;
    throw_type_error(env_, where() + ": missing required argument `" + std::string(sig_.params[i]) +
                               "` (position " + std::to_string(i + 1) + ")", code::kArgCount);
  }
}

BRIDGEGEN_RUNTIME_INLINE std::string Args::describe(size_t i) const {
  return "argument `" + std::string(sig_.params[i]) + "` of " + where();
}

BRIDGEGEN_RUNTIME_INLINE std::string Args::where() const { return std::string(sig_.routine) + "()"; }

BRIDGEGEN_RUNTIME_INLINE bool detail::is_options_object(napi_env env, napi_value v) {
  napi_valuetype type;
  if (napi_typeof(env, v, &type) != napi_ok || type != napi_object) return false;
  bool flag = false;
  if (napi_is_typedarray(env, v, &flag) == napi_ok && flag) return false;
  if (napi_is_array(env, v, &flag) == napi_ok && flag) return false;
  if (napi_is_arraybuffer(env, v, &flag) == napi_ok && flag) return false;
  // An ndarray-like (`data`) or a complex value (`re`) is an argument, not options.
  return !has_property(env, v, Key::kData) && !has_property(env, v, Key::kRe);
}

BRIDGEGEN_RUNTIME_INLINE bool Args::is_options(napi_value last, napi_value* pairs) const {
  switch (read_options_js(env_, last, pairs)) {
    case OptionsRead::kOptions: return true;
    case OptionsRead::kNotOptions: return false;
    case OptionsRead::kAskNapi: break;
  }
  *pairs = nullptr;
  return detail::is_options_object(env_, last);
}

BRIDGEGEN_RUNTIME_INLINE void Args::read_options(napi_value options, napi_value pairs) {
  if (pairs != nullptr) {
    const uint32_t count = option_count(pairs);
    for (uint32_t k = 0; k < count; k++) {
      char buffer[128];  // parameter names are Fortran names: at most 63 characters
      const size_t length = option_key(pairs, k, buffer, sizeof buffer);
      if (length < sizeof buffer) {
        set_option(buffer, length, option_value(pairs, k));
      } else {
        std::string key(length + 1, '\0');
        option_key(pairs, k, key.data(), key.size());
        set_option(key.data(), length, option_value(pairs, k));
      }
    }
    return;
  }
  Napi::Object object(env_, options);
  Napi::Array keys = object.GetPropertyNames();
  for (uint32_t k = 0; k < keys.Length(); k++) {
    const std::string key = keys.Get(k).ToString().Utf8Value();
    set_option(key.data(), key.size(), object.Get(key));
  }
}

BRIDGEGEN_RUNTIME_INLINE void Args::set_option(const char* key, size_t length, napi_value value) {
  if (deferred() && length == 6 && std::memcmp(key, "signal", 6) == 0) return;  // an async call's AbortSignal (async_call.h)
  const size_t i = index_of(key, length);
  if (i == sig_.nparams) {
    throw_type_error(env_, where() + ": unknown option `" + std::string(key, length) + "`; expected one of " + param_list(),
                     code::kArgType);
  }
  if (values_[i] != nullptr) {
    throw_type_error(env_, where() + ": argument `" + std::string(key, length) + "` given both by position and by name",
                     code::kArgCount);
  }
  values_[i] = value;
}

BRIDGEGEN_RUNTIME_INLINE size_t Args::index_of(const char* name, size_t length) const {
  for (size_t i = 0; i < sig_.nparams; i++)
    if (std::strlen(sig_.params[i]) == length && std::memcmp(name, sig_.params[i], length) == 0) return i;
  return sig_.nparams;
}

BRIDGEGEN_RUNTIME_INLINE std::string Args::param_list() const {
  std::string list;
  for (size_t i = 0; i < sig_.nparams; i++) list += (i ? ", " : "") + std::string("`") + sig_.params[i] + "`";
  return list.empty() ? "none" : list;
}

#endif  // BRIDGEGEN_DEFINES_RUNTIME

}  // namespace bridgegen
