// bridgegen runtime — the objects a call reads and makes, through small JS functions compiled once
// per thread when V8's headers are at hand: ndarray arguments and results `{ data, shape, strides,
// offset, order, dtype }`, and the trailing options object. Through N-API each field, each element
// of `shape` and each option is a property lookup from C++ (napi_get_property: a TryCatch, ToObject
// and a LookupIterator walk, ~700 instructions; napi_get_property_names builds a key list), ~8k
// instructions per ndarray argument and ~6k per options object; a 2-D result built with
// napi_set_property walked V8's map transitions field by field, ~18k. A JIT-compiled function does
// all three with inline caches and enum caches, and makes a result as an object literal. The
// functions only move values: C++ still checks them all (ndarray.h, args.h), with the same
// messages. A getter may run twice: once here, and again when N-API reads what the JS side left to
// it (a getter that threw, say). Without V8 (N-API-only prebuilds), or when a value is not plain
// (a bigint extent, a `shape` that is not an array), N-API reads it as before.
#pragma once

#include <cstdint>
#include <cstring>

#include "array.h"
#include "keys.h"
#include "linkage.h"
#include "v8_fast.h"

namespace bridgegen {

/** What read_ndarray_js found: not an ndarray (no `data` or `shape`), its fields, or "ask N-API". */
enum class NdRead { kNotNdarray, kRead, kAskNapi };

/** An ndarray's fields as the JS reader copied them: numbers, unchecked. */
struct NdFields {
  napi_value data = nullptr;
  double shape[kMaxRank] = {};
  double strides[kMaxRank] = {};
  double offset = 0;
  bool has_strides = false;
  bool has_offset = false;
  bool column_major = false;
};

/**
 * Reads `value` as an ndarray of `rank` in one JS call, in the order N-API's reader reads it
 * (shape, strides, order, offset, data). kAskNapi when V8 is not at hand, a field is not a plain
 * number or array, or a getter threw: the caller then reads it through N-API, which reports the
 * same problems as before.
 */
BRIDGEGEN_RUNTIME_INLINE NdRead read_ndarray_js(napi_env env, napi_value value, int rank, NdFields& out);

/**
 * `{ data, shape, strides, offset: 0, order, dtype }` made by one JS call; `shape` and `strides`
 * in the order JS shows them. Null: make it through N-API.
 */
BRIDGEGEN_RUNTIME_INLINE napi_value make_ndarray_js(napi_env env, napi_value data, int rank, const int64_t* shape,
                                                    const int64_t* strides, bool row_major, const char* dtype);

/** What read_options_js found in a trailing argument. */
enum class OptionsRead { kNotOptions, kOptions, kAskNapi };

/**
 * Whether trailing argument `value` is the options object (as detail::is_options_object decides)
 * and, if so, its enumerable string keys with their values, in for-in order (napi_get_property_names'
 * order), as a JS array `[key, value, key, value, ...]` in `pairs`. kAskNapi: let N-API decide and
 * read it (no V8, or a getter threw).
 */
BRIDGEGEN_RUNTIME_INLINE OptionsRead read_options_js(napi_env env, napi_value value, napi_value* pairs);

/** How many keys read_options_js found. */
BRIDGEGEN_RUNTIME_INLINE uint32_t option_count(napi_value pairs);

/** Key k as NUL-terminated UTF-8 in `buffer` when it fits in `capacity`; returns its length in bytes. */
BRIDGEGEN_RUNTIME_INLINE size_t option_key(napi_value pairs, uint32_t k, char* buffer, size_t capacity);

/** The value of key k. */
BRIDGEGEN_RUNTIME_INLINE napi_value option_value(napi_value pairs, uint32_t k);

#if BRIDGEGEN_DEFINES_RUNTIME
#ifdef BRIDGEGEN_V8_TYPE_TEST
namespace detail {

// Scratch layout, shared by the two functions and C++ (doubles).
constexpr int kNdStatus = 0, kNdHasStrides = 1, kNdColumnMajor = 2, kNdHasOffset = 3, kNdOffset = 4;
constexpr int kNdShape = 8, kNdStrides = kNdShape + kMaxRank, kNdScratchSize = kNdStrides + kMaxRank;

// s[0] is the reader's answer (NdRead: 0 not an ndarray, 1 read, 2 ask N-API), written last on
// every path. A getter may call bridgegen again: that inner read finds `busy` and answers 2
// without touching the scratch, so the outer read's numbers stay whole.
constexpr const char* kNdarraySource = R"JS(
(function (s) {
  'use strict';
  const isArray = Array.isArray;
  let busy = false;
  function fields(nd, rank) {
    if (typeof nd !== 'object' || nd === null || !('data' in nd) || !('shape' in nd)) { s[0] = 0; return; }
    const shape = nd.shape;
    if (!isArray(shape) || shape.length !== rank) { s[0] = 2; return; }
    for (let d = 0; d < rank; d++) {
      const e = shape[d];
      if (typeof e !== 'number') { s[0] = 2; return; }
      s[8 + d] = e;
    }
    const strides = nd.strides;
    const order = nd.order;
    if (strides === undefined || strides === null) s[1] = 0;
    else if (isArray(strides) && strides.length === rank) {
      for (let d = 0; d < rank; d++) {
        const e = strides[d];
        if (typeof e !== 'number') { s[0] = 2; return; }
        s[15 + d] = e;
      }
      s[1] = 1;
    } else { s[0] = 2; return; }
    s[2] = order === 'column-major' ? 1 : 0;
    const offset = nd.offset;
    if (offset === undefined) s[3] = 0;
    else if (typeof offset === 'number') { s[3] = 1; s[4] = offset; }
    else { s[0] = 2; return; }
    const data = nd.data;
    s[0] = 1;
    return data;
  }
  function read(nd, rank) {
    if (busy) { s[0] = 2; return; }
    busy = true;
    try { return fields(nd, rank); } finally { busy = false; }
  }
  function make(data, rank, rowMajor, dtype) {
    const shape = [], strides = [];
    for (let d = 0; d < rank; d++) { shape[d] = s[8 + d]; strides[d] = s[15 + d]; }
    return { data: data, shape: shape, strides: strides, offset: 0, order: rowMajor ? 'row-major' : 'column-major', dtype: dtype };
  }
  function options(o) {
    if ('data' in o || 're' in o) return null;
    const pairs = [];
    let n = 0;
    for (const k in o) { pairs[n++] = k; pairs[n++] = o[k]; }
    return pairs;
  }
  return [read, make, options];
})
)JS";
static_assert(kNdStrides == 15 && kNdScratchSize <= 32, "kNdarraySource's indices");

/** Compiles the three functions into `js`; false if V8 refused (then N-API does it all). */
inline bool compile_objects_js(v8::Isolate* isolate, ObjectsJs& js) {
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::TryCatch failed(isolate);
  v8::Local<v8::String> source;
  v8::Local<v8::Script> script;
  v8::Local<v8::Value> factory, pair;
  if (!v8::String::NewFromUtf8(isolate, kNdarraySource).ToLocal(&source) ||
      !v8::Script::Compile(context, source).ToLocal(&script) || !script->Run(context).ToLocal(&factory) ||
      !factory->IsFunction()) {
    return false;
  }
  v8::Local<v8::ArrayBuffer> buffer = v8::ArrayBuffer::New(isolate, kNdScratchSize * sizeof(double));
  v8::Local<v8::Value> scratch = v8::Float64Array::New(buffer, 0, kNdScratchSize);
  if (!factory.As<v8::Function>()->Call(context, v8::Undefined(isolate), 1, &scratch).ToLocal(&pair) || !pair->IsArray()) {
    return false;
  }
  v8::Local<v8::Value> read, make, options;
  const v8::Local<v8::Array> functions = pair.As<v8::Array>();
  if (!functions->Get(context, 0).ToLocal(&read) || !functions->Get(context, 1).ToLocal(&make) ||
      !functions->Get(context, 2).ToLocal(&options) || !read->IsFunction() || !make->IsFunction() ||
      !options->IsFunction()) {
    return false;
  }
  js.read.Reset(isolate, read.As<v8::Function>());
  js.make.Reset(isolate, make.As<v8::Function>());
  js.options.Reset(isolate, options.As<v8::Function>());
  js.scratch_store = buffer->GetBackingStore();
  js.scratch = static_cast<double*>(js.scratch_store->Data());
  return true;
}

/** This thread's compiled functions, or null (no V8 keys, or the compile failed once). */
inline ObjectsJs* objects_js(napi_env env, v8::Isolate* isolate) {
  ThreadKeys* keys = keys_for(env, isolate);
  if (keys == nullptr) return nullptr;
  ObjectsJs& js = keys->objects;
  if (js.scratch == nullptr && !js.tried) {
    js.tried = true;
    compile_objects_js(isolate, js);
  }
  return js.scratch != nullptr ? &js : nullptr;
}

/** The JS string `dtype`, made once per thread. */
inline v8::Local<v8::String> dtype_string(v8::Isolate* isolate, ObjectsJs& js, const char* dtype) {
  for (auto& [text, string] : js.dtypes) {
    if (text == dtype || std::strcmp(text, dtype) == 0) return string.Get(isolate);
  }
  v8::Local<v8::String> made = v8::String::NewFromUtf8(isolate, dtype, v8::NewStringType::kInternalized).ToLocalChecked();
  js.dtypes.emplace_back(dtype, v8::Global<v8::String>(isolate, made));
  return made;
}

/**
 * Calls `fn`; an exception is caught and dropped (the caller then asks N-API, which meets it again),
 * except termination (a worker stopping), which goes on.
 */
inline bool call_quietly(v8::Isolate* isolate, v8::Local<v8::Function> fn, int argc, v8::Local<v8::Value>* argv,
                         v8::Local<v8::Value>& result) {
  v8::TryCatch caught(isolate);
  if (fn->Call(isolate->GetCurrentContext(), v8::Undefined(isolate), argc, argv).ToLocal(&result)) return true;
  if (caught.HasTerminated()) caught.ReThrow();
  return false;
}

}  // namespace detail
#endif  // BRIDGEGEN_V8_TYPE_TEST

