// bridgegen runtime — the array as the Fortran side sees it (contiguous, column-major), shared by
// inputs (input.h) and outputs (output.h).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "linkage.h"
#include "recycle.h"

namespace bridgegen {

constexpr int kMaxRank = 7;

/** An expected extent that is not checked (the `*` of an assumed-size dimension). */
constexpr int64_t kUnchecked = INT64_MIN;

/** An array argument as the Fortran side sees it: contiguous, column-major. */
template <typename T>
struct Array {
  T* data = nullptr;
  size_t length = 0;
  int rank = 0;
  /** False for a flat typed array given for a rank >= 2 parameter: only `length` is known. */
  bool shape_known = false;
  /**
   * F2Py's intent(c): the C function reads it in row-major order. It is stored as its transpose
   * (`shape` lists the extents reversed), so every column-major path applies unchanged; only the
   * edges that face JS (nested rows, ndarrays, results, messages) reverse the dimensions.
   */
  bool row_major = false;
  int64_t shape[kMaxRank] = {};
  /** Storage of a converted copy (empty when the caller's memory is used in place). */
  Owned<T> owned;
  /** Args::pin index of the typed array holding `data` when it is JS memory, else -1. */
  int pin = -1;
  /** What keeps JS memory behind `data` alive during an async call (v8_fast.h), if anything. */
  std::shared_ptr<void> keep;
  /**
   * A private copy of the caller's array (privatize), or an async call's output: native memory
   * handed to JS if it is a result. An async call's is left uninitialised here (the worker fills
   * it: Args::copy_in), so its pages are first touched off the JS thread.
   */
  Buffer scratch;

  void set_shape(int r, const int64_t* extents) {
    rank = r;
    shape_known = true;
    for (int d = 0; d < r; d++) shape[d] = extents[d];
  }
  void adopt_owned() {
    // A zero-size array still gets a valid pointer: Fortran may take its address.
    if (owned.empty()) owned.reserve(1);
    data = owned.data();
    length = owned.size();
  }
};

/**
 * What the routine does to an input array: only reads it; may update it (F2Py's intent(in,out):
 * used in place when it can be, else copied); updates it in place (intent(inout): no copy); or
 * may update it but works on a copy so the caller's stays untouched (F2Py's intent(copy)).
 */
enum class Access { In, Updated, InPlace, Copy };

}  // namespace bridgegen
