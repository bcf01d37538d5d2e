// bridgegen runtime — the complex element types: COMPLEX and DOUBLE COMPLEX as std::complex,
// interleaved re, im in a typed array. Apart from element.h because <complex> (and the <cmath>
// it brings) is a sixth of the precompiled runtime header: glue built against the compiled
// runtime includes this file after bridgegen.h only when it names a complex type (the emitter
// adds the include); header-only builds and the runtime itself get it from bridgegen.h.
#pragma once

#include <complex>

#include "element.h"
#include "instances.h"

namespace bridgegen {

BRIDGEGEN_ELEMENT(std::complex<float>, float, 2, napi_float32_array, "Float32Array", "complex64")
BRIDGEGEN_ELEMENT(std::complex<double>, double, 2, napi_float64_array, "Float64Array", "complex128")

}  // namespace bridgegen

/** The complex element types, as BRIDGEGEN_FOR_EACH_ELEMENT (instances.h). */
#define BRIDGEGEN_FOR_EACH_COMPLEX(X, EXTERN) X(EXTERN, std::complex<float>) X(EXTERN, std::complex<double>)

#ifdef BRIDGEGEN_SEPARATE_RUNTIME
namespace bridgegen {
BRIDGEGEN_FOR_EACH_COMPLEX(BRIDGEGEN_ARRAY_INSTANCES, extern)
}  // namespace bridgegen
#endif
