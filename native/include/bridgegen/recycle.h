// bridgegen runtime — large buffers are kept for reuse when freed, not handed back to the system.
// JS frees an output only when the GC collects it, so each call of a routine with a large output
// or private copy (dgesv's `lu`) would get fresh pages from the kernel, and every first touch of
// a page is a page fault: on a virtual machine ~10 us each, 1.5 ms for 512 KiB where copying it
// into reused memory takes 10 us. NumPy frees at once and malloc reuses the memory; this cache
// gives JS outputs the same: blocks return at GC and serve the next calls of the same size.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>
#include <vector>

#include "linkage.h"
#if BRIDGEGEN_DEFINES_RUNTIME
#include <mutex>
#include <unordered_map>
#endif

namespace bridgegen {

/** `bytes` of uninitialised memory (at least 1), reused from the cache when large; throws bad_alloc. */
BRIDGEGEN_RUNTIME_INLINE void* buffer_alloc(size_t bytes);
/** Frees what buffer_alloc(bytes) returned, keeping it for reuse when large. */
BRIDGEGEN_RUNTIME_INLINE void buffer_free(void* block, size_t bytes);

namespace recycle {

/** Smaller blocks come from malloc's own free lists, which already reuse memory. */
constexpr size_t kMinBytes = 64 * 1024;
constexpr size_t kPage = 4096;
/**
 * What a module keeps at most (BRIDGEGEN_BUFFER_CACHE_MB overrides; 0 turns the cache off). V8 collects
 * external memory in steps of 64 MiB (its external allocation soft limit), so one GC hands back a step's
 * worth of outputs at once: a little more than 64 MiB, as the allocation that crossed the limit is in it.
 * A 64 MiB cache dropped one block of every step, and a loop of dgesv n=1024 (8 MiB `lu`) faulted in 256
 * pages a call on average: 18 ms a call instead of 13.5. Twice the step holds a whole step.
 */
constexpr size_t kDefaultLimitBytes = size_t{128} << 20;

}  // namespace recycle

// The cache itself only where the runtime is defined (linkage.h): its std::unordered_map would be
// instantiated and compiled again in every module built against the compiled runtime.
#if BRIDGEGEN_DEFINES_RUNTIME

namespace recycle {

inline size_t limit_from_environment() {
#if defined(__SANITIZE_ADDRESS__)
  return 0;  // under AddressSanitizer every free is real, so a use after free is still caught
#else
  const char* text = std::getenv("BRIDGEGEN_BUFFER_CACHE_MB");
  if (text == nullptr || *text == '\0') return kDefaultLimitBytes;
  char* end = nullptr;
  const unsigned long long mib = std::strtoull(text, &end, 10);
  return end != nullptr && *end == '\0' ? static_cast<size_t>(mib) << 20 : kDefaultLimitBytes;
#endif
}

/** Freed large blocks by size, up to a limit; any thread may take or give (finalizers, workers). */
class Cache {
 public:
  void* take(size_t bytes) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = blocks_.find(bytes);
    if (found == blocks_.end() || found->second.empty()) return nullptr;
    void* block = found->second.back();
    found->second.pop_back();
    held_ -= bytes;
    return block;
  }

  /** Keeps `block` for reuse, making room by dropping blocks of other sizes; false: free it. */
  bool give(void* block, size_t bytes) {
    std::vector<void*> dropped;
    bool kept = false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (bytes <= limit_) {
        for (auto it = blocks_.begin(); held_ + bytes > limit_ && it != blocks_.end(); ++it) {
          if (it->first == bytes) continue;
          held_ -= it->first * it->second.size();
          dropped.insert(dropped.end(), it->second.begin(), it->second.end());
          it->second.clear();
        }
        kept = held_ + bytes <= limit_;
        if (kept) {
          blocks_[bytes].push_back(block);
          held_ += bytes;
        }
      }
    }
    // Outside the lock: giving large blocks back to the system takes milliseconds (munmap, or a heap
    // trim under malloc's own lock), and the JS thread may be waiting in take() for its next output.
    for (void* other : dropped) std::free(other);
    return kept;
  }

 private:
  std::mutex mutex_;
  std::unordered_map<size_t, std::vector<void*>> blocks_;
  size_t held_ = 0;
  const size_t limit_ = limit_from_environment();
};

/** One per module (-fno-gnu-unique keeps each addon's own); never destroyed, as finalizers may run late. */
inline Cache& cache() {
  static Cache* const instance = new Cache();
  return *instance;
}

/** Large requests are rounded up to whole pages, so a block serves any request of its rounded size. */
inline size_t block_size(size_t bytes) {
  return bytes < kMinBytes ? bytes : (bytes + kPage - 1) / kPage * kPage;
}

}  // namespace recycle

BRIDGEGEN_RUNTIME_INLINE void* buffer_alloc(size_t bytes) {
  const size_t size = recycle::block_size(bytes > 0 ? bytes : 1);
  void* block = size >= recycle::kMinBytes ? recycle::cache().take(size) : nullptr;
  if (block == nullptr) block = std::malloc(size);
  if (block == nullptr) throw std::bad_alloc();
  return block;
}

BRIDGEGEN_RUNTIME_INLINE void buffer_free(void* block, size_t bytes) {
  const size_t size = recycle::block_size(bytes > 0 ? bytes : 1);
  if (size < recycle::kMinBytes || !recycle::cache().give(block, size)) std::free(block);
}

#endif  // BRIDGEGEN_DEFINES_RUNTIME

/** A buffer_alloc block that frees itself; JS takes it over with typed_adopt (output.h). */
class Buffer {
 public:
  Buffer() = default;
  explicit Buffer(size_t bytes) : data_(buffer_alloc(bytes)), bytes_(bytes) {}
  Buffer(Buffer&& other) noexcept : data_(other.data_), bytes_(other.bytes_) { other.data_ = nullptr; }
  Buffer& operator=(Buffer&& other) noexcept {
    if (this != &other) {
      reset();
      data_ = other.data_;
      bytes_ = other.bytes_;
      other.data_ = nullptr;
    }
    return *this;
  }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  ~Buffer() { reset(); }

  void* get() const { return data_; }
  size_t bytes() const { return bytes_; }
  explicit operator bool() const { return data_ != nullptr; }
  /** Gives up ownership: the caller frees it with buffer_free(get(), bytes()). */
  void* release() {
    void* data = data_;
    data_ = nullptr;
    return data;
  }

 private:
  void reset() {
    if (data_ != nullptr) buffer_free(data_, bytes_);
    data_ = nullptr;
  }
  void* data_ = nullptr;
  size_t bytes_ = 0;
};

/** std::vector storage from buffer_alloc: a converted copy handed to JS is reused after its GC. */
template <typename T>
struct RecyclingAllocator {
  using value_type = T;
  RecyclingAllocator() = default;
  template <typename U>
  RecyclingAllocator(const RecyclingAllocator<U>&) {}
  T* allocate(size_t n) {
    if (n > static_cast<size_t>(-1) / sizeof(T)) throw std::bad_alloc();
    return static_cast<T*>(buffer_alloc(n * sizeof(T)));
  }
  void deallocate(T* p, size_t n) { buffer_free(p, n * sizeof(T)); }
  template <typename U>
  bool operator==(const RecyclingAllocator<U>&) const { return true; }
  template <typename U>
  bool operator!=(const RecyclingAllocator<U>&) const { return false; }
};

/** A converted copy of an array argument (Array::owned). */
template <typename T>
using Owned = std::vector<T, RecyclingAllocator<T>>;

}  // namespace bridgegen