BRIDGEGEN_RUNTIME_INLINE NdRead read_ndarray_js([[maybe_unused]] napi_env env, [[maybe_unused]] napi_value value,
                                                [[maybe_unused]] int rank, [[maybe_unused]] NdFields& out) {
#ifdef BRIDGEGEN_V8_TYPE_TEST
  v8::Isolate* isolate = v8::Isolate::GetCurrent();
  detail::ObjectsJs* js = detail::objects_js(env, isolate);
  if (js == nullptr || rank < 1 || rank > kMaxRank) return NdRead::kAskNapi;
  v8::Local<v8::Value> argv[2] = {detail::v8_value(value), v8::Integer::New(isolate, rank)};
  v8::Local<v8::Value> data;
  if (!detail::call_quietly(isolate, js->read.Get(isolate), 2, argv, data)) return NdRead::kAskNapi;
  const double* s = js->scratch;
  if (s[detail::kNdStatus] == 0) return NdRead::kNotNdarray;
  if (s[detail::kNdStatus] != 1) return NdRead::kAskNapi;
  for (int d = 0; d < rank; d++) {
    out.shape[d] = s[detail::kNdShape + d];
    out.strides[d] = s[detail::kNdStrides + d];
  }
  out.has_strides = s[detail::kNdHasStrides] != 0;
  out.column_major = s[detail::kNdColumnMajor] != 0;
  out.has_offset = s[detail::kNdHasOffset] != 0;
  out.offset = s[detail::kNdOffset];
  out.data = detail::napi_value_of(data);
  return NdRead::kRead;
#else
  return NdRead::kAskNapi;
#endif
}

