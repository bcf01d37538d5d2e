// bridgegen runtime — module variables and common-block members as JS properties. The shim
// hands over each variable's address through a callback (no C_LOC, so no TARGET needed).
// Fixed-size arrays read as typed-array views of the Fortran memory itself; allocatable ones as
// copies (a view would outlive a deallocation); assignment converts and checks like a call.
#pragma once

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>

#include "args.h"
#include "chars.h"
#include "element.h"
#include "input.h"
#include "linkage.h"
#include "output.h"
#include "scalar.h"

namespace bridgegen {

/** Receives an address from the shim. */
using Sink = void (*)(void*);
/** The shim's accessor of a variable with a fixed place: calls the sink with its address. */
using Locate = void (*)(Sink);
/** The same for an allocatable array: also its extents and whether it is allocated (0/1). */
using LocateAllocatable = void (*)(Sink, int64_t* extents, int32_t* allocated);
/** Deallocates, then allocates with `extents` and copies `data` in when `*allocate` is 1. */
using Reallocate = void (*)(const void* data, const int64_t* extents, const int32_t* allocate);

/** What the generated glue declares about one variable. */
struct Variable {
  const char* path;  // `mod.x` or `block.x`, for messages
  int rank;
  int64_t shape[kMaxRank];  // fixed-size only
  int64_t char_len;         // CHARACTER length, else 0
  const char* read_only;    // why assignment is refused (PROTECTED), or nullptr
  Locate locate;
  LocateAllocatable locate_allocatable;
  Reallocate reallocate;
};

/** The getter and setter of a variable of element type T (raw N-API callbacks; their data is the Variable). */
template <typename T>
napi_value get_variable(napi_env env, napi_callback_info info);
template <typename T>
napi_value set_variable(napi_env env, napi_callback_info info);

namespace detail {
/** Defines `target.name` as an enumerable accessor property with these callbacks. */
BRIDGEGEN_RUNTIME_INLINE void define_accessor(napi_env env, napi_value target, const char* name, napi_callback get,
                                              napi_callback set, const Variable* var);
}  // namespace detail

/** `target.name` reads and assigns the variable. */
template <typename T>
void define_variable(napi_env env, napi_value target, const char* name, const Variable* var) {
  detail::define_accessor(env, target, name, get_variable<T>, set_variable<T>, var);
}

/** `target.name` is a read-only constant (a Fortran named constant). */
BRIDGEGEN_RUNTIME_INLINE void define_constant(napi_env env, napi_value target, const char* name, napi_value value);

/** The JS value of a named constant: a number, an integer(8) as a bigint, a boolean or a string. */
inline napi_value constant_value(napi_env env, double value) { return to_js(env, value); }
inline napi_value constant_value(napi_env env, int64_t value) { return to_js(env, value); }
inline napi_value constant_value(napi_env env, bool value) { return to_js(env, logical4{value}); }
inline napi_value constant_value(napi_env env, const char* value) { return string_value(env, value); }
inline napi_value constant_value(napi_env env, const std::string& value) { return string_value(env, value.data(), value.size()); }

/** A frozen JS array of constants. */
template <typename V>
napi_value constant_array(napi_env env, std::initializer_list<V> values) {
  napi_value array;
  detail::ok(env, napi_create_array_with_length(env, values.size(), &array));
  uint32_t i = 0;
  for (const V& v : values) detail::ok(env, napi_set_element(env, array, i++, constant_value(env, v)));
  detail::ok(env, napi_object_freeze(env, array));
  return array;
}

#if BRIDGEGEN_DEFINES_RUNTIME

namespace detail {

inline thread_local void* located = nullptr;
inline void capture(void* address) { located = address; }

inline void* address_of(const Variable& var) {
  located = nullptr;
  var.locate(&capture);
  return located;
}

inline int64_t element_count(int rank, const int64_t* shape) {
  int64_t n = 1;
  for (int d = 0; d < rank; d++) n *= shape[d];
  return n;
}

/** A typed array over the Fortran memory itself (static storage: it never moves or goes away). */
template <typename T>
napi_value view_of(napi_env env, void* address, const Variable& var) {
  const size_t count = static_cast<size_t>(element_count(var.rank, var.shape));
  napi_value buffer, typed;
  ok(env, napi_create_external_arraybuffer(env, address, count * sizeof(T), nullptr, nullptr, &buffer));
  ok(env, napi_create_typedarray(env, Element<T>::typed_array, count * Element<T>::lanes, buffer, 0, &typed));
  return shaped_value<T>(env, typed, var.rank, var.shape);
}

template <typename T>
napi_value read_allocatable(Napi::Env env, const Variable& var) {
  int64_t extents[kMaxRank] = {};
  int32_t allocated = 0;
  located = nullptr;
  var.locate_allocatable(&capture, extents, &allocated);
  if (!allocated) return env.Null();
  const size_t count = static_cast<size_t>(element_count(var.rank, extents));
  return shaped_value<T>(env, typed_copy(env, static_cast<const T*>(located), count), var.rank, extents);
}

}  // namespace detail

template <typename T>
napi_value read_variable(const Napi::CallbackInfo& info) {
  const Variable& var = *static_cast<const Variable*>(info.Data());
  Napi::Env env = info.Env();
  if (var.locate_allocatable) return detail::read_allocatable<T>(env, var);
  void* address = detail::address_of(var);
  if (var.char_len > 0) {
    Chars chars{std::string(static_cast<const char*>(address), static_cast<size_t>(var.char_len)), var.char_len};
    return chars_value(env, chars);
  }
  if (var.rank == 0) return to_js(env, *static_cast<const T*>(address));
  return detail::view_of<T>(env, address, var);
}

template <typename T>
void assign_variable(const Napi::CallbackInfo& info) {
  const Variable& var = *static_cast<const Variable*>(info.Data());
  if (var.read_only) throw_type_error(info.Env(), std::string(var.path) + " " + var.read_only, code::kArgType);
  static const int32_t deallocate = 0, allocate = 1;
  if (var.locate_allocatable && (info[0].IsNull() || info[0].IsUndefined())) {
    return var.reallocate(nullptr, var.shape, &deallocate);
  }
  static const char* const params[] = {"value"};
  const Signature sig{var.path, params, 1, 1};
  Args args(info.Env(), static_cast<napi_callback_info>(info), sig);
  if (var.locate_allocatable) {
    Array<T> value;
    read_array(args, 0, var.rank, Access::In, value);
    require_shape(args, 0, value);
    return var.reallocate(value.data, value.shape, &allocate);
  }
  void* address = detail::address_of(var);
  if (var.char_len > 0) {
    Chars chars;
    read_chars(args, 0, var.char_len, chars);
    std::memcpy(address, chars.data(), static_cast<size_t>(var.char_len));
  } else if (var.rank == 0) {
    *static_cast<T*>(address) = read_scalar<T>(args, 0);
  } else {
    Array<T> value;
    read_array(args, 0, var.rank, Access::In, value);
    check_shape(args, 0, value, var.rank, var.shape, var.path);
    std::memcpy(address, value.data, static_cast<size_t>(detail::element_count(var.rank, var.shape)) * sizeof(T));
  }
}

template <typename T>
napi_value get_variable(napi_env env, napi_callback_info info) {
  return detail::guard(env, [&] { return read_variable<T>(Napi::CallbackInfo(env, info)); });
}

template <typename T>
napi_value set_variable(napi_env env, napi_callback_info info) {
  return detail::guard(env, [&] {
    assign_variable<T>(Napi::CallbackInfo(env, info));
    return static_cast<napi_value>(nullptr);
  });
}

BRIDGEGEN_RUNTIME_INLINE void detail::define_accessor(napi_env env, napi_value target, const char* name, napi_callback get,
                                                      napi_callback set, const Variable* var) {
  napi_property_descriptor property{name, nullptr, nullptr, get, set, nullptr, napi_enumerable, const_cast<Variable*>(var)};
  ok(env, napi_define_properties(env, target, 1, &property));
}

BRIDGEGEN_RUNTIME_INLINE void define_constant(napi_env env, napi_value target, const char* name, napi_value value) {
  napi_property_descriptor property{name, nullptr, nullptr, nullptr, nullptr, value, napi_enumerable, nullptr};
  detail::ok(env, napi_define_properties(env, target, 1, &property));
}

#endif  // BRIDGEGEN_DEFINES_RUNTIME

}  // namespace bridgegen
