// bridgegen runtime — reading elements from whatever the caller gave (a typed array of any type
// or a plain JS array), with size arithmetic that cannot overflow. Used by the copying paths only.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include "args.h"
#include "array.h"
#include "element.h"
#include "linkage.h"
#include "v8_fast.h"

namespace bridgegen {
namespace detail {

/** Largest element count accepted (V8's typed arrays stop well below this anyway). */
constexpr size_t kMaxElements = size_t(1) << 48;

/** a*b, or a RangeError naming `what()` when the element count would pass kMaxElements. */
template <typename What>
size_t checked_product(napi_env env, size_t a, size_t b, What&& what) {
  size_t product;
  if (__builtin_mul_overflow(a, b, &product) || product > kMaxElements) {
    throw_range_error(env, what() + ": array size overflows (more than 2^48 elements)", code::kTooLarge);
  }
  return product;
}

/** `(2, 3)`; `reversed` shows a row-major array's storage extents in their declared order. */
inline std::string format_shape(const int64_t* extents, int rank, bool reversed = false) {
  std::string text = "(";
  for (int k = 0; k < rank; k++) {
    const int64_t extent = extents[reversed ? rank - 1 - k : k];
    text += k ? ", " : "";
    text += extent == kUnchecked ? "*" : std::to_string(extent < 0 ? 0 : extent);
  }
  return text + ")";
}

/** Complex arrays interleave (re, im): a typed array of them needs an even length. */
template <typename T>
void require_whole_elements(const Args& args, size_t i, size_t numbers) {
  if (numbers % Element<T>::lanes == 0) return;
  throw_range_error(args.env(), args.describe(i) + ": a complex array interleaves re, im: expected an even length, got " +
                                    std::to_string(numbers), code::kShape);
}

/** LOGICAL memory used in place must hold 0 or 1: Fortran's .not. and tests assume it. */
template <typename T>
void require_logical_values(const Args& args, size_t i, const T* data, size_t n) {
  if constexpr (is_logical_v<T>) {
    for (size_t k = 0; k < n; k++) {
      const int64_t v = static_cast<int64_t>(data[k]);
      if (v != 0 && v != 1) {
        throw_range_error(args.env(), args.describe(i) + " at index " + std::to_string(k) + ": " + std::to_string(v) +
                                          " is not a logical (0 or 1)", code::kArgValue);
      }
    }
  }
}

/**
 * Keeps a call's arrays safe while JS may run (Memory::Held or Deferred: the caller, or a
 * callback, may drop, detach, transfer or resize their buffers meanwhile). Arrays are used in
 * place with their backing stores held (v8_fast.h), the updated ones too, as a sync call updates
 * them; whether the caller still has an updated array is checked at completion (WriteBack).
 * F2Py's intent(copy) arrays, and memory that cannot be held (no V8, resizable buffers), get a
 * private copy: made on the worker for an async call (Args::copy_in), else here.
 */
template <typename T>
void privatize(Args& args, Access access, size_t byte_offset, Array<T>& array) {
  if (!args.holds_memory() && access != Access::Copy) return;
  // An input is held or copied below, and no result is made of it: an async call need not keep it.
  if (args.deferred() && access == Access::In && array.pin >= 0) args.settle_without(array.pin);
  const size_t bytes = array.length * sizeof(T);
  const bool held = args.holds_memory() && array.pin >= 0 && array.length > 0 &&
                    keep_backing_store(args.pins()[array.pin], array.data, bytes, array.keep);
  const bool updates_caller = access == Access::Updated || access == Access::InPlace;
  if (held && access != Access::Copy) {
    if (updates_caller) args.write_back({array.pin, array.data, byte_offset, bytes});
    return;
  }
  // The copy: an async call's is made on the worker (Args::copy_in), where a large one delays no
  // timer; any other here, with memcpy (a vector's assign through RecyclingAllocator copied
  // element by element: 5 instructions per double, 6% of a 256x256 dgesv).
  Buffer copy(bytes);
  if (held && args.deferred()) {
    args.copy_in({copy.get(), array.data, bytes});
  } else {
    std::memcpy(copy.get(), array.data, bytes);
  }
  array.scratch = std::move(copy);
  array.data = static_cast<T*>(array.scratch.get());
  if (args.holds_memory() && updates_caller) args.write_back({array.pin, array.data, byte_offset, bytes});
}

/** A readable run of elements: a typed array (`array` null) or a plain JS array. */
struct Source {
  napi_typedarray_type type;
  const void* data;
  /** Numbers in the typed array, or elements of the plain array. */
  size_t length;
  napi_value array;

