// bridgegen runtime — LAPACK's XERBLA as a JS exception (built with --catch-xerbla). The module's
// shim defines `xerbla`, which LAPACK and the BLAS call on an illegal argument instead of their
// own (that one prints and may stop the process); it lands here and is recorded for the running
// call on this thread, which then throws or rejects with a RangeError naming the argument.
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <string>
#include <type_traits>

#include "error.h"
#include "linkage.h"

namespace bridgegen {

namespace code {
constexpr const char* kXerbla = "ERR_BRIDGEGEN_XERBLA";  // LAPACK/BLAS rejected an argument
}  // namespace code

/** What XERBLA reported during one call: the first report wins (later ones follow from it). */
struct XerblaReport {
  bool set = false;
  int info = 0;
  char routine[32] = {};
};

namespace detail {
inline thread_local XerblaReport* current_xerbla = nullptr;
}  // namespace detail

/** Collects XERBLA reports on this thread into `report` for the duration of one call. */
class XerblaScope {
 public:
  explicit XerblaScope(XerblaReport& report) : outer_(detail::current_xerbla) { detail::current_xerbla = &report; }
  ~XerblaScope() { detail::current_xerbla = outer_; }
  XerblaScope(const XerblaScope&) = delete;
  XerblaScope& operator=(const XerblaScope&) = delete;

 private:
  XerblaReport* outer_;
};

/** Called by the shim's `xerbla(srname, info)`; outside a call there is nobody to tell. */
inline void record_xerbla(const char* name, int64_t len, int info) {
  XerblaReport* report = detail::current_xerbla;
  if (report == nullptr || report->set) return;
  report->set = true;
  report->info = info;
  const size_t n = static_cast<size_t>(std::clamp<int64_t>(len, 0, sizeof report->routine - 1));
  size_t end = 0;
  for (size_t k = 0; k < n; k++) {
    report->routine[k] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[k])));
    if (name[k] != ' ') end = k + 1;
  }
  report->routine[end] = '\0';
}

/**
 * LAPACK's convention when the shim's `xerbla` was not the one called: a library already loaded
 * by another addon keeps the XERBLA it bound first (it returns after printing, as OpenBLAS's
 * does), so `info = -k` is the report that argument k is illegal.
 */
inline void xerbla_from_info(XerblaReport& report, const char* routine, int64_t info) {
  if (report.set || info >= 0) return;
  report.set = true;
  report.info = static_cast<int>(-info);
  std::snprintf(report.routine, sizeof report.routine, "%s", routine);
}

namespace detail {
/**
 * The error of `routine_js()` whose routine XERBLA rejected: `dgesv(): LAPACK's dgesv rejected
 * argument 4 (lda)`; the argument's name is known when the report is about `fortran_name`, the
 * routine called (not one it calls), whose arguments are `fortran_args`.
 */
BRIDGEGEN_RUNTIME_INLINE napi_value xerbla_error(napi_env env, const XerblaReport& report, const char* routine_js,
                                                 const char* fortran_name, const char* const* fortran_args, size_t nargs);
}  // namespace detail

template <typename Frame>
napi_value xerbla_error(napi_env env, const Frame& frame) {
  return detail::xerbla_error(env, frame.xerbla, Frame::signature.routine, Frame::fortran_name, Frame::fortran_args,
                              std::size(Frame::fortran_args));
}

template <typename Frame, typename = void>
struct catches_xerbla : std::false_type {};
template <typename Frame>
struct catches_xerbla<Frame, std::void_t<decltype(std::declval<Frame&>().xerbla)>> : std::true_type {};

#if BRIDGEGEN_DEFINES_RUNTIME

BRIDGEGEN_RUNTIME_INLINE napi_value detail::xerbla_error(napi_env env, const XerblaReport& r, const char* routine_js,
                                                         const char* fortran_name, const char* const* fortran_args,
                                                         size_t nargs) {
  const std::string routine(r.routine);
  std::string what = "argument " + std::to_string(r.info);
  const int k = r.info - 1;
  if (routine == fortran_name && k >= 0 && k < static_cast<int>(nargs)) what += " (" + std::string(fortran_args[k]) + ")";
  Napi::Error error = Napi::RangeError::New(env, std::string(routine_js) + "(): " + routine + " rejected " + what +
                                                     " as illegal (LAPACK's XERBLA)");
  error.Set("code", Napi::String::New(env, code::kXerbla));
  error.Set("info", Napi::Number::New(env, -r.info));
  return error.Value();
}

#endif  // BRIDGEGEN_DEFINES_RUNTIME

}  // namespace bridgegen
