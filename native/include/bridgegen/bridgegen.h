// bridgegen runtime — umbrella header included by every generated module.
// Generated glue stays a declarative list of calls into these headers; policy lives here once.
#pragma once

#include "linkage.h"
#include "error.h"
#include "element.h"
#include "args.h"
#include "scalar.h"
#include "record.h"
#include "chars.h"
#include "extent.h"
#include "check.h"
#include "array.h"
#include "input.h"
#include "char_array.h"
#include "output.h"
#include "indices.h"
#include "xerbla.h"
#include "callback.h"
#include "call.h"
#include "async_call.h"
#include "export.h"
#include "variable.h"
#include "blas.h"
#include "async_controls.h"
#include "instances.h"
// Glue built against the compiled runtime includes it itself, when it names a complex type.
#if BRIDGEGEN_DEFINES_RUNTIME
#include "complex.h"
#endif

// Glue built against the compiled runtime must not read node-addon-api (linkage.h).
#if !BRIDGEGEN_DEFINES_RUNTIME && defined(SRC_NAPI_H_)
#error "bridgegen: a runtime header included <napi.h> in glue built against the compiled runtime"
#endif
