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
