// bridgegen runtime — CHARACTER arrays (contract 1.4): `string[]` in (nested arrays for rank >= 2,
// rows first as for numbers; or an ndarray-like `{ data: string[], shape, ... }`), each string
// blank-padded to the declared length (`len=*`: the longest string's); out as `string[]` with trailing blanks trimmed (rank >= 2:
// an ndarray-like object with dtype 'string'). The Fortran side gets count*len contiguous bytes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "args.h"
#include "array.h"
#include "chars.h"
#include "error.h"
#include "linkage.h"
#include "output.h"
#if BRIDGEGEN_DEFINES_RUNTIME
#include "ndarray.h"
#include "source.h"
#endif

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

/**
 * Reads parameter i, a `character(len=len)` array of the given rank (`len` may be
 * kAssumedLength): a `string[]` (rank 1, or flat in column-major order for rank >= 2), nested
 * arrays (rows first) or an ndarray-like object.
 */
BRIDGEGEN_RUNTIME_INLINE void read_char_array(const Args& args, size_t i, int rank, int64_t len, CharArray& out);

/** A blank `character(len=len)` array of the given extents (negative means zero) for the routine to fill. */
BRIDGEGEN_RUNTIME_INLINE void alloc_char_array(Args& args, const char* name, int rank, const int64_t* extents, int64_t len,
                                               CharArray& out);

/** `string[]` of the elements, trailing blanks trimmed; rank >= 2: an ndarray-like object. */
BRIDGEGEN_RUNTIME_INLINE napi_value char_array_value(napi_env env, const CharArray& array);

#if BRIDGEGEN_DEFINES_RUNTIME

namespace detail {

/**
 * The strings of a CHARACTER array input in column-major order. Their common length is known
 * only once all are read when it is assumed (`len=*`: the longest), so they are kept until then.
 */
class CharElements {
 public:
  CharElements(const Args& args, size_t i, int64_t declared) : args_(args), i_(i), declared_(declared) {}

  void resize(size_t count) { strings_.resize(count); }
  size_t size() const { return strings_.size(); }

  /** Reads string `value` as element k; `where()` names it in messages. */
  template <typename Where>
  void store(napi_value value, size_t k, Where&& where) {
    napi_env env = args_.env();
    size_t size = 0;
    if (napi_get_value_string_utf8(env, value, nullptr, 0, &size) != napi_ok) {
      throw_type_error(env, args_.describe(i_) + " at index " + where() + ": expected a string, got " +
                                describe(env, value), code::kArgType);
    }
    if (declared_ != kAssumedLength && static_cast<int64_t>(size) > declared_) {
      throw_range_error(env, args_.describe(i_) + " at index " + where() + ": the string has " + std::to_string(size) +
                                 " bytes; character(len=" + std::to_string(declared_) + ") holds at most " +
                                 std::to_string(declared_), code::kArgValue);
    }
    std::string& text = strings_[k];
    text.assign(size + 1, '\0');
    napi_get_value_string_utf8(env, value, text.data(), size + 1, &size);
    text.resize(size);  // drop the terminator N-API wrote
  }

  /**
   * The Fortran bytes: each string blank-padded to the declared length, or for `len=*` to the
   * longest (at least 1: NumPy, and so F2Py, makes `['', '']` an array of 1-byte strings).
   */
  void pack(CharArray& out) const {
    size_t len = declared_ == kAssumedLength ? 1 : static_cast<size_t>(declared_);
    if (declared_ == kAssumedLength) {
      for (const std::string& text : strings_) len = text.size() > len ? text.size() : len;
    }
    const size_t bytes = checked_product(args_.env(), strings_.size(), len, [&] { return args_.describe(i_); });
    out.len = static_cast<int64_t>(len);
    out.length = strings_.size();
    out.bytes.assign(bytes, ' ');
    for (size_t k = 0; k < strings_.size(); k++) out.bytes.replace(k * len, strings_[k].size(), strings_[k]);
  }

 private:
  const Args& args_;
  size_t i_;
  int64_t declared_;
  std::vector<std::string> strings_;
};

/** Nested arrays, outer level first: element (i1, i2, ...) is value[i1][i2]... */
inline void fill_nested_chars(const Args& args, size_t i, napi_value value, int d, size_t base, size_t stride,
                              const std::string& path, const CharArray& out, CharElements& elements) {
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
      elements.store(element, offset, [&] { return out.rank == 1 ? std::to_string(k) : here; });
    } else {
      fill_nested_chars(args, i, element, d + 1, offset, stride * static_cast<size_t>(out.shape[d]), here, out,
                        elements);
    }
  }
}

