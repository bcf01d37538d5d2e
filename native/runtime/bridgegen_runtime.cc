// bridgegen runtime — the part compiled once per compiler and flags, not in every module: the
// larger non-template functions (linkage.h) and the array templates for every element type
// (instances.h, complex.h). The direct build (src/build/direct-build.ts) compiles this file into the
// user's build cache beside the precompiled runtime header, and links it into the modules it
// compiles with BRIDGEGEN_SEPARATE_RUNTIME; without it the runtime is header-only, as before.
#define BRIDGEGEN_RUNTIME_SOURCE
#include <bridgegen/bridgegen.h>

namespace bridgegen {
BRIDGEGEN_FOR_EACH_ELEMENT(BRIDGEGEN_ARRAY_INSTANCES, )
BRIDGEGEN_FOR_EACH_COMPLEX(BRIDGEGEN_ARRAY_INSTANCES, )
}  // namespace bridgegen
