// bridgegen runtime — a vector whose first N elements live inside it: an async call holds one or
// two references and a work item one call, and a heap block for each was a tenth of an awaited
// call's own instructions (callgrind: malloc + free ~150 each).
#pragma once

#include <cstddef>
#include <memory>
#include <type_traits>

namespace bridgegen {

/** Trivially copyable T only (pointers, handles): elements are copied, never constructed. */
template <typename T, size_t N>
class InlineVector {
  static_assert(std::is_trivially_copyable_v<T>, "InlineVector holds plain values");

 public:
  InlineVector() = default;
  InlineVector(const InlineVector&) = delete;
  InlineVector& operator=(const InlineVector&) = delete;

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](size_t k) { return data()[k]; }
  const T& operator[](size_t k) const { return data()[k]; }
  T* begin() { return data(); }
  T* end() { return data() + size_; }
  const T& front() const { return data()[0]; }

  /** Keeps the first `n` elements (n <= size()). */
  void truncate(size_t n) { size_ = n; }

  /** Throws std::bad_alloc when it must grow and cannot (nothing changes then). */
  void push_back(T value) {
    if (size_ == capacity_) grow();
    data()[size_++] = value;
  }

 private:
  T* data() { return heap_ ? heap_.get() : inline_; }
  const T* data() const { return heap_ ? heap_.get() : inline_; }

  void grow() {
    const size_t capacity = 2 * capacity_;
    std::unique_ptr<T[]> bigger(new T[capacity]);
    for (size_t k = 0; k < size_; k++) bigger[k] = data()[k];
    heap_ = std::move(bigger);
    capacity_ = capacity;
  }

  T inline_[N];
  std::unique_ptr<T[]> heap_;
  size_t size_ = 0;
  size_t capacity_ = N;
};

}  // namespace bridgegen
