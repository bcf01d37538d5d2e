// bridgegen runtime — scalar arguments: required, optional with a default, and sizes inferred
// from an array's extent (contract 1.3). Conversion rules are element.h's.
#pragma once

#include <napi.h>

#include "args.h"
#include "element.h"
#include "error.h"

namespace bridgegen {

/** Reads a required scalar parameter. */
template <typename T>
T read_scalar(const Args& args, size_t i) {
  return value_to<T>(args.env(), args.get(i), [&] { return args.describe(i); });
}

/** Reads an optional scalar parameter, or `fallback` when the caller left it out. */
template <typename T>
T read_scalar_or(const Args& args, size_t i, T fallback) {
  return args.given(i) ? read_scalar<T>(args, i) : fallback;
}

/** A flag parameter (F2Py's `overwrite_<name>`): a boolean or 0/1; `fallback` when left out. */
inline bool read_flag(const Args& args, size_t i, bool fallback) {
  if (!args.given(i)) return fallback;
  return static_cast<int64_t>(read_scalar<logical4>(args, i)) != 0;
}

/**
 * Reads property `field` of parameter i, a derived-type argument given as a plain object (one
 * property per component), converted as a scalar parameter is.
 */
template <typename T>
void read_field(const Args& args, size_t i, const char* field, T& out) {
  napi_env env = args.env();
  napi_value object = args.get(i);
  napi_valuetype type;
  bool is_array = false;
  if (napi_typeof(env, object, &type) != napi_ok || type != napi_object ||
      napi_is_array(env, object, &is_array) != napi_ok || is_array) {
    throw_type_error(env, args.describe(i) + ": expected an object with a property per component, got " +
                              detail::describe(env, object), code::kArgType);
  }
  napi_value value;
  if (napi_get_named_property(env, object, field, &value) != napi_ok) throw Napi::Error::New(env);
  out = value_to<T>(env, value, [&] { return args.describe(i) + ", component `" + field + "`"; });
}

/** Converts an inferred extent into the size argument's type, checking the range. */
template <typename T>
T extent_as(const Args& args, size_t i, int64_t extent) {
  return int64_to<T>(args.env(), extent, [&] { return args.describe(i) + " (inferred)"; });
}

}  // namespace bridgegen