BRIDGEGEN_RUNTIME_INLINE napi_value make_ndarray_js([[maybe_unused]] napi_env env, [[maybe_unused]] napi_value data,
                                                    [[maybe_unused]] int rank, [[maybe_unused]] const int64_t* shape,
                                                    [[maybe_unused]] const int64_t* strides,
                                                    [[maybe_unused]] bool row_major, [[maybe_unused]] const char* dtype) {
#ifdef BRIDGEGEN_V8_TYPE_TEST
  v8::Isolate* isolate = v8::Isolate::GetCurrent();
  detail::ObjectsJs* js = detail::objects_js(env, isolate);
  if (js == nullptr || rank < 1 || rank > kMaxRank) return nullptr;
  for (int d = 0; d < rank; d++) {
    js->scratch[detail::kNdShape + d] = static_cast<double>(shape[d]);
    js->scratch[detail::kNdStrides + d] = static_cast<double>(strides[d]);
  }
  v8::Local<v8::Value> argv[4] = {detail::v8_value(data), v8::Integer::New(isolate, rank),
                                  v8::Boolean::New(isolate, row_major), detail::dtype_string(isolate, *js, dtype)};
  v8::Local<v8::Value> made;
  return detail::call_quietly(isolate, js->make.Get(isolate), 4, argv, made) ? detail::napi_value_of(made) : nullptr;
#else
  return nullptr;
#endif
}

