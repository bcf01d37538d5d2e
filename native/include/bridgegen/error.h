// bridgegen runtime — error mapping: TypeError/RangeError with stable `code`s, thrown as C++
// exceptions that `detail::guard` turns into JS exceptions at the call boundary.
#pragma once

#include <string>

#include "linkage.h"

namespace bridgegen {

/** Stable error codes (contract 1.3: `code: 'ERR_BRIDGEGEN_...'`). */
namespace code {
constexpr const char* kArgType = "ERR_BRIDGEGEN_ARG_TYPE";        // wrong JS type
constexpr const char* kArgCount = "ERR_BRIDGEGEN_ARG_COUNT";      // missing / extra arguments
constexpr const char* kArgValue = "ERR_BRIDGEGEN_ARG_VALUE";      // value out of range, not integral
constexpr const char* kShape = "ERR_BRIDGEGEN_SHAPE";             // array extent mismatch
constexpr const char* kNotInPlace = "ERR_BRIDGEGEN_NOT_IN_PLACE";  // inout array would need a copy
constexpr const char* kTooLarge = "ERR_BRIDGEGEN_TOO_LARGE";      // allocation size overflow
constexpr const char* kCheck = "ERR_BRIDGEGEN_CHECK";            // an F2Py check(...) is false
constexpr const char* kDetached = "ERR_BRIDGEGEN_DETACHED";       // an async in-place array went away
}  // namespace code

[[noreturn]] BRIDGEGEN_RUNTIME_INLINE void throw_type_error(napi_env env, const std::string& message, const char* code);
[[noreturn]] BRIDGEGEN_RUNTIME_INLINE void throw_range_error(napi_env env, const std::string& message, const char* code);

namespace detail {

/** A short description of a JS value for messages: "string", "Int32Array", "array", ... */
BRIDGEGEN_RUNTIME_INLINE std::string describe(napi_env env, napi_value value);

/** Throws the failure of the N-API call just made (its pending JS exception, if any) as a C++ exception. */
[[noreturn]] BRIDGEGEN_RUNTIME_INLINE void throw_napi_error(napi_env env);

inline void ok(napi_env env, napi_status status) {
  if (status != napi_ok) throw_napi_error(env);
}

/**
 * Makes the C++ exception being handled the pending JS exception: the edge of a raw N-API
 * callback (call it in a catch block). Out of line, so the glue's handlers name no exception type.
 */
BRIDGEGEN_RUNTIME_INLINE void throw_current_as_js(napi_env env);

/** Runs `body`, a raw N-API callback's: a C++ exception it throws becomes the pending JS exception. */
template <typename Body>
napi_value guard(napi_env env, Body&& body) {
  try {
    return body();
  } catch (...) {
    throw_current_as_js(env);
  }
  return nullptr;
}

}  // namespace detail

#if BRIDGEGEN_DEFINES_RUNTIME

[[noreturn]] BRIDGEGEN_RUNTIME_INLINE void throw_with_code(Napi::Error error, const char* code);

BRIDGEGEN_RUNTIME_INLINE void throw_with_code(Napi::Error error, const char* code) {
  error.Set("code", Napi::String::New(error.Env(), code));
  throw error;
}

BRIDGEGEN_RUNTIME_INLINE void throw_type_error(napi_env env, const std::string& message, const char* code) {
  throw_with_code(Napi::TypeError::New(env, message), code);
}

BRIDGEGEN_RUNTIME_INLINE void throw_range_error(napi_env env, const std::string& message, const char* code) {
  throw_with_code(Napi::RangeError::New(env, message), code);
}

BRIDGEGEN_RUNTIME_INLINE void detail::throw_napi_error(napi_env env) { throw Napi::Error::New(env); }

BRIDGEGEN_RUNTIME_INLINE void detail::throw_current_as_js(napi_env env) {
  try {
    try {
      throw;
    } catch (const std::bad_alloc&) {
      throw_range_error(env, "bridgegen: out of memory converting arguments", code::kTooLarge);
    }
  } catch (const Napi::Error& error) {
    error.ThrowAsJavaScriptException();
  } catch (const std::exception& error) {
    napi_throw_error(env, "ERR_BRIDGEGEN_INTERNAL", error.what());
  } catch (...) {
    napi_throw_error(env, "ERR_BRIDGEGEN_INTERNAL", "bridgegen: an unknown C++ exception");
  }
}

BRIDGEGEN_RUNTIME_INLINE std::string detail::describe(napi_env env, napi_value value) {
  napi_valuetype type;
  if (napi_typeof(env, value, &type) != napi_ok) return "unknown";
  switch (type) {
    case napi_undefined: return "undefined";
    case napi_null: return "null";
    case napi_boolean: return "boolean";
    case napi_number: return "number";
    case napi_string: return "string";
    case napi_symbol: return "symbol";
    case napi_bigint: return "bigint";
    case napi_function: return "function";
    case napi_external: return "external";
    case napi_object: break;
  }
  bool flag = false;
  if (napi_is_typedarray(env, value, &flag) == napi_ok && flag) {
    napi_typedarray_type ta;
    size_t length;
    napi_get_typedarray_info(env, value, &ta, &length, nullptr, nullptr, nullptr);
    static const char* const names[] = {"Int8Array",    "Uint8Array",    "Uint8ClampedArray",
                                        "Int16Array",   "Uint16Array",   "Int32Array",
                                        "Uint32Array",  "Float32Array",  "Float64Array",
                                        "BigInt64Array", "BigUint64Array"};
    const int index = static_cast<int>(ta);
    return (index >= 0 && index < 11 ? names[index] : "TypedArray") + std::string("(") +
           std::to_string(length) + ")";
  }
  if (napi_is_array(env, value, &flag) == napi_ok && flag) return "array";
  if (napi_is_arraybuffer(env, value, &flag) == napi_ok && flag) return "ArrayBuffer";
  return "object";
}

#endif  // BRIDGEGEN_DEFINES_RUNTIME

}  // namespace bridgegen
