// bridgegen runtime — checked integer arithmetic for dimension expressions (`2*n+1`, `n/m`):
// a size that overflows or divides by zero is a RangeError, never a short allocation.
#pragma once

#include <cstdint>
#include <string>

#include "args.h"
#include "error.h"

namespace bridgegen {

[[noreturn]] inline void extent_overflow(const Args& args, const char* what) {
  throw_range_error(args.env(), args.where() + ": array extents " + what + " (check the size arguments)",
                    code::kTooLarge);
}

inline int64_t ext_add(const Args& args, int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_add_overflow(a, b, &r)) extent_overflow(args, "overflow");
  return r;
}
inline int64_t ext_sub(const Args& args, int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_sub_overflow(a, b, &r)) extent_overflow(args, "overflow");
  return r;
}
inline int64_t ext_mul(const Args& args, int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) extent_overflow(args, "overflow");
  return r;
}
/** Fortran integer division truncates toward zero, as C++ does. */
inline int64_t ext_div(const Args& args, int64_t a, int64_t b) {
  if (b == 0) extent_overflow(args, "divide by zero");
  if (a == INT64_MIN && b == -1) extent_overflow(args, "overflow");
  return a / b;
}
inline int64_t ext_neg(const Args& args, int64_t a) { return ext_sub(args, 0, a); }
inline int64_t ext_abs(const Args& args, int64_t a) { return a < 0 ? ext_neg(args, a) : a; }
inline int64_t ext_max(int64_t a, int64_t b) { return a > b ? a : b; }
inline int64_t ext_min(int64_t a, int64_t b) { return a < b ? a : b; }

/** The extent of `lower:upper` (zero when upper < lower, as in Fortran). */
inline int64_t ext_span(const Args& args, int64_t lower, int64_t upper) {
  const int64_t n = ext_add(args, ext_sub(args, upper, lower), 1);
  return n < 0 ? 0 : n;
}

}  // namespace bridgegen
