// Timing helpers for benchmarks: rounds of in-process work, timed child processes, medians and ratios.

import { spawnSync } from 'node:child_process';
import type { MeasuredRow, Ratio, Row, SkippedRow } from './types';

export interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly n: number;
}

export function stats(samples: readonly number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, min: s[0]!, max: s[s.length - 1]!, n: s.length };
}

/** Runs `fn` `warmup` times untimed, then `rounds` times, returning wall-clock ms per round. */
export async function timeRounds(rounds: number, warmup: number, fn: () => unknown): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return out;
}

export interface ExecResult {
  readonly ms: number;
  readonly status: number | null;
  readonly stderr: string;
}

/** Runs a command to completion with stdout discarded, timing it wall-clock (start-up included). */
export function execTimed(cmd: string, args: readonly string[], cwd?: string, env?: NodeJS.ProcessEnv): ExecResult {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, {
    cwd,
    env: env ?? process.env,
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, status: r.error ? null : r.status, stderr: r.error ? String(r.error) : (r.stderr ?? '') };
}

/** First line of a command's output (stdout, else stderr), or undefined when it cannot run. */
export function versionOf(cmd: string, args: readonly string[]): string | undefined {
  const r = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error || r.status !== 0) return undefined;
  return `${r.stdout}\n${r.stderr}`.trim().split('\n')[0]?.trim() || undefined;
}

export function measured(
  name: string, unit: string, samples: readonly number[],
  extra: { better?: 'lower' | 'higher'; rate?: MeasuredRow['rate']; note?: string } = {},
): MeasuredRow {
  return { kind: 'measured', name, unit, better: extra.better ?? 'lower', samples, rate: extra.rate, note: extra.note };
}

export function skipped(name: string, reason: string): SkippedRow {
  return { kind: 'skipped', name, reason };
}

/**
 * How many times better `row` is than `baseline`, from medians of this run (time rows: baseline/row;
 * throughput rows: row/baseline). Undefined when either row is missing or was skipped.
 */
export function ratio(label: string, baseline: Row | undefined, row: Row | undefined, goal?: number): Ratio | undefined {
  if (baseline?.kind !== 'measured' || row?.kind !== 'measured') return undefined;
  const b = stats(baseline.samples).median;
  const r = stats(row.samples).median;
  const value = row.better === 'lower' ? b / r : r / b;
  return { label, value, goal };
}

/**
 * Like ratio(), for rows measured round by round in turn (the k-th samples of both in the same round):
 * the median of the rounds' own ratios. A machine whose speed drifts between rounds then slows both
 * sides of each ratio alike, where the two medians could fall at different speeds. Medians when the
 * rows have different numbers of rounds (a contender that stopped).
 */
export function pairedRatio(label: string, baseline: Row | undefined, row: Row | undefined, goal?: number): Ratio | undefined {
  if (baseline?.kind !== 'measured' || row?.kind !== 'measured') return undefined;
  if (baseline.samples.length !== row.samples.length) return ratio(label, baseline, row, goal);
  const perRound = baseline.samples.map((b, k) => (row.better === 'lower' ? b / row.samples[k]! : row.samples[k]! / b));
  return { label, value: stats(perRound).median, goal };
}
