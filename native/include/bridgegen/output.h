// bridgegen runtime — outputs: intent(out) arrays allocated as JS memory before the call (so the
// Fortran writes straight into what the caller gets), and the result value or result object.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <initializer_list>
#include <utility>
#include <vector>

#include "args.h"
#include "array.h"
#include "element.h"
#include "linkage.h"
#if BRIDGEGEN_DEFINES_RUNTIME
#include "keys.h"
#include "objects_js.h"
#include "source.h"
#include "v8_fast.h"
#endif

namespace bridgegen {

/** A new JS typed array holding a copy of `count` elements. */
template <typename T>
napi_value typed_copy(napi_env env, const T* from, size_t count) {
  void* data = nullptr;
  napi_value buffer, js;
  detail::ok(env, napi_create_arraybuffer(env, count * sizeof(T), &data, &buffer));
  if (count) std::memcpy(data, from, count * sizeof(T));
  detail::ok(env, napi_create_typedarray(env, Element<T>::typed_array, count * Element<T>::lanes, buffer, 0, &js));
  return js;
}

/** Allocates output `name` (zero-filled JS memory); negative extents mean zero, as in Fortran. */
template <typename T>
void alloc_array(Args& args, const char* name, int rank, const int64_t* extents, Array<T>& out);

/**
 * The JS value of an array result: rank 1 a typed array, else an ndarray-like object.
 * `pinned` holds the live handles of the call's pinned values (see Args::pin).
 */
template <typename T>
napi_value array_value(napi_env env, const napi_value* pinned, Array<T>& array);

/** The JS value of a scalar result. */
template <typename T>
BRIDGEGEN_HOT_INLINE napi_value scalar_value(napi_env env, T value) {
  return to_js(env, value);
}

/** Two or more results: a plain object keyed by lower-case name (contract 1.3). */
inline napi_value result_object(napi_env env, std::initializer_list<std::pair<const char*, napi_value>> fields) {
  napi_value object;
  detail::ok(env, napi_create_object(env, &object));
  for (const auto& field : fields) detail::ok(env, napi_set_named_property(env, object, field.first, field.second));
  return object;
}

#if BRIDGEGEN_DEFINES_RUNTIME

namespace detail {

/**
 * The shape of output `name` (negative extents mean zero, as in Fortran) and its element count
 * times `element_size`, checked against overflow.
 */
inline size_t output_shape(const Args& args, const char* name, int rank, const int64_t* extents, size_t element_size,
                           int64_t* shape) {
  auto what = [&] { return "output `" + std::string(name) + "` of " + args.where(); };
  size_t total = 1;
  for (int d = 0; d < rank; d++) {
    shape[d] = extents[d] < 0 ? 0 : extents[d];
    total = checked_product(args.env(), total, static_cast<size_t>(shape[d]), what);
  }
  checked_product(args.env(), total, element_size, what);
  return total;
}

[[noreturn]] inline void throw_cannot_allocate(const Args& args, const char* name, size_t total) {
  throw_range_error(args.env(), "output `" + std::string(name) + "` of " + args.where() + ": cannot allocate " +
                                    std::to_string(total) + " elements", code::kTooLarge);
}

inline Buffer output_buffer(const Args& args, const char* name, size_t total, size_t bytes) {
  try {
    return Buffer(bytes);
  } catch (const std::bad_alloc&) {
    throw_cannot_allocate(args, name, total);
  }
}

}  // namespace detail

namespace detail {

/**
 * Lets V8 weigh the memory of new ArrayBuffers, ours included, against a young collection. V8
 * asks itself whether to run one (a scavenge: young ArrayBuffers beyond twice the semi-space,
 * 32 MiB) only when it allocates an ArrayBuffer's memory itself, never for memory handed to it,
 * which it frees only when its external-memory limit starts a full collection (incremental
 * marking, 64 MiB later). A loop of calls with only large outputs (dgemm's `c`, dgesv's async
 * `lu`) then ran a full collection every ~128 calls of n=256 (1.1-1.6 ms of pause plus 3-4 ms of
 * marking steps), where a scavenge every ~64 takes 0.2 ms. One byte from V8 makes it ask.
 */
inline void offer_young_collection(napi_env env) {
  void* data;
  napi_value ignored;
  if (napi_create_arraybuffer(env, 1, &data, &ignored) == napi_ok) return;
  napi_value error;  // out of memory: nothing was asked, and the output's own allocation says so
  napi_get_and_clear_last_exception(env, &error);
}

/** An ArrayBuffer over `data` that calls Release(data, hint) once collected (V8's own release if it can). */
template <void (*Release)(void* data, void* hint)>
napi_value owning_array_buffer(napi_env env, void* data, size_t bytes, void* hint) {
  // Before ours joins the young ones, so one that was due runs now; small ones weigh little.
  if (bytes >= recycle::kMinBytes) offer_young_collection(env);
  napi_value buffer = v8_owning_array_buffer(data, bytes, [](void* d, size_t, void* h) { Release(d, h); }, hint);
  if (buffer != nullptr) return buffer;
  if (napi_create_external_arraybuffer(env, data, bytes, [](napi_env, void* d, void* h) { Release(d, h); }, hint, &buffer) != napi_ok) {
    Release(data, hint);
    throw Napi::Error::New(env);
  }
  return buffer;
}

template <typename T>
void delete_owned(void*, void* holder) { delete static_cast<Owned<T>*>(holder); }

/** The hint carries the size buffer_free needs. */
inline void free_buffer(void* data, void* bytes) { buffer_free(data, reinterpret_cast<size_t>(bytes)); }

}  // namespace detail

/** Hands native storage to JS without copying: the ArrayBuffer owns the vector from then on. */
template <typename T>
napi_value typed_adopt(napi_env env, Owned<T>&& storage) {
  if (storage.empty()) return typed_copy<T>(env, nullptr, 0);
  auto* holder = new Owned<T>(std::move(storage));
  const size_t length = holder->size();
  napi_value buffer = detail::owning_array_buffer<detail::delete_owned<T>>(env, holder->data(), length * sizeof(T), holder);
  napi_value js;
  detail::ok(env, napi_create_typedarray(env, Element<T>::typed_array, length * Element<T>::lanes, buffer, 0, &js));
  return js;
}

/** Hands a Buffer of `length` elements (an output, a private copy) to JS: freed with its ArrayBuffer. */
template <typename T>
napi_value typed_adopt(napi_env env, Buffer&& buffer, size_t length) {
  const size_t bytes = buffer.bytes();
  napi_value array_buffer = detail::owning_array_buffer<detail::free_buffer>(env, buffer.release(), length * sizeof(T),
                                                                              reinterpret_cast<void*>(bytes));
  napi_value js;
  detail::ok(env, napi_create_typedarray(env, Element<T>::typed_array, length * Element<T>::lanes, array_buffer, 0, &js));
  return js;
}

template <typename T>
void alloc_array(Args& args, const char* name, int rank, const int64_t* extents, Array<T>& out) {
  napi_env env = args.env();
  int64_t shape[kMaxRank];
  const size_t total = detail::output_shape(args, name, rank, extents, sizeof(T), shape);
  const size_t bytes = total * sizeof(T);
  if (args.deferred()) {
    // An async call's output lives in native memory until it completes (JS gets it then),
    // zero-filled on the worker: the pages of a large output are first touched off the JS thread.
    out.scratch = detail::output_buffer(args, name, total, bytes);
    out.data = static_cast<T*>(out.scratch.get());
    out.length = total;
    args.copy_in({out.data, nullptr, bytes});
    out.set_shape(rank, shape);
    return;
  }
  void* data = nullptr;
  napi_value typed;
  if (bytes >= recycle::kMinBytes) {
    // Reused memory (recycle.h): fresh pages would each cost a page fault.
    Buffer buffer = detail::output_buffer(args, name, total, bytes);
    data = buffer.get();
    std::memset(data, 0, bytes);
    typed = typed_adopt<T>(env, std::move(buffer), total);
  } else {
    napi_value buffer;
    if (napi_create_arraybuffer(env, bytes, &data, &buffer) != napi_ok) detail::throw_cannot_allocate(args, name, total);
    detail::ok(env, napi_create_typedarray(env, Element<T>::typed_array, total * Element<T>::lanes, buffer, 0, &typed));
  }
  static T empty[1];
  out.data = data != nullptr ? static_cast<T*>(data) : empty;
  out.length = total;
  out.set_shape(rank, shape);
  out.pin = args.pin(typed, bytes);
}

/**
 * Rank 1: the typed array itself; else `{ data, shape, strides, offset: 0, order, dtype }`.
 * `extents` are the storage's (column-major); a row-major array shows them reversed.
 */
template <typename T>
napi_value shaped_value(napi_env env, napi_value js, int rank, const int64_t* extents, bool row_major = false) {
  if (rank <= 1) return js;
  int64_t shape[kMaxRank], strides[kMaxRank];
  int64_t step = 1;
  for (int d = 0; d < rank; d++) {
    const int shown = row_major ? rank - 1 - d : d;
    shape[shown] = extents[d];
    strides[shown] = step;
    step *= extents[d];
  }
  if (napi_value made = make_ndarray_js(env, js, rank, shape, strides, row_major, Element<T>::dtype)) return made;
  Napi::Object nd = Napi::Object::New(env);
  Napi::Array shape_js = Napi::Array::New(env, rank);
  Napi::Array strides_js = Napi::Array::New(env, rank);
  for (int d = 0; d < rank; d++) {
    shape_js.Set(d, Napi::Number::New(env, static_cast<double>(shape[d])));
    strides_js.Set(d, Napi::Number::New(env, static_cast<double>(strides[d])));
  }
  set_property(env, nd, Key::kData, js);
  set_property(env, nd, Key::kShape, shape_js);
  set_property(env, nd, Key::kStrides, strides_js);
  set_property(env, nd, Key::kOffset, Napi::Number::New(env, 0));
  set_property(env, nd, Key::kOrder, key(env, row_major ? Key::kRowMajor : Key::kColumnMajor));
  set_property(env, nd, Key::kDtype, Napi::String::New(env, Element<T>::dtype));
  return nd;
}

template <typename T>
napi_value array_value(napi_env env, const napi_value* pinned, Array<T>& array) {
  // Owned storage (an async call's output, F2Py's intent(in,out) copy) is handed over; a result
  // is built once, at the end of the call.
  napi_value js = array.scratch ? typed_adopt<T>(env, std::move(array.scratch), array.length)
                 : array.owned.empty() && array.pin >= 0 ? pinned[array.pin] : typed_adopt(env, std::move(array.owned));
  return shaped_value<T>(env, js, array.rank, array.shape, array.row_major);
}

#endif  // BRIDGEGEN_DEFINES_RUNTIME

}  // namespace bridgegen
