// bridgegen runtime — integer arrays of Fortran indices that JS sees 0-based (`zerobased`, as
// SciPy shows LAPACK's pivots): inputs are range-checked before the call, since LAPACK indexes
// rows with them unchecked; the shift by one happens around the call, on the worker thread too.
#pragma once

#include <cstdint>
#include <string>

#include "args.h"
#include "array.h"
#include "error.h"

namespace bridgegen {

/** Throws a RangeError naming the first element outside [0, extent). */
template <typename T>
void check_indices(const Args& args, size_t i, const Array<T>& array, int64_t extent, const char* extent_text) {
  for (size_t k = 0; k < array.length; k++) {
    const int64_t v = static_cast<int64_t>(array.data[k]);
    if (v >= 0 && v < extent) continue;
    throw_range_error(args.env(),
                      args.describe(i) + ": element " + std::to_string(k) + " is " + std::to_string(v) +
                          ", not a 0-based index below " + extent_text + " = " + std::to_string(extent),
                      code::kArgValue);
  }
}

/** Adds `by` to every element; unsigned arithmetic, so an output garbage value cannot overflow. */
template <typename T>
void shift_indices(Array<T>& array, int by) {
  using U = std::make_unsigned_t<T>;
  for (size_t k = 0; k < array.length; k++) array.data[k] = static_cast<T>(static_cast<U>(array.data[k]) + static_cast<U>(by));
}

}  // namespace bridgegen
