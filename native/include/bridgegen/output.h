// bridgegen runtime — outputs: intent(out) arrays allocated as JS memory before the call (so the
// Fortran writes straight into what the caller gets), and the result value or result object.
#pragma once

#include <napi.h>

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
#include "source.h"

namespace bridgegen {

namespace detail {
inline void ok(napi_env env, napi_status status) {
  if (status != napi_ok) throw Napi::Error::New(env);
}
}  // namespace detail

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

}  // namespace detail

/** Allocates output `name` (zero-filled JS memory); negative extents mean zero, as in Fortran. */
template <typename T>
void alloc_array(Args& args, const char* name, int rank, const int64_t* extents, Array<T>& out) {
  napi_env env = args.env();
  int64_t shape[kMaxRank];
  const size_t total = detail::output_shape(args, name, rank, extents, sizeof(T), shape);
  if (args.deferred()) {
    // An async call's output lives in native memory until it completes (JS gets it then),
    // zero-filled on the worker: the pages of a large output are first touched off the JS thread.
    void* buffer = std::malloc(total > 0 ? total * sizeof(T) : 1);
    if (buffer == nullptr) throw std::bad_alloc();
    out.scratch.reset(buffer);
    out.data = static_cast<T*>(buffer);
    out.length = total;
    args.copy_in({buffer, nullptr, total * sizeof(T)});
    out.set_shape(rank, shape);
    return;
  }
  const size_t numbers = total * Element<T>::lanes;
  void* data = nullptr;
  napi_value buffer;
  if (napi_create_arraybuffer(env, total * sizeof(T), &data, &buffer) != napi_ok) {
    throw_range_error(env, "output `" + std::string(name) + "` of " + args.where() + ": cannot allocate " +
                               std::to_string(total) + " elements", code::kTooLarge);
  }
  napi_value typed;
  detail::ok(env, napi_create_typedarray(env, Element<T>::typed_array, numbers, buffer, 0, &typed));
  static T empty[1];
  out.data = data != nullptr ? static_cast<T*>(data) : empty;
  out.length = total;
  out.set_shape(rank, shape);
  out.pin = args.pin(typed);
}

/** A new JS typed array holding a copy of `count` elements. */
template <typename T>
napi_value typed_copy(Napi::Env env, const T* from, size_t count) {
  void* data = nullptr;
  napi_value buffer, js;
  detail::ok(env, napi_create_arraybuffer(env, count * sizeof(T), &data, &buffer));
  if (count) std::memcpy(data, from, count * sizeof(T));
  detail::ok(env, napi_create_typedarray(env, Element<T>::typed_array, count * Element<T>::lanes, buffer, 0, &js));
  return js;
}

/** Hands native storage to JS without copying: the ArrayBuffer owns the vector from then on. */
template <typename T>
napi_value typed_adopt(Napi::Env env, std::vector<T>&& storage) {
  if (storage.empty()) return typed_copy<T>(env, nullptr, 0);
  auto* holder = new std::vector<T>(std::move(storage));
  auto release = [](napi_env, void*, void* hint) { delete static_cast<std::vector<T>*>(hint); };
  napi_value buffer, js;
  if (napi_create_external_arraybuffer(env, holder->data(), holder->size() * sizeof(T), release, holder, &buffer) != napi_ok) {
    delete holder;
    throw Napi::Error::New(env);
  }
  detail::ok(env, napi_create_typedarray(env, Element<T>::typed_array, holder->size() * Element<T>::lanes, buffer, 0, &js));
  return js;
}

/** Hands an async call's private buffer (source.h `privatize`) to JS: freed with its ArrayBuffer. */
template <typename T>
napi_value typed_adopt(Napi::Env env, std::unique_ptr<void, void (*)(void*)>&& buffer, size_t length) {
  auto release = [](napi_env, void* data, void*) { std::free(data); };
  napi_value array_buffer, js;
  if (napi_create_external_arraybuffer(env, buffer.get(), length * sizeof(T), release, nullptr, &array_buffer) != napi_ok) {
    throw Napi::Error::New(env);
  }
  buffer.release();  // the ArrayBuffer owns it now
  detail::ok(env, napi_create_typedarray(env, Element<T>::typed_array, length * Element<T>::lanes, array_buffer, 0, &js));
  return js;
}

/**
 * Rank 1: the typed array itself; else `{ data, shape, strides, offset: 0, order, dtype }`.
 * `extents` are the storage's (column-major); a row-major array shows them reversed.
 */
template <typename T>
napi_value shaped_value(Napi::Env env, napi_value js, int rank, const int64_t* extents, bool row_major = false) {
  if (rank <= 1) return js;
  Napi::Object nd = Napi::Object::New(env);
  Napi::Array shape = Napi::Array::New(env, rank);
  Napi::Array strides = Napi::Array::New(env, rank);
  int64_t step = 1;
  for (int d = 0; d < rank; d++) {
    const int shown = row_major ? rank - 1 - d : d;
    shape.Set(shown, Napi::Number::New(env, static_cast<double>(extents[d])));
    strides.Set(shown, Napi::Number::New(env, static_cast<double>(step)));
    step *= extents[d];
  }
  nd.Set("data", Napi::Value(env, js));
  nd.Set("shape", shape);
  nd.Set("strides", strides);
  nd.Set("offset", Napi::Number::New(env, 0));
  nd.Set("order", Napi::String::New(env, row_major ? "row-major" : "column-major"));
  nd.Set("dtype", Napi::String::New(env, Element<T>::dtype));
  return nd;
}

/**
 * The JS value of an array result: rank 1 a typed array, else an ndarray-like object.
 * `pinned` holds the live handles of the call's pinned values (see Args::pin).
 */
template <typename T>
napi_value array_value(Napi::Env env, const napi_value* pinned, Array<T>& array) {
  // Owned storage (an async call's output, F2Py's intent(in,out) copy) is handed over; a result
  // is built once, at the end of the call.
  napi_value js = array.scratch ? typed_adopt<T>(env, std::move(array.scratch), array.length)
                 : array.owned.empty() && array.pin >= 0 ? pinned[array.pin] : typed_adopt(env, std::move(array.owned));
  return shaped_value<T>(env, js, array.rank, array.shape, array.row_major);
}

/** The JS value of a scalar result. */
template <typename T>
napi_value scalar_value(Napi::Env env, T value) {
  return to_js(env, value);
}

/** Two or more results: a plain object keyed by lower-case name (contract 1.3). */
inline napi_value result_object(Napi::Env env, std::initializer_list<std::pair<const char*, napi_value>> fields) {
  napi_value object;
  detail::ok(env, napi_create_object(env, &object));
  for (const auto& field : fields) detail::ok(env, napi_set_named_property(env, object, field.first, field.second));
  return object;
}

}  // namespace bridgegen
