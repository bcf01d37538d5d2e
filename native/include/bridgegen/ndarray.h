// bridgegen runtime — ndarray-like inputs `{ data, shape, strides?, offset?, order? }` (stdlib-js,
// scijs): used in place when column-major contiguous with the exact element type, else gathered.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>

#include "args.h"
#include "array.h"
#include "element.h"
#include "keys.h"
#include "linkage.h"
#include "objects_js.h"
#include "source.h"

namespace bridgegen {
namespace detail {

inline bool is_ndarray_like(napi_env env, napi_value value) {
  napi_valuetype type;
  if (napi_typeof(env, value, &type) != napi_ok || type != napi_object) return false;
  return has_property(env, value, Key::kData) && has_property(env, value, Key::kShape);
}

/** An integer-valued property element, checked; `what` names it in messages. */
inline int64_t integer_at(const Args& args, size_t i, Napi::Value list, uint32_t k, const char* what) {
  Napi::Value item = list.As<Napi::Object>().Get(k);
  return value_to<int64_t>(args.env(), item, [&] { return args.describe(i) + "." + what + "[" + std::to_string(k) + "]"; });
}

/** Reads `shape` and `strides` (elements; default from `order`, row-major as in stdlib). */
struct Layout {
  int64_t shape[kMaxRank];
  int64_t strides[kMaxRank];
  int64_t offset = 0;
  size_t total = 1;
};

/**
 * The layout of ndarray argument i, checked: from the numbers read_ndarray_js copied (`fast`), or
 * else read through N-API (a bigint extent, a `shape` that is not an array, no V8). The same
 * checks and messages either way.
 */
inline Layout read_layout(const Args& args, size_t i, Napi::Object nd, int rank, const NdFields* fast = nullptr) {
  napi_env env = args.env();
  Napi::Value shape;
  if (fast == nullptr) {
    shape = get_property(env, nd, Key::kShape);
    if (!shape.IsArray() || shape.As<Napi::Array>().Length() != static_cast<uint32_t>(rank)) {
      throw_type_error(env, args.describe(i) + ": expected an ndarray of rank " + std::to_string(rank) +
                                ", got shape " + describe(env, shape), code::kArgType);
    }
  }
  // Element d of `shape` or `strides` as an integer; `field` names it in messages.
  auto element = [&](const double* copied, Napi::Value list, const char* field, int d) {
    if (fast == nullptr) return integer_at(args, i, list, static_cast<uint32_t>(d), field);
    return number_to<int64_t>(env, copied[d], [&] { return args.describe(i) + "." + field + "[" + std::to_string(d) + "]"; });
  };
  Layout layout;
  for (int d = 0; d < rank; d++) {
    layout.shape[d] = element(fast ? fast->shape : nullptr, shape, "shape", d);
    if (layout.shape[d] < 0) throw_range_error(env, args.describe(i) + ": negative extent in shape", code::kShape);
    layout.total = checked_product(env, layout.total, static_cast<size_t>(layout.shape[d]), [&] { return args.describe(i); });
  }
  Napi::Value strides;
  bool has_strides, column_major;
  if (fast != nullptr) {
    has_strides = fast->has_strides;
    column_major = fast->column_major;
  } else {
    strides = get_property(env, nd, Key::kStrides);
    column_major = is_key(env, get_property(env, nd, Key::kOrder), Key::kColumnMajor);
    has_strides = strides.IsArray() && strides.As<Napi::Array>().Length() == static_cast<uint32_t>(rank);
    if (!has_strides && !strides.IsUndefined() && !strides.IsNull()) {
      throw_type_error(env, args.describe(i) + ": `strides` must be an array of " + std::to_string(rank) + " integers",
                       code::kArgType);
    }
  }
  if (has_strides) {
    for (int d = 0; d < rank; d++) layout.strides[d] = element(fast ? fast->strides : nullptr, strides, "strides", d);
  } else {
    int64_t step = 1;
    for (int k = 0; k < rank; k++) {
      const int d = column_major ? k : rank - 1 - k;
      layout.strides[d] = step;
      step *= layout.shape[d] > 0 ? layout.shape[d] : 1;
    }
  }
  auto offset_what = [&] { return args.describe(i) + ".offset"; };
  if (fast != nullptr) {
    if (fast->has_offset) layout.offset = number_to<int64_t>(env, fast->offset, offset_what);
  } else {
    Napi::Value offset = get_property(env, nd, Key::kOffset);
    if (!offset.IsUndefined()) layout.offset = value_to<int64_t>(env, offset, offset_what);
  }
  return layout;
}

/** Every index the layout touches lies inside a buffer of `length` elements. */
inline void check_layout_bounds(const Args& args, size_t i, const Layout& layout, int rank, size_t length) {
  if (layout.total == 0) return;
  int64_t lo = layout.offset, hi = layout.offset;
  for (int d = 0; d < rank; d++) {
    const int64_t reach = layout.strides[d] * (layout.shape[d] - 1);
    (reach < 0 ? lo : hi) += reach;
  }
  if (lo < 0 || hi >= static_cast<int64_t>(length)) {
    throw_range_error(args.env(), args.describe(i) + ": shape, strides and offset reach outside `data` (" +
                                      std::to_string(length) + " elements)", code::kShape);
  }
}

/** The layout of the transpose: how a row-major (intent(c)) array's storage sees it. */
inline void reverse_dimensions(Layout& layout, int rank) {
  std::reverse(layout.shape, layout.shape + rank);
  std::reverse(layout.strides, layout.strides + rank);
}

inline bool is_column_major(const Layout& layout, int rank) {
  int64_t step = 1;
  for (int d = 0; d < rank; d++) {
    if (layout.shape[d] > 1 && layout.strides[d] != step) return false;
    step *= layout.shape[d];
  }
  return true;
}

/** Reads ndarray argument i (`fast`: its fields as read_ndarray_js copied them, or null). */
template <typename T>
void read_ndarray(Args& args, size_t i, napi_value value, int rank, Access access, Array<T>& out, const NdFields* fast) {
  napi_env env = args.env();
  Napi::Object nd(env, value);
  Layout layout = read_layout(args, i, nd, rank, fast);
  if (out.row_major) reverse_dimensions(layout, rank);
  napi_value data = fast != nullptr ? fast->data : static_cast<napi_value>(get_property(env, nd, Key::kData));
  Source source{napi_float64_array, nullptr, 0, nullptr};
  napi_typedarray_type type = Element<T>::typed_array;
  void* raw = nullptr;
  bool is_array = false;
  // The common case first, with one V8 type test (v8_fast.h); N-API for every other kind.
  if (exact_typed_array<T>(data, &raw, &source.length) ||
      napi_get_typedarray_info(env, data, &type, &source.length, &raw, nullptr, nullptr) == napi_ok) {
    source.type = type;
    source.data = raw;
  } else if (napi_is_array(env, data, &is_array) == napi_ok && is_array) {
    uint32_t n = 0;
    napi_get_array_length(env, data, &n);
    source.length = n;
    source.array = data;
  } else {
    throw_type_error(env, args.describe(i) + ".data: expected a typed array or an array, got " + describe(env, data),
                     code::kArgType);
  }
  if (source.array == nullptr) require_whole_elements<T>(args, i, source.length);
  check_layout_bounds(args, i, layout, rank, source.count<T>());
  if (source.array == nullptr && type == Element<T>::typed_array && is_column_major(layout, rank)) {
    static T empty[1];
    out.data = raw != nullptr ? static_cast<T*>(raw) + layout.offset : empty;
    out.length = layout.total;
    require_logical_values(args, i, out.data, out.length);
    out.pin = args.pin(data, out.length * sizeof(T));
    privatize(args, access, static_cast<size_t>(layout.offset) * sizeof(T), out);
  } else {
    if (access == Access::InPlace) {
      throw_type_error(env, args.describe(i) + " is updated in place: expected a column-major ndarray of " +
                                Element<T>::js_name + " (a copy would lose the update)", code::kNotInPlace);
    }
    out.owned.resize(layout.total);
    int64_t index[kMaxRank] = {};
    for (size_t k = 0; k < layout.total; k++) {
      int64_t at = layout.offset;
      for (int d = 0; d < rank; d++) at += index[d] * layout.strides[d];
      out.owned[k] = source.load<T>(args, i, static_cast<size_t>(at));
      for (int d = 0; d < rank && ++index[d] == layout.shape[d]; d++) index[d] = 0;  // column-major odometer
    }
    out.adopt_owned();
  }
  out.set_shape(rank, layout.shape);
}

}  // namespace detail
}  // namespace bridgegen
