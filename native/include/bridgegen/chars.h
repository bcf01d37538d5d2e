// bridgegen runtime — CHARACTER scalars: a JS string becomes exactly `len` bytes (UTF-8,
// blank-padded as Fortran expects), and comes back with trailing blanks trimmed (contract 1.4).
#pragma once

#include <cstdint>
#include <string>

#include "args.h"
#include "error.h"
#include "linkage.h"

namespace bridgegen {

/** A JS string of `length` bytes of UTF-8 (NAPI_AUTO_LENGTH: up to the terminator). */
inline napi_value string_value(napi_env env, const char* text, size_t length = NAPI_AUTO_LENGTH) {
  napi_value value;
  detail::ok(env, napi_create_string_utf8(env, text, length, &value));
  return value;
}

/** A CHARACTER value as the Fortran side sees it: `len` bytes, no terminator. */
struct Chars {
  std::string bytes;
  int64_t len = 0;

  char* data() { return bytes.data(); }
};

/**
 * The first character of a CHARACTER value, as F2Py's `*c` reads its `char*` (SciPy's
 * `check(*jobz=='N'||*jobz=='V')`); blank when empty, as Fortran pads.
 */
inline char first_char(const Chars& chars) { return chars.bytes.empty() ? ' ' : chars.bytes[0]; }

/** The declared length of `character(len=*)`: whatever the caller passes. */
constexpr int64_t kAssumedLength = -1;

/**
 * Reads string parameter i for a `character(len=declared)` dummy: shorter strings are padded
 * with blanks; longer ones are a RangeError (Fortran would silently cut them).
 */
inline void read_chars(const Args& args, size_t i, int64_t declared, Chars& out) {
  napi_env env = args.env();
  napi_value value = args.get(i);
  size_t size = 0;
  if (napi_get_value_string_utf8(env, value, nullptr, 0, &size) != napi_ok) {
    throw_type_error(env, args.describe(i) + ": expected a string, got " + detail::describe(env, value), code::kArgType);
  }
  if (declared != kAssumedLength && static_cast<int64_t>(size) > declared) {
    throw_range_error(env, args.describe(i) + ": the string has " + std::to_string(size) +
                               " bytes; character(len=" + std::to_string(declared) + ") holds at most " +
                               std::to_string(declared), code::kArgValue);
  }
  out.bytes.assign(size + 1, '\0');
  napi_get_value_string_utf8(env, value, out.bytes.data(), size + 1, &size);
  out.bytes.resize(size);  // drop the terminator N-API wrote, then pad with blanks
  out.len = declared == kAssumedLength ? static_cast<int64_t>(size) : declared;
  out.bytes.resize(static_cast<size_t>(out.len), ' ');
}

/**
 * A default of a CHARACTER argument (a literal, or one chosen by `?:`), blank-padded to the
 * declared length; one longer than that is the signature's mistake, reported like a caller's.
 */
inline void assign_chars(const Args& args, const char* name, int64_t declared, const char* value, Chars& out) {
  const std::string text(value);
  if (declared != kAssumedLength && static_cast<int64_t>(text.size()) > declared) {
    throw_range_error(args.env(), "argument `" + std::string(name) + "` of " + args.where() + " (default): '" + text +
                                      "' is longer than character(len=" + std::to_string(declared) + ")", code::kArgValue);
  }
  out.bytes = text;
  out.len = declared == kAssumedLength ? static_cast<int64_t>(text.size()) : declared;
  out.bytes.resize(static_cast<size_t>(out.len), ' ');
}

/** A blank `character(len=len)` for the routine to fill. */
inline void alloc_chars(int64_t len, Chars& out) {
  out.len = len < 0 ? 0 : len;
  out.bytes.assign(static_cast<size_t>(out.len), ' ');
}

/** The JS string of a CHARACTER value, trailing blanks trimmed. */
inline napi_value chars_value(napi_env env, const Chars& chars) {
  size_t end = chars.bytes.size();
  while (end > 0 && chars.bytes[end - 1] == ' ') end--;
  return string_value(env, chars.bytes.data(), end);
}

}  // namespace bridgegen
