// bridgegen runtime — array arguments in: exact-type typed arrays are used in place (one
// napi_get_typedarray_info call); other typed arrays, plain and nested arrays (NumPy's row
// convention) and ndarray-like objects are copied into column-major order. Shape checks too.
#pragma once

#include <algorithm>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "args.h"
#include "array.h"
#include "element.h"
#include "linkage.h"
#if BRIDGEGEN_DEFINES_RUNTIME
#include "ndarray.h"
#include "source.h"
#include "v8_fast.h"
#endif

namespace bridgegen {

/**
 * Reads array parameter i of the given rank into `out`. Exact-type typed arrays are used in
 * place; anything else convertible is copied unless `access` is InPlace (then TypeError).
 */
template <typename T>
void read_array(Args& args, size_t i, int rank, Access access, Array<T>& out);

namespace detail {
[[noreturn]] [[gnu::cold]] BRIDGEGEN_RUNTIME_INLINE void throw_no_shape(const Args& args, size_t from);
[[noreturn]] [[gnu::cold]] BRIDGEGEN_RUNTIME_INLINE void throw_cannot_infer(const Args& args, size_t i, size_t from);
[[noreturn]] [[gnu::cold]] BRIDGEGEN_RUNTIME_INLINE void throw_assumed_shape(const Args& args, size_t i);
/**
 * Whether a known `shape` has the extents `expected` requires (check_shape's rule), inline: the
 * common case of every call with an array (the out-of-line check took 8% of a sync ddot(x, y)
 * n=4's time). When it does, the expected extents multiply to no more than the array's length,
 * so their product needs no overflow check; any other case goes to check_shape_of.
 */
BRIDGEGEN_HOT_INLINE bool shape_fits(const int64_t* shape, int rank, const int64_t* expected) {
  for (int d = 0; d < rank; d++) {
    if (expected[d] == kUnchecked) continue;
    const int64_t want = expected[d] < 0 ? 0 : expected[d];
    if (d + 1 < rank ? shape[d] != want : shape[d] < want) return false;
  }
  return true;
}
/** check_shape of an array whose shape (if known), rank, length and order are these. */
BRIDGEGEN_RUNTIME_INLINE void check_shape_of(const Args& args, size_t i, bool shape_known, const int64_t* shape, int array_rank,
                                             size_t length, bool row_major, int rank, const int64_t* expected, const char* dims_text);
}  // namespace detail

/** The extent `size(a, dim+1)` of array parameter `from`, which must have a shape. */
template <typename A>
BRIDGEGEN_HOT_INLINE int64_t known_extent(const Args& args, size_t from, const A& array, int dim) {
  if (!array.shape_known) detail::throw_no_shape(args, from);
  return array.shape[dim];
}

/**
 * The extent of dimension `dim` of array parameter `from`, to infer size parameter `i` (`i` is
 * `from` itself when the size is hidden: the caller cannot pass it).
 */
template <typename A>
BRIDGEGEN_HOT_INLINE int64_t infer_extent(const Args& args, size_t i, const A& array, size_t from, int dim) {
  if (!array.shape_known) i == from ? detail::throw_no_shape(args, from) : detail::throw_cannot_infer(args, i, from);
  return array.shape[dim];
}

/** An assumed-shape dummy gets the array's own shape: a flat (typed) array of rank >= 2 has none. */
template <typename A>
BRIDGEGEN_HOT_INLINE void require_shape(const Args& args, size_t i, const A& array) {
  if (!array.shape_known) detail::throw_assumed_shape(args, i);
}

/**
 * Checks an input array against the extents its declaration requires (kUnchecked: not checked,
 * as for an assumed-size last dimension; negative extents mean zero, as in Fortran). Leading
 * extents must match exactly (they fix the memory layout); the last may be larger, and a flat
 * array needs at least the product.
 */
template <typename A>
BRIDGEGEN_HOT_INLINE void check_shape(const Args& args, size_t i, const A& array, int rank, const int64_t* expected,
                                      const char* dims_text) {
  if (array.shape_known && detail::shape_fits(array.shape, rank, expected)) return;
  detail::check_shape_of(args, i, array.shape_known, array.shape, array.rank, array.length, array.row_major, rank, expected,
                         dims_text);
}

#if BRIDGEGEN_DEFINES_RUNTIME

namespace detail {

template <typename T>
void require_in_place_ok(const Args& args, size_t i, Access access, napi_value value) {
  if (access != Access::InPlace) return;
  throw_type_error(args.env(),
                   args.describe(i) + " is updated in place: expected a contiguous " + Element<T>::js_name +
                       ", got " + describe(args.env(), value) + " (a copy would lose the update)",
                   code::kNotInPlace);
}

/** Reads nested JS arrays of the given rank (rows first) into column-major storage. */
template <typename T>
void read_nested(const Args& args, size_t i, napi_value value, int rank, Array<T>& out) {
  napi_env env = args.env();
  int64_t shape[kMaxRank];
  napi_value probe = value;
  size_t total = 1;
  for (int d = 0; d < rank; d++) {
    uint32_t n = 0;
    bool is_array = false;
    if (napi_is_array(env, probe, &is_array) != napi_ok || !is_array) {
      throw_type_error(env, args.describe(i) + ": expected nested arrays of rank " + std::to_string(rank),
                       code::kArgType);
    }
    napi_get_array_length(env, probe, &n);
    shape[d] = n;
    total = checked_product(env, total, n, [&] { return args.describe(i); });
    if (d + 1 < rank && n > 0) napi_get_element(env, probe, 0, &probe);
  }
  out.owned.assign(total, T{});
  size_t strides[kMaxRank];
  size_t step = 1;
  for (int k = 0; k < rank; k++) {
    const int d = out.row_major ? rank - 1 - k : k;
    strides[d] = step;
    step *= static_cast<size_t>(shape[d]);
  }
  NestedWalk<T> walk{args, i, rank, shape, strides, out.owned.data()};
  walk.fill(value, 0, 0);
  out.adopt_owned();
  if (out.row_major) std::reverse(shape, shape + rank);
  out.set_shape(rank, shape);
}

}  // namespace detail

namespace detail {

/**
 * read_array for every input but the common one: a typed array of another type (copied), one
 * that needs checking or privatizing, nested arrays, an ndarray. `exact`, `data`, `length`: what
 * exact_typed_array found.
 */
template <typename T>
__attribute__((noinline)) void read_array_other(Args& args, size_t i, int rank, Access access, Array<T>& out,
                                                bool exact, void* data, size_t length) {
  napi_env env = args.env();
  napi_value value = args.get(i);
  napi_typedarray_type type;
  out.rank = rank;
  if (exact || (detail::may_be_typed_array(value) &&
                napi_get_typedarray_info(env, value, &type, &length, &data, nullptr, nullptr) == napi_ok)) {
    if (exact || type == Element<T>::typed_array) {
      static T empty[1];
      detail::require_whole_elements<T>(args, i, length);
      out.data = data != nullptr ? static_cast<T*>(data) : empty;  // detached or empty buffer
      out.length = length / Element<T>::lanes;
      detail::require_logical_values(args, i, out.data, out.length);
      out.pin = args.pin(value, length * sizeof(T) / Element<T>::lanes);
      detail::privatize(args, access, 0, out);
    } else {
      detail::require_in_place_ok<T>(args, i, access, value);
      const detail::Source source{type, data, length, nullptr};
      detail::require_whole_elements<T>(args, i, length);
      out.owned.resize(source.count<T>());
      for (size_t k = 0; k < out.owned.size(); k++) out.owned[k] = source.load<T>(args, i, k);
      out.adopt_owned();
    }
    if (rank == 1) {
      const int64_t extent = static_cast<int64_t>(out.length);
      out.set_shape(1, &extent);
    }
    return;
  }
  bool is_array = false;
  napi_is_array(env, value, &is_array);
  if (is_array) {
    detail::require_in_place_ok<T>(args, i, access, value);
    return detail::read_nested(args, i, value, rank, out);
  }
  NdFields fields;
  const NdRead found = read_ndarray_js(env, value, rank, fields);
  if (found == NdRead::kRead) return detail::read_ndarray(args, i, value, rank, access, out, &fields);
  if (found == NdRead::kAskNapi && detail::is_ndarray_like(env, value)) {
    return detail::read_ndarray(args, i, value, rank, access, out, nullptr);
  }
  throw_type_error(env,
                   args.describe(i) + ": expected " + Element<T>::js_name +
                       (rank > 1 ? ", nested arrays or an ndarray" : " or an array of numbers") + ", got " +
                       detail::describe(env, value),
                   code::kArgType);
}

}  // namespace detail

template <typename T>
void read_array(Args& args, size_t i, int rank, Access access, Array<T>& out) {
  napi_value value = args.get(i);
  void* data = nullptr;
  size_t length = 0;
  const bool exact = detail::exact_typed_array<T>(value, &data, &length);
  // The common input, kept short: a typed array of exactly T (one number per element, any value
  // valid) used in place by a call during which no JS runs: nothing to check per element, to
  // keep alive or to copy (privatize has nothing to do).
  if (exact && Element<T>::lanes == 1 && !is_logical_v<T> && !args.holds_memory() && access != Access::Copy) {
    static T empty[1];
    out.data = data != nullptr ? static_cast<T*>(data) : empty;  // detached or empty buffer
    out.length = length;
    out.rank = rank;
    out.pin = args.pin(value, length * sizeof(T));
    if (rank == 1) {
      const int64_t extent = static_cast<int64_t>(length);
      out.set_shape(1, &extent);
    }
    return;
  }
  detail::read_array_other(args, i, rank, access, out, exact, data, length);
}

BRIDGEGEN_RUNTIME_INLINE void detail::throw_no_shape(const Args& args, size_t from) {
  throw_type_error(args.env(),
                   args.describe(from) + ": its shape is needed, and a flat array has none; " +
                       "pass nested arrays or an ndarray", code::kArgType);
}

BRIDGEGEN_RUNTIME_INLINE void detail::throw_cannot_infer(const Args& args, size_t i, size_t from) {
  throw_type_error(args.env(),
                   args.where() + ": cannot infer `" + args.signature().params[i] + "` from `" +
                       args.signature().params[from] +
                       "`: a flat typed array has no shape; pass it, or pass nested arrays or an ndarray",
                   code::kArgCount);
}

BRIDGEGEN_RUNTIME_INLINE void detail::throw_assumed_shape(const Args& args, size_t i) {
  throw_type_error(args.env(),
                   args.describe(i) + " is assumed-shape: its shape is needed, and a flat array has none; " +
                       "pass nested arrays or an ndarray", code::kArgType);
}

BRIDGEGEN_RUNTIME_INLINE void detail::check_shape_of(const Args& args, size_t i, bool shape_known, const int64_t* shape,
                                                     int array_rank, size_t length, bool row_major, int rank,
                                                     const int64_t* expected, const char* dims_text) {
  size_t needed = 1;
  bool ok = true;
  for (int d = 0; d < rank; d++) {
    if (expected[d] == kUnchecked) continue;
    const int64_t want = expected[d] < 0 ? 0 : expected[d];
    needed = checked_product(args.env(), needed, static_cast<size_t>(want), [&] { return args.describe(i); });
    if (!shape_known) continue;
    if (d + 1 < rank ? shape[d] != want : shape[d] < want) ok = false;
  }
  if (!shape_known && length < needed) ok = false;
  if (ok) return;
  throw_range_error(args.env(),
                    args.describe(i) + ": expected shape " + format_shape(expected, rank, row_major) + " from " + dims_text +
                        ", got " + (shape_known ? format_shape(shape, array_rank, row_major) : std::to_string(length) + " elements"),
                    code::kShape);
}

#endif  // BRIDGEGEN_DEFINES_RUNTIME

}  // namespace bridgegen