BRIDGEGEN_RUNTIME_INLINE OptionsRead read_options_js([[maybe_unused]] napi_env env, [[maybe_unused]] napi_value value,
                                                     [[maybe_unused]] napi_value* pairs) {
#ifdef BRIDGEGEN_V8_TYPE_TEST
  // What is_options_object rules out by type, with V8's own tests (napi_typeof, is_typedarray, ...).
  const v8::Local<v8::Value> v = detail::v8_value(value);
  if (!v->IsObject() || v->IsFunction() || v->IsExternal() || v->IsTypedArray() || v->IsArray() || v->IsArrayBuffer()) {
    return OptionsRead::kNotOptions;
  }
  v8::Isolate* isolate = v8::Isolate::GetCurrent();
  detail::ObjectsJs* js = detail::objects_js(env, isolate);
  v8::Local<v8::Value> argv[1] = {v}, found;
  if (js == nullptr || !detail::call_quietly(isolate, js->options.Get(isolate), 1, argv, found)) {
    return OptionsRead::kAskNapi;
  }
  if (!found->IsArray()) return OptionsRead::kNotOptions;
  *pairs = detail::napi_value_of(found);
  return OptionsRead::kOptions;
#else
  return OptionsRead::kAskNapi;
#endif
}

#ifdef BRIDGEGEN_V8_TYPE_TEST
namespace detail {
inline v8::Local<v8::Value> pair_element(napi_value pairs, uint32_t index) {
  v8::Isolate* isolate = v8::Isolate::GetCurrent();
  v8::Local<v8::Value> element;
  if (!v8_value(pairs).As<v8::Array>()->Get(isolate->GetCurrentContext(), index).ToLocal(&element)) return v8::Undefined(isolate);
  return element;
}
}  // namespace detail
#endif

BRIDGEGEN_RUNTIME_INLINE uint32_t option_count([[maybe_unused]] napi_value pairs) {
#ifdef BRIDGEGEN_V8_TYPE_TEST
  return detail::v8_value(pairs).As<v8::Array>()->Length() / 2;
#else
  return 0;
#endif
}

BRIDGEGEN_RUNTIME_INLINE size_t option_key([[maybe_unused]] napi_value pairs, [[maybe_unused]] uint32_t k,
                                           [[maybe_unused]] char* buffer, [[maybe_unused]] size_t capacity) {
#ifdef BRIDGEGEN_V8_TYPE_TEST
  v8::Isolate* isolate = v8::Isolate::GetCurrent();
  const v8::Local<v8::String> key = detail::pair_element(pairs, 2 * k).As<v8::String>();  // for-in keys are strings
  const size_t length = static_cast<size_t>(key->Utf8Length(isolate));
  if (length < capacity) {
    key->WriteUtf8(isolate, buffer, static_cast<int>(length), nullptr, v8::String::NO_NULL_TERMINATION);
    buffer[length] = '\0';
  }
  return length;
#else
  return 0;
#endif
}

BRIDGEGEN_RUNTIME_INLINE napi_value option_value([[maybe_unused]] napi_value pairs, [[maybe_unused]] uint32_t k) {
#ifdef BRIDGEGEN_V8_TYPE_TEST
  return detail::napi_value_of(detail::pair_element(pairs, 2 * k + 1));
#else
  return nullptr;
#endif
}

#endif  // BRIDGEGEN_DEFINES_RUNTIME

}  // namespace bridgegen
