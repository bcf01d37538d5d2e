// bridgegen runtime — element types: which typed array holds each Fortran scalar type, and the
// checked conversion of one JS number/bigint into it. Arrays and scalars both convert through here.
#pragma once

#include <napi.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "error.h"

namespace bridgegen {

template <typename T>
struct Element;

#define BRIDGEGEN_ELEMENT(T, TA, JS, DTYPE)                       \
  template <>                                                     \
  struct Element<T> {                                             \
    static constexpr napi_typedarray_type typed_array = TA;       \
    static constexpr const char* js_name = JS;                    \
    static constexpr const char* dtype = DTYPE;                   \
  };
BRIDGEGEN_ELEMENT(int8_t, napi_int8_array, "Int8Array", "int8")
BRIDGEGEN_ELEMENT(int16_t, napi_int16_array, "Int16Array", "int16")
BRIDGEGEN_ELEMENT(int32_t, napi_int32_array, "Int32Array", "int32")
BRIDGEGEN_ELEMENT(int64_t, napi_bigint64_array, "BigInt64Array", "int64")
BRIDGEGEN_ELEMENT(float, napi_float32_array, "Float32Array", "float32")
BRIDGEGEN_ELEMENT(double, napi_float64_array, "Float64Array", "float64")
#undef BRIDGEGEN_ELEMENT

namespace detail {

/** Why a number cannot become a T, or nullptr when it can. */
template <typename T>
const char* integer_problem(double value) {
  if (std::isnan(value)) return "is NaN, not an integer";
  if (std::trunc(value) != value) return "is not an integer";
  // The bounds are exact powers of two, so these comparisons are exact in double.
  const double lo = static_cast<double>(std::numeric_limits<T>::min());
  const double hi = -lo;  // 2^(bits-1): first value that does not fit
  if (value < lo || value >= hi) return "is out of range";
  return nullptr;
}

}  // namespace detail

/**
 * Converts a JS number to T, or throws naming `what()` (called only on failure, so the hot path
 * builds no strings). Reals take any number (NaN included); integers must be integral and fit.
 */
template <typename T, typename What>
T number_to(napi_env env, double value, What&& what) {
  if constexpr (std::is_floating_point_v<T>) {
    return static_cast<T>(value);
  } else {
    if (const char* problem = detail::integer_problem<T>(value)) {
      throw_range_error(env, what() + ": " + Napi::Number::New(env, value).ToString().Utf8Value() + " " +
                                 problem + " for " + Element<T>::dtype,
                        code::kArgValue);
    }
    return static_cast<T>(value);
  }
}

/** Converts a 64-bit integer (from a bigint or BigInt64Array) to T, checking the range. */
template <typename T, typename What>
T int64_to(napi_env env, int64_t value, What&& what) {
  if constexpr (std::is_floating_point_v<T>) {
    return static_cast<T>(value);
  } else {
    if (value < static_cast<int64_t>(std::numeric_limits<T>::min()) ||
        value > static_cast<int64_t>(std::numeric_limits<T>::max())) {
      throw_range_error(env, what() + ": " + std::to_string(value) + " is out of range for " + Element<T>::dtype,
                        code::kArgValue);
    }
    return static_cast<T>(value);
  }
}

/** Converts one JS value (number or bigint) to T; anything else is a TypeError. */
template <typename T, typename What>
T value_to(napi_env env, napi_value value, What&& what) {
  double number;
  if (napi_get_value_double(env, value, &number) == napi_ok) return number_to<T>(env, number, what);
  int64_t big;
  bool lossless = false;
  if (napi_get_value_bigint_int64(env, value, &big, &lossless) == napi_ok) {
    if (!lossless) throw_range_error(env, what() + ": bigint is out of range for int64", code::kArgValue);
    return int64_to<T>(env, big, what);
  }
  throw_type_error(env, what() + ": expected a number, got " + detail::describe(env, value), code::kArgType);
}

/** The JS value of one element: numbers, except int64 which becomes a bigint (contract 1.4). */
template <typename T>
napi_value to_js(napi_env env, T value) {
  napi_value out;
  if constexpr (std::is_same_v<T, int64_t>) {
    napi_create_bigint_int64(env, value, &out);
  } else {
    napi_create_double(env, static_cast<double>(value), &out);
  }
  return out;
}

}  // namespace bridgegen
