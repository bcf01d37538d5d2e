// bridgegen runtime — how wide a large async call runs when calls queue: one at a time on every
// BLAS thread ("wide"), or side by side on one BLAS thread each ("narrow"). OpenBLAS speeds some
// routines up nearly twice on two threads (its dgemm n=256 takes 0.67 ms a call from C on one
// thread, 0.36 on two) and others hardly at all (dgesv n=256: 0.51 ms on one, 0.53 on two), and
// calls side by side need no sync between threads. No one way suits every routine, so each
// routine and size class (the bytes of its array arguments, in powers of two) compares the two
// ways by the time between its calls' ends while calls queue (SettleClock), and queued calls run
// narrow unless wide got through them clearly faster. That time, not a call's own run time, is
// what a user waits: a narrow call's run time halved said it was faster for dgemm, while a
// wake-up of the event loop and of a pool thread per call made it slower. A call alone runs wide
// (the shortest wait for it), and so do short bursts: a comparison starts only in a sustained
// queue (kSustained; bursts of dgemm n=1024 that tried narrow cost more than they could gain, and
// slowed the event loop after them), and again every kRetryAfter calls, as load and inputs
// change (sooner after a choice that needed two wins: kRetrySoon). Large sync calls compare the
// same two ways by their own run times (sync_width.h).
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace bridgegen {

/**
 * One way's turns in a comparison: the time between settlements of its calls, by turn (WidthStats
 * ends each), and the fastest turn's mean. The fastest, not the mean of all: what slows a turn
 * here comes from outside it (another process's burst, the JIT compiling on a core, the other
 * way's leftovers) and only ever adds time; in one comparison of dgemm n=256 narrow's turns read
 * 0.70, 0.42, 0.40 and 0.75 ms a call, its long run 0.38, and the mean chose wide.
 */
class TurnRates {
 public:
  void record(int64_t ns) {
    turn_sum_ns_.store(turn_sum_ns_.load(std::memory_order_relaxed) + ns, std::memory_order_relaxed);
    turn_count_.store(turn_count_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    count_.store(count_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  }
  /** Ends the turn running: its mean counts if it is the fastest yet. */
  void end_turn() {
    const uint32_t settled = turn_count_.load(std::memory_order_relaxed);
    if (settled == 0) return;
    const int64_t mean = turn_sum_ns_.load(std::memory_order_relaxed) / settled;
    const int64_t best = best_ns_.load(std::memory_order_relaxed);
    if (best == 0 || mean < best) best_ns_.store(mean, std::memory_order_relaxed);
    turn_sum_ns_.store(0, std::memory_order_relaxed);
    turn_count_.store(0, std::memory_order_relaxed);
  }
  void reset() {
    turn_sum_ns_.store(0, std::memory_order_relaxed);
    turn_count_.store(0, std::memory_order_relaxed);
    count_.store(0, std::memory_order_relaxed);
    best_ns_.store(0, std::memory_order_relaxed);
  }
  /** Settlements recorded. */
  uint32_t count() const { return count_.load(std::memory_order_relaxed); }
  /** The fastest whole turn's mean time per settlement; 0 before one. */
  int64_t best_ns() const { return best_ns_.load(std::memory_order_relaxed); }

 private:
  // A turn's sum, not each gap: two calls that ran side by side from the same moment settle
  // together, a gap of ~0 then one of a whole call, and only their sum says how fast.
  std::atomic<int64_t> turn_sum_ns_{0};
  std::atomic<uint32_t> turn_count_{0};
  std::atomic<uint32_t> count_{0};
  std::atomic<int64_t> best_ns_{0};
};

/**
 * Which way one routine's large async calls of one size class run when they queue, and the
 * comparison that chooses it. A comparison measures the two ways in turns, wide, narrow, wide
 * (kTurns): the load of other processes drifts over seconds here (C's own dgemm n=256 took 0.38
 * ms a call one minute and 0.64 the next), and a way measured earlier, compared with one measured
 * now, chose by that drift (dgemm n=256, 4 in flight: the choice flipped a dozen times in 300
 * calls, 0.51-0.76 ms a call against C's 0.40); in this order a steady drift weighs on both alike.
 * Each run of one way's turns begins with kLeadIn settlements it does not count: the other way's
 * leftovers (OpenBLAS's worker spins ~1.6 ms after a wide call, on a core narrow calls need; the
 * first narrow calls wait for pool threads) made narrow dgemm n=256 read 0.49-0.54 ms a call in
 * its turns, against 0.37-0.41 in a long run. Between comparisons the choice stands: only one way
 * is ever running, and its live rate has nothing current to be compared with.
 */
class WidthStats {
 public:
  /**
   * How a comparison chooses, by each way's fastest turn. `margin_percent`: how much faster narrow
   * must measure to be chosen (negative: how much slower it may). `ends_early`: whether the
   * comparison ends after a narrow turn when narrow measured a fifth slower than wide.
   * The way the margin leans to (leans_narrow) is chosen on one win; the other only when it wins
   * two comparisons in a row (the second at once). A comparison's narrow turns can all read slow, two
   * calls side by side at about two-thirds speed (no other thread of the process takes the
   * cores then: the pool threads wait to run and take more CPU a call, contention from outside,
   * as in this VM's spells): 4 async dgemm n=256 in flight chose wide in 13 of 39 fresh processes,
   * narrow's best turn reading 0.38-0.68 ms a settlement there (mostly 0.33-0.36 where narrow
   * won), and those processes ran at 0.83-0.97x C's throughput against 0.89-1.34x (median 1.01x).
   * Where the other way is faster it wins again, at the cost of a second comparison.
   */
  struct Rule {
    int margin_percent;
    bool ends_early;
    /** Whether the margin favours narrow (a negative one: narrow unless wide measured clearly faster). */
    constexpr bool leans_narrow() const { return margin_percent < 0; }
  };
  /**
   * Async queues: narrow unless wide measured 5% faster. Calls side by side need no sync between
   * threads and keep every core busy while calls queue, and every queue the bench runs went
   * through faster so (4 in flight under setBlasThreads(1): dgemm n=256 0.40 ms a call against
   * 0.46 as chosen, dgesv n=256 0.43 against 0.50, n=1024 13.6 against 14.4), while the two ways
   * of dgemm n=256 differ by less than a turn's noise (0.37-0.39 ms a call narrow, 0.40-0.41
   * wide, in long runs); wide must show it gains more than that. No early end: a turn of gaps
   * between settlements is noisy (a narrow turn of 4 read 0.70 ms a call, its long run 0.40).
   */
  static constexpr Rule kQueued{-5, false};

  constexpr explicit WidthStats(Rule rule = kQueued) : rule_(rule) {}

  /** Settlements measured in each turn of a comparison. */
  static constexpr uint32_t kTurnSettled = 4;
  /**
   * The turns of a comparison, narrow or not: each way as often, the same mean time from its
   * start, in three runs (each change of way costs a lead-in).
   */
  static constexpr bool kTurns[] = {false, false, true, true, true, true, false, false};
  static constexpr uint32_t kTurnCount = sizeof(kTurns) / sizeof(kTurns[0]);
  /** Settlements not counted at the start of each run of one way's turns. */
  static constexpr uint32_t kLeadIn = kTurnSettled;
  /**
   * Placements one comparison may take (it needs about one per settlement): a program whose queue
   * rarely holds enough calls to fill the cores gets few narrow settlements, and each burst that
   * tried narrow paid for it (4 dgemmAsync n=1024 at a time: 112 ms a burst instead of 90). Past
   * it, the choice stands.
   */
  static constexpr uint32_t kMaxPlacements = 3 * kTurnSettled * kTurnCount;
  /** Placements after which the two ways are compared again, as load and inputs change. */
  static constexpr uint32_t kRetryAfter = 1024;
  /**
   * Placements after which a choice against the rule's lean is compared again, the first time;
   * twice as many after each such choice in a row (64, 128, 256, 512), then kRetryAfter. A spell of
   * this VM can slow narrow's turns through both comparisons (4 dgemmAsync n=256 in flight:
   * narrow's best turn 0.49-0.53 ms a settlement in 3 of 14 fresh processes, 0.33-0.37 in the
   * rest), and a process that met one at its start then ran wide for 1024 calls. The comparison
   * after chose narrow in each of 4 such processes. Where the other way is faster, the retries
   * cost four comparisons' turns of the slower way before the choice stands as long as any.
   */
  static constexpr uint32_t kRetrySoon = 64;
  /**
   * Settlements in a row with calls queued before a comparison starts: only a sustained queue can
   * gain from narrow. The lag bench's bursts of 2 and 4 dgemmAsync n=1024 tried it (at most 16
   * calls), and the event loop's worst tick with a core left, in the rounds between, read 1.3-1.5
   * ms instead of 0.4.
   */
  static constexpr uint32_t kSustained = 16;

  /**
   * JS thread: whether a call should run narrow when `ready` calls could run side by side (those
   * waiting their turn and the narrow ones running) on `cores`: in a comparison, as its turn says;
   * else as the last comparison chose (wide before any: a call alone runs wide, the shortest wait).
   */
  bool prefers_narrow(int ready, int cores) const { return ready >= std::max(2, cores) && narrow_now(); }

  /** Whether a call should run narrow: as the comparison's turn says, else as the last one chose. */
  bool narrow_now() const {
    const uint32_t turn = turn_.load(std::memory_order_relaxed);
    return turn < kTurnCount ? kTurns[turn] : narrow_chosen_.load(std::memory_order_relaxed);
  }

  /**
   * JS thread: a call was placed after `streak` settlements in a row with calls queued. Starts a
   * comparison when one is due and the queue has lasted; ends one whose queue ran dry (a pause
   * between turns would weigh on one way only) or that took too many placements.
   */
  void placed(uint32_t streak) {
    if (!comparing()) {
      if (since_compared_.load(std::memory_order_relaxed) >= retry_after() && streak >= kSustained) start();
      since_compared_.fetch_add(1, std::memory_order_relaxed);
      return;
    }
    if (streak == 0 || placements_.fetch_add(1, std::memory_order_relaxed) + 1 > kMaxPlacements) stop();
  }

  /**
   * JS thread: `ns` between the settlement of a call run `narrow` (or wide) and the one before,
   * both with calls queued. Counts only in a comparison; ends the turn that has its settlements,
   * and the comparison after the last turn, choosing narrow when it was clearly faster.
   */
  void record(bool narrow, int64_t ns) {
    const uint32_t turn = turn_.load(std::memory_order_relaxed);  // once: a worker's JS thread may end it meanwhile
    // Not the calls of the other way that end after its turn: two side by side end moments apart,
    // and that gap alone made narrow read 8% faster than it ran.
    if (turn >= kTurnCount || kTurns[turn] != narrow) return;
    if (lead_in_.load(std::memory_order_relaxed) > 0) {
      lead_in_.fetch_sub(1, std::memory_order_relaxed);
      return;
    }
    TurnRates& rate = narrow ? narrow_ : wide_;
    rate.record(ns);
    if (rate.count() < settled_before(turn) + kTurnSettled) return;
    rate.end_turn();
    if (turn + 1 < kTurnCount && !(rule_.ends_early && narrow_clearly_slower())) {
      if (kTurns[turn + 1] != kTurns[turn]) lead_in_.store(kLeadIn, std::memory_order_relaxed);
      turn_.store(turn + 1, std::memory_order_relaxed);
      return;
    }
    const int64_t wide = wide_.best_ns();
    const bool narrow_won = narrow_.best_ns() < wide - wide * rule_.margin_percent / 100;
    if (narrow_won != rule_.leans_narrow() && !confirming_.load(std::memory_order_relaxed)) {
      start();  // the way the margin leans from must win again
      confirming_.store(true, std::memory_order_relaxed);
      return;
    }
    narrow_chosen_.store(narrow_won, std::memory_order_relaxed);
    against_lean_.store(narrow_won != rule_.leans_narrow() ? against_lean_.load(std::memory_order_relaxed) + 1 : 0,
                        std::memory_order_relaxed);
    stop();
  }

 private:
  bool comparing() const { return turn_.load(std::memory_order_relaxed) < kTurnCount; }
  /** Placements after the last comparison before the next: kRetrySoon doubled per choice against the lean in a row. */
  uint32_t retry_after() const {
    const uint32_t against = against_lean_.load(std::memory_order_relaxed);
    return against == 0 ? kRetryAfter : std::min(kRetryAfter, kRetrySoon << std::min(against - 1, 4u));
  }
  /** Whether narrow's turns so far measured a fifth slower than wide's (Rule::ends_early). */
  bool narrow_clearly_slower() const {
    const int64_t wide = wide_.best_ns();
    return narrow_.best_ns() > 0 && wide > 0 && narrow_.best_ns() > wide + wide / 5;
  }
  /** Settlements turn `turn`'s way has counted when it begins: kTurnSettled for each earlier turn of that way. */
  static uint32_t settled_before(uint32_t turn) {
    uint32_t turns = 0;
    for (uint32_t t = 0; t < turn; t++) turns += kTurns[t] == kTurns[turn] ? 1 : 0;
    return turns * kTurnSettled;
  }
  void start() {
    wide_.reset();
    narrow_.reset();
    placements_.store(0, std::memory_order_relaxed);
    lead_in_.store(kLeadIn, std::memory_order_relaxed);
    turn_.store(0, std::memory_order_relaxed);
  }
  void stop() {
    confirming_.store(false, std::memory_order_relaxed);
    turn_.store(kTurnCount, std::memory_order_relaxed);
    since_compared_.store(0, std::memory_order_relaxed);
  }

  TurnRates wide_;
  TurnRates narrow_;
  // JS threads (workers' too) may race on these: a lost update only shifts a turn or a comparison.
  std::atomic<uint32_t> turn_{kTurnCount};           // the turn of the comparison running; kTurnCount: none
  std::atomic<uint32_t> lead_in_{0};                 // settlements the run of turns still skips
  std::atomic<uint32_t> placements_{0};              // placements in this comparison
  std::atomic<uint32_t> since_compared_{kRetryAfter};  // placements since the last comparison (the first is due)
  std::atomic<bool> narrow_chosen_{false};
  std::atomic<uint32_t> against_lean_{0};  // comparisons in a row that chose against the rule's lean
  std::atomic<bool> confirming_{false};  // the comparison running confirms a win against the rule's lean
  const Rule rule_;
};

/** Calls whose array arguments take fewer bytes share the smallest size class. */
constexpr size_t kSizeClassBytes = size_t{1} << 16;

/** One routine's `Stats` by size class: log2 of its calls' array bytes (all below kSizeClassBytes: one). */
template <typename Stats>
class SizeClasses {
 public:
  Stats& of(size_t bytes) {
    int size_class = 0;
    for (size_t b = bytes / kSizeClassBytes; b != 0 && size_class < kClasses - 1; b >>= 1) size_class++;
    return classes_[size_class];
  }

 private:
  static constexpr int kClasses = 32;
  Stats classes_[kClasses];
};

/** One routine's async WidthStats by size class. */
using Widths = SizeClasses<WidthStats>;

/**
 * The time between the ends of one JS thread's large calls, handed to their WidthStats as they
 * settle: only while calls queue (else it would count the caller's own pauses), and only between
 * calls that ran the same way (a change of way waits for the calls of the other to end first).
 * The ends are stamped on the pool threads: the event loop hears of them late when the BLAS
 * threads hold every core, and by its own clock two wide calls 0.4 ms apart settled 0.05 ms apart,
 * the next 0.8, so 4 settlements misread a way by up to 2x.
 */
class SettleClock {
 public:
  /**
   * JS thread: `count` calls that ran `narrow` (or wide) settled, the last having ended at `ended`;
   * `queued`: others wait or run.
   */
  void settled(WidthStats& width, bool narrow, size_t count, bool queued, std::chrono::steady_clock::time_point ended) {
    if (queued && streak_ > 0 && narrow == last_narrow_ && count > 0) {
      // May be negative: two calls side by side can settle in the other order than they ended;
      // the turn's sum is still the time from the first end to the last.
      width.record(narrow, std::chrono::duration_cast<std::chrono::nanoseconds>(ended - last_).count() / static_cast<int64_t>(count));
    }
    streak_ = queued ? streak_ + 1 : 0;
    last_ = ended;
    last_narrow_ = narrow;
  }

  /** Settlements in a row with calls queued. */
  uint32_t streak() const { return streak_; }

 private:
  std::chrono::steady_clock::time_point last_;
  uint32_t streak_ = 0;  // 0: no calls queued at the last settlement, so the clock stopped
  bool last_narrow_ = false;
};

}  // namespace bridgegen
