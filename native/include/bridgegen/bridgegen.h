// bridgegen runtime — umbrella header included by every generated module.
// Generated glue stays a declarative list of calls into these headers; policy lives here once.
#pragma once

#ifndef NAPI_CPP_EXCEPTIONS
#define NAPI_CPP_EXCEPTIONS
#endif
// A worker terminated mid-call completes its async calls while its environment shuts down:
// their results cannot be delivered, and must not abort the process trying.
#ifndef NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS
#define NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS
#endif
#include <napi.h>

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
