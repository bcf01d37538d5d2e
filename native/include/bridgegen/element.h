// bridgegen runtime — element types: which typed array holds each Fortran scalar type (complex
// ones as interleaved pairs, complex.h), and the checked conversion of one JS value into it and
// back. Arrays and scalars both convert through here.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

#include "error.h"
#include "linkage.h"

namespace bridgegen {

/** Fortran LOGICAL of 1 and 4 bytes: distinct types, so they never convert like integers. */
enum class logical1 : uint8_t {};
enum class logical4 : int32_t {};

template <typename T>
struct Element;

/** `lanes` numbers of type `Lane` in a typed array of `typed_array` hold one element. */
#define BRIDGEGEN_ELEMENT(T, LANE, LANES, TA, JS, DTYPE)    \
  template <>                                               \
  struct Element<T> {                                       \
    using Lane = LANE;                                      \
    static constexpr size_t lanes = LANES;                  \
    static constexpr napi_typedarray_type typed_array = TA; \
    static constexpr const char* js_name = JS;              \
    static constexpr const char* dtype = DTYPE;             \
  };
BRIDGEGEN_ELEMENT(int8_t, int8_t, 1, napi_int8_array, "Int8Array", "int8")
BRIDGEGEN_ELEMENT(int16_t, int16_t, 1, napi_int16_array, "Int16Array", "int16")
BRIDGEGEN_ELEMENT(int32_t, int32_t, 1, napi_int32_array, "Int32Array", "int32")
BRIDGEGEN_ELEMENT(int64_t, int64_t, 1, napi_bigint64_array, "BigInt64Array", "int64")
BRIDGEGEN_ELEMENT(float, float, 1, napi_float32_array, "Float32Array", "float32")
BRIDGEGEN_ELEMENT(double, double, 1, napi_float64_array, "Float64Array", "float64")
BRIDGEGEN_ELEMENT(logical1, logical1, 1, napi_uint8_array, "Uint8Array", "bool")
BRIDGEGEN_ELEMENT(logical4, logical4, 1, napi_int32_array, "Int32Array", "bool")

template <typename T>
constexpr bool is_logical_v = std::is_same_v<T, logical1> || std::is_same_v<T, logical4>;
template <typename T>
constexpr bool is_complex_v = Element<T>::lanes == 2;

namespace detail {

/**
 * `value` rounded toward zero. Not std::trunc: <cmath> (C++17's special functions) is a tenth
 * of the precompiled runtime header, and this is its only use in the glue's headers.
 */
inline double trunc_of(double value) {
#if defined(__GNUC__)
  return __builtin_trunc(value);
#else
  // Beyond 2^52 every double is an integer; below, the int64 round trip truncates exactly.
  return value > -4503599627370496.0 && value < 4503599627370496.0 ? static_cast<double>(static_cast<int64_t>(value)) : value;
#endif
}

/** A number as JS prints it (`1.5`, `NaN`), for messages. */
BRIDGEGEN_RUNTIME_INLINE std::string number_text(napi_env env, double value);

#if BRIDGEGEN_DEFINES_RUNTIME
BRIDGEGEN_RUNTIME_INLINE std::string number_text(napi_env env, double value) {
  return Napi::Number::New(env, value).ToString().Utf8Value();
}
#endif

/** Why a number cannot become a T, or nullptr when it can. */
template <typename T>
const char* integer_problem(double value) {
  if constexpr (is_logical_v<T>) {
    return value == 0 || value == 1 ? nullptr : "is not a logical (0 or 1)";
  } else {
    if (value != value) return "is NaN, not an integer";
    if (trunc_of(value) != value) return "is not an integer";
    // The bounds are exact powers of two, so these comparisons are exact in double.
    const double lo = static_cast<double>(std::numeric_limits<T>::min());
    const double hi = -lo;  // 2^(bits-1): first value that does not fit
    if (value < lo || value >= hi) return "is out of range";
    return nullptr;
  }
}

}  // namespace detail

/**
 * Converts a JS number to a one-lane T, or throws naming `what()` (called only on failure, so
 * the hot path builds no strings). Reals take any number (NaN included); integers must be
 * integral and fit; logicals must be 0 or 1.
 */
template <typename T, typename What>
T number_to(napi_env env, double value, What&& what) {
  if constexpr (std::is_floating_point_v<T>) {
    return static_cast<T>(value);
  } else {
    if (const char* problem = detail::integer_problem<T>(value)) {
      throw_range_error(env, what() + ": " + detail::number_text(env, value) + " " + problem + " for " + Element<T>::dtype,
                        code::kArgValue);
    }
    return static_cast<T>(static_cast<int64_t>(value));
  }
}

/** Converts a 64-bit integer (from a bigint or BigInt64Array) to a one-lane T, checking the range. */
template <typename T, typename What>
T int64_to(napi_env env, int64_t value, What&& what) {
  if constexpr (std::is_floating_point_v<T>) {
    return static_cast<T>(value);
  } else if constexpr (is_logical_v<T>) {
    return number_to<T>(env, static_cast<double>(value), what);
  } else {
    if (value < static_cast<int64_t>(std::numeric_limits<T>::min()) ||
        value > static_cast<int64_t>(std::numeric_limits<T>::max())) {
      throw_range_error(env, what() + ": " + std::to_string(value) + " is out of range for " + Element<T>::dtype,
                        code::kArgValue);
    }
    return static_cast<T>(value);
  }
}

/** One-lane conversion of a JS number, bigint or (for logicals) boolean. */
template <typename T, typename What>
T lane_value_to(napi_env env, napi_value value, What&& what) {
  double number;
  if (napi_get_value_double(env, value, &number) == napi_ok) return number_to<T>(env, number, what);
  int64_t big;
  bool lossless = false;
  if (napi_get_value_bigint_int64(env, value, &big, &lossless) == napi_ok) {
    if (!lossless) throw_range_error(env, what() + ": bigint is out of range for int64", code::kArgValue);
    return int64_to<T>(env, big, what);
  }
  bool flag;
  if (is_logical_v<T> && napi_get_value_bool(env, value, &flag) == napi_ok) return static_cast<T>(flag ? 1 : 0);
  throw_type_error(env, what() + ": expected " + (is_logical_v<T> ? "a boolean" : "a number") + ", got " +
                            detail::describe(env, value), code::kArgType);
}

/** Converts one JS value to T: numbers, bigints, booleans, and `{ re, im }` (or a number) for complex. */
template <typename T, typename What>
T value_to(napi_env env, napi_value value, What&& what) {
  if constexpr (is_complex_v<T>) {
    using Lane = typename Element<T>::Lane;
    napi_valuetype type;
    napi_typeof(env, value, &type);
    if (type != napi_object) return T(lane_value_to<Lane>(env, value, what), Lane(0));
    auto part = [&](const char* name) {
      napi_value lane;
      detail::ok(env, napi_get_named_property(env, value, name, &lane));
      return lane_value_to<Lane>(env, lane, [&] { return what() + "." + name; });
    };
    return T(part("re"), part("im"));
  } else {
    return lane_value_to<T>(env, value, what);
  }
}

/** The JS value of one element: int64 -> bigint, logical -> boolean, complex -> `{ re, im }`. */
template <typename T>
napi_value to_js(napi_env env, T value) {
  napi_value out;
  if constexpr (std::is_same_v<T, int64_t>) {
    napi_create_bigint_int64(env, value, &out);
  } else if constexpr (is_logical_v<T>) {
    napi_get_boolean(env, static_cast<int64_t>(value) != 0, &out);
  } else if constexpr (is_complex_v<T>) {
    napi_create_object(env, &out);
    napi_value re, im;
    napi_create_double(env, value.real(), &re);
    napi_create_double(env, value.imag(), &im);
    napi_set_named_property(env, out, "re", re);
    napi_set_named_property(env, out, "im", im);
  } else {
    napi_create_double(env, static_cast<double>(value), &out);
  }
  return out;
}

}  // namespace bridgegen
