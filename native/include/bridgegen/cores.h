// bridgegen runtime — how many cores this process may run on: its CPU affinity (taskset, cgroup
// cpusets), as libuv's uv_available_parallelism counts them, not every core the machine has.
#pragma once

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <thread>

namespace bridgegen {

inline int available_cores() {
  static const int count = [] {
#ifdef __linux__
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) return std::max(1, CPU_COUNT(&set));
#endif
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  }();
  return count;
}

/** The cores async work may take at once by default: all but one, left to the event loop. */
inline int cores_left_for_async() { return std::max(1, available_cores() - 1); }

/**
 * The cores async work may take (`setAsyncConcurrency`): how many large async calls of the module
 * run on the pool at once (batch.h), and how many BLAS threads they share (blas.h).
 */
inline std::atomic<int>& async_concurrency() {
  static std::atomic<int> value{cores_left_for_async()};
  return value;
}

}  // namespace bridgegen
