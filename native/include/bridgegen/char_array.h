// bridgegen runtime — CHARACTER arrays (contract 1.4): `string[]` in (nested arrays for rank >= 2,
// rows first as for numbers; or an ndarray-like `{ data: string[], shape, ... }`), each string
// blank-padded to the declared length; out as `string[]` with trailing blanks trimmed (rank >= 2:
// an ndarray-like object with dtype 'string'). The Fortran side gets count*len contiguous bytes.
#pragma once

#include <napi.h>

#include <cstdint>
#include <string>

#include "args.h"
#include "array.h"
#include "error.h"
#include "ndarray.h"
#include "output.h"
#include "source.h"

namespace bridgegen {

/** A CHARACTER array as the Fortran side sees it: `length` elements of `len` bytes, column-major. */
struct CharArray {
  std::string bytes;
  int64_t len = 0;
  size_t length = 0;
  int rank = 0;
  /** False for a flat `string[]` given for a rank >= 2 parameter: only `length` is known. */
  bool shape_known = false;
  int64_t shape[kMaxRank] = {};
  /** String arrays are never stored row-major (Array::row_major); shape checks read it alike. */
  bool row_major = false;

  char* data() { return bytes.data(); }  // valid (not null) even when empty
  void set_shape(int r, const int64_t* extents) {
    rank = r;
    shape_known = true;
    for (int d = 0; d < r; d++) shape[d] = extents[d];
  }
};

namespace detail {

/** Stores string `value` as element k (blank-padded); `where()` names it in messages. */
template <typename Where>
void store_chars(const Args& args, size_t i, napi_value value, CharArray& out, size_t k, Where&& where) {
  napi_env env = args.env();
  size_t size = 0;
  if (napi_get_value_string_utf8(env, value, nullptr, 0, &size) != napi_ok) {
    throw_type_error(env, args.describe(i) + " at index " + where() + ": expected a string, got " + describe(env, value),
                     code::kArgType);
  }
  if (static_cast<int64_t>(size) > out.len) {
    throw_range_error(env, args.describe(i) + " at index " + where() + ": the string has " + std::to_string(size) +
                               " bytes; character(len=" + std::to_string(out.len) + ") holds at most " +
                               std::to_string(out.len), code::kArgValue);
  }
  std::string buffer(size + 1, '\0');
  napi_get_value_string_utf8(env, value, buffer.data(), size + 1, &size);
  const size_t at = k * static_cast<size_t>(out.len);
  out.bytes.replace(at, size, buffer.data(), size);  // the rest stays blank
}

inline void alloc_char_bytes(const Args& args, size_t i, CharArray& out, size_t count) {
  const size_t bytes = checked_product(args.env(), count, static_cast<size_t>(out.len), [&] { return args.describe(i); });
  out.bytes.assign(bytes, ' ');
  out.length = count;
}

/** Nested arrays, outer level first: element (i1, i2, ...) is value[i1][i2]... */
inline void fill_nested_chars(const Args& args, size_t i, napi_value value, int d, size_t base, size_t stride,
                              const std::string& path, CharArray& out) {
  napi_env env = args.env();
  bool is_array = false;
  uint32_t n = 0;
  if (napi_is_array(env, value, &is_array) != napi_ok || !is_array ||
      napi_get_array_length(env, value, &n) != napi_ok || n != out.shape[d]) {
    throw_type_error(env,
                     args.describe(i) + ": ragged nested arrays: expected " + std::to_string(out.shape[d]) +
                         " elements at depth " + std::to_string(d) + ", got " + describe(env, value),
                     code::kArgType);
  }
  for (uint32_t k = 0; k < n; k++) {
    napi_value element;
    napi_get_element(env, value, k, &element);
    const size_t offset = base + k * stride;
    const std::string here = path + "[" + std::to_string(k) + "]";
    if (d + 1 == out.rank) {
      store_chars(args, i, element, out, offset, [&] { return out.rank == 1 ? std::to_string(k) : here; });
    } else {
      fill_nested_chars(args, i, element, d + 1, offset, stride * static_cast<size_t>(out.shape[d]), here, out);
    }
  }
}

inline bool is_js_array(napi_env env, napi_value value) {
  bool is_array = false;
  return napi_is_array(env, value, &is_array) == napi_ok && is_array;
}

inline void read_char_ndarray(const Args& args, size_t i, napi_value value, int rank, CharArray& out) {
  napi_env env = args.env();
  Napi::Object nd(env, value);
  const Layout layout = read_layout(args, i, nd, rank);
  napi_value data = nd.Get("data");
  if (!is_js_array(env, data)) {
    throw_type_error(env, args.describe(i) + ".data: expected an array of strings, got " + describe(env, data),
                     code::kArgType);
  }
  uint32_t n = 0;
  napi_get_array_length(env, data, &n);
  check_layout_bounds(args, i, layout, rank, n);
  alloc_char_bytes(args, i, out, layout.total);
  int64_t index[kMaxRank] = {};
  for (size_t k = 0; k < layout.total; k++) {
    int64_t at = layout.offset;
    for (int d = 0; d < rank; d++) at += index[d] * layout.strides[d];
    napi_value element;
    napi_get_element(env, data, static_cast<uint32_t>(at), &element);
    store_chars(args, i, element, out, k, [&] { return "data[" + std::to_string(at) + "]"; });
    for (int d = 0; d < rank && ++index[d] == layout.shape[d]; d++) index[d] = 0;  // column-major odometer
  }
  out.set_shape(rank, layout.shape);
}

}  // namespace detail

/**
 * Reads parameter i, a `character(len=len)` array of the given rank: a `string[]` (rank 1, or
 * flat in column-major order for rank >= 2), nested arrays (rows first) or an ndarray-like object.
 */
inline void read_char_array(const Args& args, size_t i, int rank, int64_t len, CharArray& out) {
  napi_env env = args.env();
  napi_value value = args.get(i);
  out.len = len;
  out.rank = rank;
  if (detail::is_js_array(env, value)) {
    int64_t shape[kMaxRank];
    napi_value probe = value;
    size_t total = 1;
    bool flat = false;
    for (int d = 0; d < rank; d++) {
      uint32_t n = 0;
      if (!detail::is_js_array(env, probe)) {
        if (d == 1) {
          flat = true;  // a flat string[] for rank >= 2: its shape comes from the other arguments
          break;
        }
        throw_type_error(env, args.describe(i) + ": expected nested arrays of rank " + std::to_string(rank),
                         code::kArgType);
      }
      napi_get_array_length(env, probe, &n);
      shape[d] = n;
      total = detail::checked_product(env, total, n, [&] { return args.describe(i); });
      if (d + 1 < rank && n > 0) napi_get_element(env, probe, 0, &probe);
    }
    if (flat) {
      uint32_t n = 0;
      napi_get_array_length(env, value, &n);
      detail::alloc_char_bytes(args, i, out, n);
      for (uint32_t k = 0; k < n; k++) {
        napi_value element;
        napi_get_element(env, value, k, &element);
        detail::store_chars(args, i, element, out, k, [&] { return std::to_string(k); });
      }
      out.shape_known = false;
      return;
    }
    detail::alloc_char_bytes(args, i, out, total);
    out.set_shape(rank, shape);
    detail::fill_nested_chars(args, i, value, 0, 0, 1, "", out);
    return;
  }
  if (rank > 1 && detail::is_ndarray_like(env, value)) return detail::read_char_ndarray(args, i, value, rank, out);
  throw_type_error(env,
                   args.describe(i) + ": expected an array of strings" +
                       (rank > 1 ? ", nested arrays or an ndarray" : "") + ", got " + detail::describe(env, value),
                   code::kArgType);
}

/** A blank `character(len=len)` array of the given extents (negative means zero) for the routine to fill. */
inline void alloc_char_array(Args& args, const char* name, int rank, const int64_t* extents, int64_t len,
                             CharArray& out) {
  int64_t shape[kMaxRank];
  out.len = len < 0 ? 0 : len;
  const size_t total = detail::output_shape(args, name, rank, extents, static_cast<size_t>(out.len), shape);
  out.bytes.assign(total * static_cast<size_t>(out.len), ' ');
  out.length = total;
  out.set_shape(rank, shape);
}

/** `string[]` of the elements, trailing blanks trimmed; rank >= 2: an ndarray-like object. */
inline napi_value char_array_value(Napi::Env env, const CharArray& array) {
  Napi::Array list = Napi::Array::New(env, array.length);
  const size_t len = static_cast<size_t>(array.len);
  for (size_t k = 0; k < array.length; k++) {
    const char* start = array.bytes.data() + k * len;
    size_t end = len;
    while (end > 0 && start[end - 1] == ' ') end--;
    list.Set(static_cast<uint32_t>(k), Napi::String::New(env, start, end));
  }
  if (array.rank <= 1) return list;
  Napi::Object nd = Napi::Object::New(env);
  Napi::Array shape = Napi::Array::New(env, array.rank);
  Napi::Array strides = Napi::Array::New(env, array.rank);
  int64_t step = 1;
  for (int d = 0; d < array.rank; d++) {
    shape.Set(d, Napi::Number::New(env, static_cast<double>(array.shape[d])));
    strides.Set(d, Napi::Number::New(env, static_cast<double>(step)));
    step *= array.shape[d];
  }
  nd.Set("data", list);
  nd.Set("shape", shape);
  nd.Set("strides", strides);
  nd.Set("offset", Napi::Number::New(env, 0));
  nd.Set("order", Napi::String::New(env, "column-major"));
  nd.Set("dtype", Napi::String::New(env, "string"));
  return nd;
}

}  // namespace bridgegen