inline bool is_js_array(napi_env env, napi_value value) {
  bool is_array = false;
  return napi_is_array(env, value, &is_array) == napi_ok && is_array;
}

inline void read_char_ndarray(const Args& args, size_t i, napi_value value, int rank, CharArray& out,
                              CharElements& elements) {
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
  elements.resize(layout.total);
  int64_t index[kMaxRank] = {};
  for (size_t k = 0; k < layout.total; k++) {
    int64_t at = layout.offset;
    for (int d = 0; d < rank; d++) at += index[d] * layout.strides[d];
    napi_value element;
    napi_get_element(env, data, static_cast<uint32_t>(at), &element);
    elements.store(element, k, [&] { return "data[" + std::to_string(at) + "]"; });
    for (int d = 0; d < rank && ++index[d] == layout.shape[d]; d++) index[d] = 0;  // column-major odometer
  }
  out.set_shape(rank, layout.shape);
}

/** A flat `string[]`: rank 1, or rank >= 2 in column-major order with the shape left unknown. */
inline void read_flat_chars(const Args& args, napi_value value, CharElements& elements) {
  napi_env env = args.env();
  uint32_t n = 0;
  napi_get_array_length(env, value, &n);
  elements.resize(n);
  for (uint32_t k = 0; k < n; k++) {
    napi_value element;
    napi_get_element(env, value, k, &element);
    elements.store(element, k, [&] { return std::to_string(k); });
  }
}

/** A JS array for a rank-`rank` parameter: nested arrays (shape set), or flat (returns false). */
inline bool read_js_chars(const Args& args, size_t i, napi_value value, int rank, CharArray& out,
                          CharElements& elements) {
  napi_env env = args.env();
  int64_t shape[kMaxRank];
  napi_value probe = value;
  size_t total = 1;
  for (int d = 0; d < rank; d++) {
    uint32_t n = 0;
    if (!is_js_array(env, probe)) {
      if (d == 1) {  // a flat string[] for rank >= 2: its shape comes from the other arguments
        read_flat_chars(args, value, elements);
        return false;
      }
      throw_type_error(env, args.describe(i) + ": expected nested arrays of rank " + std::to_string(rank),
                       code::kArgType);
    }
    napi_get_array_length(env, probe, &n);
    shape[d] = n;
    total = checked_product(env, total, n, [&] { return args.describe(i); });
    if (d + 1 < rank && n > 0) napi_get_element(env, probe, 0, &probe);
  }
  elements.resize(total);
  out.set_shape(rank, shape);
  fill_nested_chars(args, i, value, 0, 0, 1, "", out, elements);
  return true;
}

}  // namespace detail

BRIDGEGEN_RUNTIME_INLINE void read_char_array(const Args& args, size_t i, int rank, int64_t len, CharArray& out) {
  napi_env env = args.env();
  napi_value value = args.get(i);
  detail::CharElements elements(args, i, len);
  out.rank = rank;
  out.shape_known = false;
  if (detail::is_js_array(env, value)) {
    detail::read_js_chars(args, i, value, rank, out, elements);
  } else if (rank > 1 && detail::is_ndarray_like(env, value)) {
    detail::read_char_ndarray(args, i, value, rank, out, elements);
  } else {
    throw_type_error(env,
                     args.describe(i) + ": expected an array of strings" +
                         (rank > 1 ? ", nested arrays or an ndarray" : "") + ", got " + detail::describe(env, value),
                     code::kArgType);
  }
  elements.pack(out);
}

BRIDGEGEN_RUNTIME_INLINE void alloc_char_array(Args& args, const char* name, int rank, const int64_t* extents, int64_t len,
                                               CharArray& out) {
  int64_t shape[kMaxRank];
  out.len = len < 0 ? 0 : len;
  const size_t total = detail::output_shape(args, name, rank, extents, static_cast<size_t>(out.len), shape);
  out.bytes.assign(total * static_cast<size_t>(out.len), ' ');
  out.length = total;
  out.set_shape(rank, shape);
}

BRIDGEGEN_RUNTIME_INLINE napi_value char_array_value(napi_env env, const CharArray& array) {
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

#endif  // BRIDGEGEN_DEFINES_RUNTIME

}  // namespace bridgegen
