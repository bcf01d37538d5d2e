// bridgegen runtime — scalar arguments: required, optional with a default, and sizes inferred
// from an array's extent (contract 1.3). Conversion rules are element.h's.
#pragma once

#include "args.h"
#include "element.h"
#include "error.h"
#include "linkage.h"

namespace bridgegen {

/** Reads a required scalar parameter. */
template <typename T>
T read_scalar(const Args& args, size_t i) {
  return value_to<T>(args.env(), args.get(i), [&] { return args.describe(i); });
}

/** Reads an optional scalar parameter, or `fallback` when the caller left it out. */
template <typename T>
BRIDGEGEN_HOT_INLINE T read_scalar_or(const Args& args, size_t i, T fallback) {
  return args.given(i) ? read_scalar<T>(args, i) : fallback;
}

/** A flag parameter (F2Py's `overwrite_<name>`): a boolean or 0/1; `fallback` when left out. */
inline bool read_flag(const Args& args, size_t i, bool fallback) {
  if (!args.given(i)) return fallback;
  return static_cast<int64_t>(read_scalar<logical4>(args, i)) != 0;
}

/** Converts an inferred extent into the size argument's type, checking the range. */
template <typename T>
T extent_as(const Args& args, size_t i, int64_t extent) {
  return int64_to<T>(args.env(), extent, [&] { return args.describe(i) + " (inferred)"; });
}

}  // namespace bridgegen
