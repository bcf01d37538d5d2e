// bridgegen runtime — F2Py's computed defaults and `check(...)` conditions, evaluated before the
// call once every input is read: range-checked conversion of a default, and the failed-check error.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

#include "args.h"
#include "element.h"
#include "error.h"

namespace bridgegen {

/** Converts the integer value of argument `name`'s computed default to its type, checking the range. */
template <typename T>
BRIDGEGEN_HOT_INLINE T computed_as(const Args& args, const char* name, int64_t value) {
  if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
    if (value >= std::numeric_limits<T>::min() && value <= std::numeric_limits<T>::max()) return static_cast<T>(value);
  }
  return int64_to<T>(args.env(), value, [&] {  // converts, or throws the range error
    return "argument `" + std::string(name) + "` of " + args.where() + " (computed default)";
  });
}

/** A real computed default, for a real argument or the real part of a complex one (`beta = 0.0`). */
template <typename T>
T computed_as(const Args&, const char*, double value) {
  if constexpr (is_complex_v<T>) {
    return T(static_cast<typename T::value_type>(value), 0);
  } else {
    static_assert(std::is_floating_point_v<T>, "a real default needs a real or complex argument");
    return static_cast<T>(value);
  }
}

namespace detail {
[[noreturn]] BRIDGEGEN_COLD inline void check_failed(const Args& args, const char* condition) {
  throw_range_error(args.env(), args.where() + ": check(" + condition + ") failed", code::kCheck);
}
}  // namespace detail

/** Throws the RangeError of a false `check(condition)` (the condition as written). */
BRIDGEGEN_HOT_INLINE void check(const Args& args, bool ok, const char* condition) {
  if (!ok) detail::check_failed(args, condition);
}

}  // namespace bridgegen
