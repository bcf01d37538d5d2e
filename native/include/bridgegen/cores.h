// bridgegen runtime — how many cores this process may run on: its CPU affinity (taskset, cgroup
// cpusets), as libuv's uv_available_parallelism counts them, not every core the machine has.
#pragma once

#include <sched.h>

#include <algorithm>
#include <cstdio>
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

/**
 * The CPU time the process may take, in cores, when its cgroup limits it (a container's
 * `--cpus`: cgroup v2 cpu.max, or v1 cpu.cfs_quota_us), else 0. The affinity above still counts
 * every core such a container sees.
 */
inline double cpu_quota_cores() {
  static const double quota = [] {
    double max = 0, period = 0;
    if (std::FILE* f = std::fopen("/sys/fs/cgroup/cpu.max", "r")) {  // "max 100000" or "150000 100000"
      if (std::fscanf(f, "%lf %lf", &max, &period) != 2) max = 0;
      std::fclose(f);
    } else if (std::FILE* q = std::fopen("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "r")) {  // -1: none
      if (std::fscanf(q, "%lf", &max) != 1) max = 0;
      std::fclose(q);
      if (std::FILE* p = std::fopen("/sys/fs/cgroup/cpu/cpu.cfs_period_us", "r")) {
        if (std::fscanf(p, "%lf", &period) != 1) period = 0;
        std::fclose(p);
      }
    }
    return max > 0 && period > 0 ? max / period : 0.0;
  }();
  return quota;
}

/**
 * The cores async work may take (`setAsyncConcurrency`), by default all of them: large async calls
 * run on the pool while their BLAS threads (blas.h) fit in them, or one at a time.
 */
inline std::atomic<int>& async_concurrency() {
  static std::atomic<int> value{available_cores()};
  return value;
}

}  // namespace bridgegen
