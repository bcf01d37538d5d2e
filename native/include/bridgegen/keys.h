// bridgegen runtime — the property names every call with ndarray-like arguments or results reads
// and writes (`data`, `shape`, ...), made once per thread as V8 strings when V8's headers are at
// hand. napi_get_named_property makes its key from UTF-8 on every call (a string-table lookup):
// a 4x4 dgemm spent 30% of its 73k instructions on that. Without V8 the keys are made per use.
// The async work items' resource object is kept here too, per thread, for the same reason.
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include "linkage.h"
#include "v8_fast.h"

namespace bridgegen {

/** Property names, and the async work items' resource name (`bridgegen`, for async_hooks). */
enum class Key : int { kData, kShape, kStrides, kOffset, kOrder, kDtype, kColumnMajor, kRowMajor, kRe, kSignal, kBridgegen, kCount };

namespace detail {

inline const char* key_text(Key key) {
  static const char* const texts[] = {"data",         "shape",     "strides", "offset",    "order",
                                      "dtype",        "column-major", "row-major", "re",   "signal", "bridgegen"};
  return texts[static_cast<int>(key)];
}

#ifdef BRIDGEGEN_V8_TYPE_TEST
/** objects_js.h's JS functions and the numbers they share with C++, compiled at first use. */
struct ObjectsJs {
  bool tried = false;  // a failed compile is not retried
  v8::Global<v8::Function> read, make, options;
  std::shared_ptr<v8::BackingStore> scratch_store;  // keeps `scratch` valid
  double* scratch = nullptr;
  /** Each element type's `dtype` string, made once (linear search: a module has a handful). */
  std::vector<std::pair<const char*, v8::Global<v8::String>>> dtypes;
};

/** This thread's keys, for its isolate; released by the environment's cleanup hook (before V8 is torn down). */
struct ThreadKeys {
  v8::Isolate* isolate = nullptr;
  v8::Global<v8::String> strings[static_cast<int>(Key::kCount)];
  /** The async work items' resource object (see async_resource). */
  v8::Global<v8::Object> resource;
  ObjectsJs objects;
};

inline thread_local ThreadKeys* thread_keys = nullptr;

inline ThreadKeys* keys_for(napi_env env, v8::Isolate* isolate) {
  if (thread_keys != nullptr && thread_keys->isolate == isolate) return thread_keys;
  auto* keys = new ThreadKeys();
  keys->isolate = isolate;
  for (int k = 0; k < static_cast<int>(Key::kCount); k++) {
    const char* text = key_text(static_cast<Key>(k));
    keys->strings[k].Reset(isolate, v8::String::NewFromUtf8(isolate, text, v8::NewStringType::kInternalized).ToLocalChecked());
  }
  keys->resource.Reset(isolate, v8::Object::New(isolate));
  auto release = [](void* data) {
    auto* done = static_cast<ThreadKeys*>(data);
    if (thread_keys == done) thread_keys = nullptr;
    delete done;  // Global::~Global resets each handle while its isolate is alive
  };
  if (napi_add_env_cleanup_hook(env, release, keys) != napi_ok) {
    delete keys;
    return nullptr;
  }
  thread_keys = keys;
  return keys;
}
#endif

}  // namespace detail

/** The property name `key` as a JS string, valid in the current handle scope. */
BRIDGEGEN_RUNTIME_INLINE napi_value key(napi_env env, Key which);

/**
 * The resource object of this thread's async work items (napi_create_async_work's
 * `async_resource`), or null for a new one each (without V8's headers). One object for all: N-API
 * made an empty object per work item, a twentieth of an awaited call's instructions. Each item
 * still has its own async id; the object is only current while bridgegen settles promises (no
 * user code runs then: promise reactions run after, in their own contexts, so AsyncLocalStorage
 * sees the caller's store).
 */
BRIDGEGEN_RUNTIME_INLINE napi_value async_resource(napi_env env);

#if BRIDGEGEN_DEFINES_RUNTIME
BRIDGEGEN_RUNTIME_INLINE napi_value key(napi_env env, Key which) {
#ifdef BRIDGEGEN_V8_TYPE_TEST
  v8::Isolate* isolate = v8::Isolate::GetCurrent();
  if (detail::ThreadKeys* keys = detail::keys_for(env, isolate)) {
    return detail::napi_value_of(keys->strings[static_cast<int>(which)].Get(isolate));
  }
#endif
  napi_value value = nullptr;
  napi_create_string_utf8(env, detail::key_text(which), NAPI_AUTO_LENGTH, &value);
  return value;
}

BRIDGEGEN_RUNTIME_INLINE napi_value async_resource([[maybe_unused]] napi_env env) {
#ifdef BRIDGEGEN_V8_TYPE_TEST
  v8::Isolate* isolate = v8::Isolate::GetCurrent();
  if (detail::ThreadKeys* keys = detail::keys_for(env, isolate)) return detail::napi_value_of(keys->resource.Get(isolate));
#endif
  return nullptr;
}
#endif

/** `object[key]` (a getter that throws becomes a Napi::Error, as with Napi::Object::Get). */
inline Napi::Value get_property(napi_env env, napi_value object, Key which) {
  napi_value value = nullptr;
  if (napi_get_property(env, object, key(env, which), &value) != napi_ok) throw Napi::Error::New(env);
  return Napi::Value(env, value);
}

inline bool has_property(napi_env env, napi_value object, Key which) {
  bool has = false;
  if (napi_has_property(env, object, key(env, which), &has) != napi_ok) throw Napi::Error::New(env);
  return has;
}

inline void set_property(napi_env env, napi_value object, Key which, napi_value value) {
  if (napi_set_property(env, object, key(env, which), value) != napi_ok) throw Napi::Error::New(env);
}

/** Whether `value` is the string `key` names. */
inline bool is_key(napi_env env, napi_value value, Key which) {
  bool equal = false;
  return napi_strict_equals(env, value, key(env, which), &equal) == napi_ok && equal;
}

}  // namespace bridgegen
