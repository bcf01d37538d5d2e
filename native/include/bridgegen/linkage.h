// bridgegen runtime — where the runtime's larger non-template functions are compiled. By default
// the runtime is header-only: they are `inline`, and every module compiles (and optimises) its
// own copy. A module built with BRIDGEGEN_SEPARATE_RUNTIME (the direct build, when the user's
// build cache holds the compiled runtime: instances.h) sees only their declarations, and
// bridgegen_runtime.cc (BRIDGEGEN_RUNTIME_SOURCE) defines them once.
#pragma once

#if defined(BRIDGEGEN_SEPARATE_RUNTIME) && !defined(BRIDGEGEN_RUNTIME_SOURCE)
#define BRIDGEGEN_DEFINES_RUNTIME 0
#else
#define BRIDGEGEN_DEFINES_RUNTIME 1
#endif

/**
 * Put before each such function's declaration and definition: `inline` when header-only;
 * nothing in a module that links the compiled runtime, or in its source.
 */
#if defined(BRIDGEGEN_SEPARATE_RUNTIME) || defined(BRIDGEGEN_RUNTIME_SOURCE)
#define BRIDGEGEN_RUNTIME_INLINE
#else
#define BRIDGEGEN_RUNTIME_INLINE inline
#endif

// The runtime's definitions are written with node-addon-api (napi.h); everything the glue sees
// is declared with N-API's C types (node_api.h) alone. So glue built against the compiled
// runtime never reads napi.h, whose inline functions' templates GCC instantiated again in every
// such compile (a precompiled header saves only the parsing): 0.3-0.4 s of each.
#include <node_api.h>

#if BRIDGEGEN_DEFINES_RUNTIME
#ifndef NAPI_CPP_EXCEPTIONS
#define NAPI_CPP_EXCEPTIONS
#endif
// A worker terminated mid-call completes its async calls while its environment shuts down:
// their results cannot be delivered, and must not abort the process trying.
#ifndef NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS
#define NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS
#endif
#include <napi.h>
#endif