  /** How many T it holds (complex elements take two numbers of a typed array). */
  template <typename T>
  size_t count() const {
    return array != nullptr ? length : length / Element<T>::lanes;
  }

  /** Element k converted to T; messages name `args.describe(i)` and k. */
  template <typename T>
  T load(const Args& args, size_t i, size_t k) const {
    auto what = [&] { return args.describe(i) + " at index " + std::to_string(k); };
    napi_env env = args.env();
    if (array != nullptr) {
      napi_value element;
      if (napi_get_element(env, array, static_cast<uint32_t>(k), &element) != napi_ok) throw Napi::Error::New(env);
      return value_to<T>(env, element, what);
    }
    if constexpr (is_complex_v<T>) {
      using Lane = typename Element<T>::Lane;
      return T(lane<Lane>(env, 2 * k, what), lane<Lane>(env, 2 * k + 1, what));
    } else {
      return lane<T>(env, k, what);
    }
  }

 private:
  /** Number k of the typed array as a one-lane L. */
  template <typename L, typename What>
  L lane(napi_env env, size_t k, What&& what) const {
    switch (type) {
      case napi_int8_array: return number_to<L>(env, static_cast<const int8_t*>(data)[k], what);
      case napi_uint8_array:
      case napi_uint8_clamped_array: return number_to<L>(env, static_cast<const uint8_t*>(data)[k], what);
      case napi_int16_array: return number_to<L>(env, static_cast<const int16_t*>(data)[k], what);
      case napi_uint16_array: return number_to<L>(env, static_cast<const uint16_t*>(data)[k], what);
      case napi_int32_array: return number_to<L>(env, static_cast<const int32_t*>(data)[k], what);
      case napi_uint32_array: return number_to<L>(env, static_cast<const uint32_t*>(data)[k], what);
      case napi_float32_array: return number_to<L>(env, static_cast<const float*>(data)[k], what);
      case napi_float64_array: return number_to<L>(env, static_cast<const double*>(data)[k], what);
      case napi_bigint64_array: return int64_to<L>(env, static_cast<const int64_t*>(data)[k], what);
      case napi_biguint64_array: {
        const uint64_t v = static_cast<const uint64_t*>(data)[k];
        if (v > static_cast<uint64_t>(INT64_MAX)) throw_range_error(env, what() + ": out of range", code::kArgValue);
        return int64_to<L>(env, static_cast<int64_t>(v), what);
      }
      default: throw_type_error(env, what() + ": unsupported typed array", code::kArgType);
    }
  }
};

/**
 * Fills storage from nested JS arrays whose outer level is the first dimension; `strides[d]` is
 * the storage step of depth d (column-major, or row-major for intent(c) arrays).
 */
template <typename T>
struct NestedWalk {
  const Args& args;
  size_t param;
  int rank;
  const int64_t* shape;
  const size_t* strides;
  T* out;

  /** Visits `value` at depth `d`; `base` is the storage offset so far. */
  void fill(napi_value value, int d, size_t base) const {
    napi_env env = args.env();
    bool is_array = false;
    uint32_t n = 0;
    if (napi_is_array(env, value, &is_array) != napi_ok || !is_array ||
        napi_get_array_length(env, value, &n) != napi_ok || n != shape[d]) {
      throw_type_error(env,
                       args.describe(param) + ": ragged nested arrays: expected " + std::to_string(shape[d]) +
                           " elements at depth " + std::to_string(d) + ", got " + describe(env, value),
                       code::kArgType);
    }
    const Source row{napi_float64_array, nullptr, n, value};
    for (uint32_t k = 0; k < n; k++) {
      const size_t offset = base + k * strides[d];
      if (d + 1 == rank) {
        out[offset] = row.load<T>(args, param, k);
      } else {
        napi_value inner;
        napi_get_element(env, value, k, &inner);
        fill(inner, d + 1, offset);
      }
    }
  }
};

}  // namespace detail
}  // namespace bridgegen
