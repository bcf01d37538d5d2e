// Turns bench results into the console table, bench/RESULTS.md and bench/results.json.

import type { MachineInfo } from './machine';
import { stats } from './measure';
import type { BenchResult, Row } from './types';

/** One benchmark's outcome in a run: its result, or why it could not run at all. */
export interface BenchOutcome {
  readonly id: string;
  readonly title: string;
  readonly seconds: number;
  readonly result?: BenchResult;
  readonly skipped?: string;
}

export interface RunReport {
  readonly machine: MachineInfo;
  readonly seconds: number;
  readonly benchmarks: readonly BenchOutcome[];
}

function num(x: number): string {
  if (x >= 1000) return Math.round(x).toLocaleString('en-US');
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  if (x >= 1 || x === 0) return x.toFixed(2);
  return x.toPrecision(2); // two significant digits: a ddot n=1e3 takes ~0.0005 ms
}

/** Table cells for one row: name, median, min–max, rounds, rate, note. */
function cells(row: Row): string[] {
  if (row.kind === 'skipped') return [row.name, '—', '—', '0', '—', `skipped: ${row.reason}`];
  const s = stats(row.samples);
  const rate = row.rate && row.unit === 'ms' ? `${num(row.rate.count / (s.median / 1000))} ${row.rate.unit}/s` : '—';
  return [row.name, `${num(s.median)} ${row.unit}`, `${num(s.min)}–${num(s.max)}`, String(s.n), rate, row.note ?? ''];
}

const HEAD = ['', 'median', 'min–max', 'rounds', 'rate', 'note'];

function ratioLines(r: BenchResult): string[] {
  return r.ratios.map((q) => {
    const goal = q.goal === undefined ? '' : ` (goal >= ${q.goal}x: ${q.value >= q.goal ? 'met' : 'NOT met'})`;
    return `${q.label}: ${q.value < 0.01 ? q.value.toPrecision(2) : q.value.toFixed(q.value < 10 ? 2 : 1)}x${goal}`;
  });
}

/** Plain-text table for the terminal. */
export function renderText(report: RunReport): string {
  const out: string[] = [];
  for (const b of report.benchmarks) {
    out.push('', `== ${b.title} (${b.seconds.toFixed(0)} s)`);
    if (!b.result) {
      out.push(`   skipped: ${b.skipped}`);
      continue;
    }
    const rows = [HEAD, ...b.result.rows.map(cells)];
    const width = HEAD.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const r of rows) out.push(`   ${r.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(i === 5 ? 0 : width[i]!))).join('  ')}`.trimEnd());
    for (const line of ratioLines(b.result)) out.push(`   ${line}`);
  }
  out.push('', `total ${report.seconds.toFixed(0)} s`);
  return out.join('\n');
}

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/** bench/RESULTS.md: machine, then one section per benchmark with its table, ratios and notes. */
export function renderMarkdown(report: RunReport): string {
  const m = report.machine;
  const out = [
    '# bridgegen benchmarks',
    '',
    'Written by `npm run bench` (scripts/bench/) — do not edit by hand; rerun it. Medians and min–max over',
    'repeated rounds; every ratio compares rows measured in this same run. Raw samples: `results.json`.',
    '',
    `* Date: ${m.date}`,
    `* CPU: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; ${m.os}; load average at start ${m.loadAverage.join(' / ')}`,
    `* Node ${m.node}; ${m.gfortran}; ${m.python}, NumPy ${m.numpy}`,
    `* bridgegen commit ${m.commit}; whole run ${report.seconds.toFixed(0)} s`,
  ];
  for (const b of report.benchmarks) {
    out.push('', `## ${b.title}`, '');
    if (!b.result) {
      out.push(`Skipped: ${b.skipped}`);
      continue;
    }
    out.push(`| ${HEAD.join(' | ')} |`, `|${HEAD.map((_, i) => (i === 0 || i === 5 ? '---' : '---:')).join('|')}|`);
    for (const r of b.result.rows) out.push(`| ${cells(r).map(mdCell).join(' | ')} |`);
    const ratios = ratioLines(b.result);
    if (ratios.length) out.push('', ...ratios.map((l) => `* **${l}**`));
    // A note starting with blanks is a sub-item of the note before it.
    if (b.result.notes.length) out.push('', ...b.result.notes.map((n) => (/^\s/.test(n) ? n : `* ${n}`)));
    out.push('', `(${b.seconds.toFixed(0)} s)`);
  }
  return `${out.join('\n')}\n`;
}

/** bench/results.json: everything, with raw samples and computed statistics. */
export function renderJson(report: RunReport): string {
  const benchmarks = report.benchmarks.map((b) => ({
    ...b,
    result: b.result && {
      ...b.result,
      rows: b.result.rows.map((r) => (r.kind === 'measured' ? { ...r, ...stats(r.samples) } : r)),
    },
  }));
  return `${JSON.stringify({ ...report, benchmarks }, null, 2)}\n`;
}
