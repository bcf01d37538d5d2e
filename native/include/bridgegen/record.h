// bridgegen runtime — derived-type (and C struct) arguments as plain JS objects: one property per
// component, read into the frame's members and turned back into an object for results. The shim
// assembles the Fortran or C value from the members, so no memory layout is assumed here.
#pragma once

#include <array>
#include <string>

#include "args.h"
#include "element.h"
#include "error.h"
#include "linkage.h"
#include "output.h"

namespace bridgegen {

namespace detail {

/** Property `field` of parameter i, which must be a plain object. */
inline napi_value field_value(const Args& args, size_t i, const char* field) {
  napi_env env = args.env();
  napi_value object = args.get(i);
  napi_valuetype type;
  bool is_array = false;
  if (napi_typeof(env, object, &type) != napi_ok || type != napi_object ||
      napi_is_array(env, object, &is_array) != napi_ok || is_array) {
    throw_type_error(env, args.describe(i) + ": expected an object with a property per component, got " +
                              describe(env, object), code::kArgType);
  }
  napi_value value;
  ok(env, napi_get_named_property(env, object, field, &value));
  return value;
}

}  // namespace detail

/** Reads scalar component `field` of parameter i, converted as a scalar parameter is. */
template <typename T>
void read_field(const Args& args, size_t i, const char* field, T& out) {
  const napi_value value = detail::field_value(args, i, field);
  out = value_to<T>(args.env(), value, [&] { return args.describe(i) + ", component `" + field + "`"; });
}

/**
 * Reads array component `field` (constant extents, N elements in Fortran's order): an array of
 * numbers or any typed array, of exactly N elements, each converted as a scalar is.
 */
template <typename T, size_t N>
void read_field(const Args& args, size_t i, const char* field, std::array<T, N>& out) {
  napi_env env = args.env();
  const napi_value value = detail::field_value(args, i, field);
  const auto what = [&] { return args.describe(i) + ", component `" + field + "`"; };
  bool is_array = false, is_typed = false;
  napi_is_array(env, value, &is_array);
  napi_is_typedarray(env, value, &is_typed);
  if (!is_array && !is_typed) {
    throw_type_error(env, what() + ": expected an array of " + std::to_string(N) + " numbers, got " + detail::describe(env, value),
                     code::kArgType);
  }
  uint32_t length = 0;
  if (napi_get_array_length(env, value, &length) != napi_ok) {  // not for typed arrays: ask them
    napi_value js_length;
    double d = 0;
    if (napi_get_named_property(env, value, "length", &js_length) == napi_ok) napi_get_value_double(env, js_length, &d);
    length = static_cast<uint32_t>(d);
  }
  if (length != N) {
    throw_range_error(env, what() + ": expected " + std::to_string(N) + " elements, got " + std::to_string(length), code::kShape);
  }
  for (uint32_t k = 0; k < N; k++) {
    napi_value element;
    detail::ok(env, napi_get_element(env, value, k, &element));
    out[k] = value_to<T>(env, element, [&] { return what() + " at index " + std::to_string(k); });
  }
}

/** An array component, for a result object: a new typed array holding a copy. */
template <typename T, size_t N>
napi_value field_array_value(napi_env env, const std::array<T, N>& values) {
  return typed_copy(env, values.data(), N);
}

}  // namespace bridgegen
