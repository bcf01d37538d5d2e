// bridgegen runtime — what N-API cannot do fast or at all, done with V8's public API when its
// headers are at hand (a build from source against this Node; BRIDGEGEN_NO_V8_TYPE_TEST turns it
// off): an exact typed-array type test, holding an input's memory across an async call, and
// native memory handed to JS that comes back when the GC frees it.
// napi_value is V8's Local<Value> in every Node with N-API. Every function has a plain N-API
// answer when V8 is not used ("ask N-API" / "copy instead"), never a different result.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>

#include "element.h"
#include "linkage.h"

// A module that links the compiled runtime (linkage.h) does not read V8's headers, a second of
// every compile: the functions below are then the runtime's, and only declared here.
#if __has_include(<v8.h>) && !defined(BRIDGEGEN_NO_V8_TYPE_TEST) && BRIDGEGEN_DEFINES_RUNTIME
// V8's own headers are not -Wextra clean; their warnings are not ours to fix.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wcast-function-type"
#include <v8.h>
#pragma GCC diagnostic pop
#define BRIDGEGEN_V8_TYPE_TEST 1
#endif

namespace bridgegen {
namespace detail {

/** Called when V8 frees a backing store: on any thread, during or after a GC. */
using StoreRelease = void (*)(void* data, size_t bytes, void* hint);

#if !BRIDGEGEN_DEFINES_RUNTIME

template <typename T>
bool exact_typed_array(napi_value value, void** data, size_t* length);
bool may_be_typed_array(napi_value value);
bool keep_backing_store(napi_value value, const void* data, size_t bytes, std::shared_ptr<void>& keep);
napi_value v8_owning_array_buffer(void* data, size_t bytes, StoreRelease release, void* hint);

#else

#ifdef BRIDGEGEN_V8_TYPE_TEST
inline v8::Local<v8::Value> v8_value(napi_value value) {
  v8::Local<v8::Value> v;
  static_assert(sizeof v == sizeof value, "napi_value is a v8::Local<v8::Value>");
  std::memcpy(static_cast<void*>(&v), &value, sizeof value);
  return v;
}

/** The napi_value of a V8 handle (the other way round). */
template <typename T>
napi_value napi_value_of(v8::Local<T> local) {
  napi_value value;
  static_assert(sizeof local == sizeof value, "napi_value is a v8::Local<v8::Value>");
  std::memcpy(static_cast<void*>(&value), &local, sizeof value);
  return value;
}
#endif

/**
 * A typed array of exactly T's kind: its data and length (in typed-array elements), found with
 * one V8 type test and the view's byte length. N-API's napi_get_typedarray_info finds the kind
 * by testing each in turn (Float64Array is the ninth) and derives the length from it again:
 * together 25% of a 4-element ddot call, measured. Used only when V8's headers are at hand (a
 * build from source against this Node); napi_value is V8's Local<Value> in every Node with
 * N-API. False means "ask N-API", never "not a typed array".
 */
template <typename T>
bool exact_typed_array([[maybe_unused]] napi_value value, [[maybe_unused]] void** data, [[maybe_unused]] size_t* length) {
#ifdef BRIDGEGEN_V8_TYPE_TEST
  const v8::Local<v8::Value> v = v8_value(value);
  bool exact = false;
  switch (Element<T>::typed_array) {
    case napi_float64_array: exact = v->IsFloat64Array(); break;
    case napi_float32_array: exact = v->IsFloat32Array(); break;
    case napi_int32_array: exact = v->IsInt32Array(); break;
    case napi_int16_array: exact = v->IsInt16Array(); break;
    case napi_int8_array: exact = v->IsInt8Array(); break;
    case napi_uint8_array: exact = v->IsUint8Array(); break;
    case napi_bigint64_array: exact = v->IsBigInt64Array(); break;
    default: break;
  }
  if (!exact) return false;
  // Length() counts typed-array elements (each a Lane): fewer tests inside V8 than ByteLength().
  const v8::Local<v8::TypedArray> view = v.As<v8::TypedArray>();
  *length = view->Length();  // 0 once detached
  void* base = *length > 0 ? view->Buffer()->Data() : nullptr;
  *data = base != nullptr ? static_cast<char*>(base) + view->ByteOffset() : nullptr;
  return true;
#else
  return false;
#endif
}

/**
 * False when `value` is certainly no typed array (one V8 type test), so the caller need not ask
 * N-API: napi_get_typedarray_info failing on an ndarray or options object costs ~500 instructions
 * (it records the error). True means "ask N-API".
 */
BRIDGEGEN_RUNTIME_INLINE bool may_be_typed_array([[maybe_unused]] napi_value value) {
#ifdef BRIDGEGEN_V8_TYPE_TEST
  return v8_value(value)->IsTypedArray();
#else
  return true;
#endif
}

/**
 * Keeps the memory of typed array `value` alive, whatever JS does with it, for as long as `keep`
 * lives: a reference to its backing store, which a transfer or detach hands on but never frees.
 * An async call's inputs are read in place this way instead of copied on the JS thread (a copy
 * of a 1024x1024 matrix took longer than the dgemm). False (copy instead) unless [data, data +
 * bytes) lies inside that store.
 */
BRIDGEGEN_RUNTIME_INLINE bool keep_backing_store([[maybe_unused]] napi_value value, [[maybe_unused]] const void* data,
                               [[maybe_unused]] size_t bytes, [[maybe_unused]] std::shared_ptr<void>& keep) {
#ifdef BRIDGEGEN_V8_TYPE_TEST
  const v8::Local<v8::Value> v = v8_value(value);
  if (!v->IsArrayBufferView()) return false;
  const v8::Local<v8::Object> buffer = v.As<v8::ArrayBufferView>()->Buffer();
  std::shared_ptr<v8::BackingStore> store = buffer->IsSharedArrayBuffer()
                                                ? buffer.As<v8::SharedArrayBuffer>()->GetBackingStore()
                                                : buffer.As<v8::ArrayBuffer>()->GetBackingStore();
  // A resizable buffer may shrink under the call (V8 then revokes the pages): never held.
  if (store && store->IsResizableByUserJavaScript()) return false;
  const auto* begin = static_cast<const char*>(store ? store->Data() : nullptr);
  const auto* first = static_cast<const char*>(data);
  if (begin == nullptr || first < begin || first + bytes > begin + store->ByteLength()) return false;
  keep = std::move(store);
  return true;
#else
  return false;
#endif
}

/**
 * A JS ArrayBuffer over `data` (`bytes` long) whose `release` V8 calls itself when it frees the
 * store. N-API's external buffers defer their finalizer to the event loop's next turn, so a sync
 * loop of calls would get no output memory back until it ends (recycle.h could reuse nothing).
 * Null: use N-API (no V8 headers, or V8's sandbox, which refuses memory allocated outside it).
 */
BRIDGEGEN_RUNTIME_INLINE napi_value v8_owning_array_buffer([[maybe_unused]] void* data, [[maybe_unused]] size_t bytes,
                                         [[maybe_unused]] StoreRelease release, [[maybe_unused]] void* hint) {
#if defined(BRIDGEGEN_V8_TYPE_TEST) && !defined(V8_ENABLE_SANDBOX)
  v8::Isolate* isolate = v8::Isolate::GetCurrent();
  const v8::Local<v8::ArrayBuffer> buffer = v8::ArrayBuffer::New(isolate, v8::ArrayBuffer::NewBackingStore(data, bytes, release, hint));
  return napi_value_of(buffer);
#else
  return nullptr;
#endif
}

#endif  // BRIDGEGEN_DEFINES_RUNTIME

}  // namespace detail
}  // namespace bridgegen
