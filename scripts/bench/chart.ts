// bench/chart.svg: the ratios of a run as grouped bar charts, for the README. Hand-written SVG (no
// dependencies). Each panel compares contenders with one baseline, group by group (one group per call that
// has a baseline row, e.g. `dsum(x) n=4: raw N-API` or `dgemm n=1024: C (OpenBLAS)`): a bar is the baseline's
// median time over the contender's, so above the 1x line is faster than the baseline. Log scale, bars grow
// up or down from 1x.

import { ratio } from './measure';
import type { RunReport } from './report';
import type { Row } from './types';

interface Series { readonly label: string; readonly row: string }
interface Panel { readonly bench: string; readonly title: string; readonly baseline: string; readonly series: readonly Series[] }

const PANELS: readonly Panel[] = [
  {
    bench: 'calls', baseline: 'raw N-API',
    title: 'Call overhead: calls per second relative to a hand-written raw N-API addon (1x)',
    series: [
      { label: 'bridgegen sync', row: 'bridgegen sync' }, { label: 'koffi', row: 'koffi' }, { label: 'F2Py', row: 'F2Py' },
      { label: 'SciPy', row: 'SciPy linalg.blas.ddot' }, { label: 'plain JS', row: 'plain JS' },
    ],
  },
  {
    bench: 'linalg', baseline: 'C (OpenBLAS)',
    title: 'Throughput relative to C calling the same OpenBLAS (1x)',
    series: [
      { label: 'bridgegen sync', row: 'bridgegen/linalg sync' }, { label: 'bridgegen async', row: 'bridgegen/linalg async, await each' },
      { label: 'SciPy', row: 'SciPy' }, { label: 'plain JS', row: 'plain JS' },
    ],
  },
];

const COLORS: Record<string, string> = {
  'bridgegen sync': '#2563eb', 'bridgegen async': '#7dd3fc', koffi: '#f59e0b', F2Py: '#16a34a', SciPy: '#86efac', 'plain JS': '#9ca3af',
};

interface Bar { readonly series: string; readonly value: number }
interface Group { readonly name: string; readonly bars: readonly Bar[] }

/** The groups of one panel: every `<group>: <baseline>` row of its benchmark, with the contenders measured. */
function groups(panel: Panel, rows: readonly Row[]): Group[] {
  const suffix = `: ${panel.baseline}`;
  const find = (name: string): Row | undefined => rows.find((r) => r.name === name);
  return rows.filter((r) => r.kind === 'measured' && r.name.endsWith(suffix)).map((base) => {
    const name = base.name.slice(0, -suffix.length);
    const bars = panel.series.flatMap((s) => {
      const q = ratio(s.label, base, find(`${name}: ${s.row}`));
      return q && Number.isFinite(q.value) && q.value > 0 ? [{ series: s.label, value: q.value }] : [];
    });
    return { name, bars };
  }).filter((g) => g.bars.length > 0);
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (v: number): string => (v >= 10 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toPrecision(v >= 0.1 ? 2 : 1));

const WIDTH = 960, LEFT = 56, RIGHT = 16, PLOT_H = 220, PANEL_H = 330;

/** One panel's SVG elements, its top edge at `top`. */
function panelSvg(panel: Panel, gs: readonly Group[], top: number): string[] {
  const out = [`<text x="${LEFT}" y="${top + 18}" class="title">${esc(panel.title)}</text>`];
  const values = gs.flatMap((g) => g.bars.map((b) => b.value));
  // From 0.001x (lower bars are cut there; their labels keep the value) or 0.1x up to 10x or more.
  const lo = Math.max(-3, Math.min(-1, Math.floor(Math.log10(Math.min(...values)))));
  const hi = Math.max(1, Math.ceil(Math.log10(Math.max(...values))));
  const plotTop = top + 34;
  const y = (v: number): number => plotTop + ((hi - Math.log10(v)) / (hi - lo)) * PLOT_H;
  const plotW = WIDTH - LEFT - RIGHT;
  for (let e = lo; e <= hi; e++) {
    const yy = y(10 ** e).toFixed(1);
    out.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${yy}" y2="${yy}" class="${e === 0 ? 'one' : 'grid'}"/>`,
      `<text x="${LEFT - 6}" y="${yy}" dy="3" class="tick">${e >= 0 ? `1${'0'.repeat(e)}` : `0.${'0'.repeat(-e - 1)}1`}x</text>`);
  }
  const gw = plotW / gs.length;
  gs.forEach((g, i) => {
    const bw = Math.min(26, (gw * 0.84) / g.bars.length);
    const x0 = LEFT + i * gw + (gw - bw * g.bars.length) / 2;
    g.bars.forEach((b, j) => {
      const x = x0 + j * bw, y1 = y(Math.max(b.value, 10 ** lo)), y0 = y(1);
      const [yt, h] = y1 < y0 ? [y1, y0 - y1] : [y0, y1 - y0];
      out.push(`<rect x="${x.toFixed(1)}" y="${yt.toFixed(1)}" width="${(bw - 2).toFixed(1)}" height="${Math.max(h, 0.5).toFixed(1)}" fill="${COLORS[b.series] ?? '#444'}"><title>${esc(`${g.name}: ${b.series} ${b.value.toPrecision(3)}x`)}</title></rect>`,
        `<text x="${(x + (bw - 2) / 2).toFixed(1)}" y="${(y1 < y0 ? yt - 3 : yt + h + 9).toFixed(1)}" class="val">${fmt(b.value)}</text>`);
    });
    out.push(`<text x="${(LEFT + i * gw + gw / 2).toFixed(1)}" y="${plotTop + PLOT_H + 26}" class="group">${esc(g.name)}</text>`);
  });
  // Legend: the series present in this panel.
  const present = panel.series.filter((s) => gs.some((g) => g.bars.some((b) => b.series === s.label)));
  let lx = LEFT;
  for (const s of present) {
    out.push(`<rect x="${lx}" y="${plotTop + PLOT_H + 38}" width="10" height="10" fill="${COLORS[s.label] ?? '#444'}"/>`,
      `<text x="${lx + 14}" y="${plotTop + PLOT_H + 47}" class="legend">${esc(s.label)}</text>`);
    lx += 24 + s.label.length * 6.5;
  }
  return out;
}

/** bench/chart.svg for a run: one panel per benchmark that ran with baseline rows. */
export function renderChart(report: RunReport): string {
  const panels = PANELS.flatMap((p) => {
    const rows = report.benchmarks.find((b) => b.id === p.bench)?.result?.rows ?? [];
    const gs = groups(p, rows);
    return gs.length ? [{ p, gs }] : [];
  });
  const height = panels.length * PANEL_H + 44;
  const body = panels.flatMap(({ p, gs }, i) => panelSvg(p, gs, i * PANEL_H));
  const foot = [
    `bridgegen ${report.machine.commit}, ${report.machine.date.slice(0, 10)}, ${report.machine.cpu} (${report.machine.cores} cores).`,
    'Medians of one `npm run bench` run (bench/RESULTS.md); log scale; above 1x is faster than the baseline.',
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    '<style>.title{font-size:14px;font-weight:bold}.tick{font-size:10px;text-anchor:end;fill:#555}.grid{stroke:#e5e7eb}' +
      '.one{stroke:#111;stroke-dasharray:4 3}.val{font-size:9px;text-anchor:middle;fill:#333}.group{font-size:11px;text-anchor:middle}' +
      '.legend{font-size:11px}.foot{font-size:10px;fill:#555}</style>',
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    ...body,
    ...foot.map((line, i) => `<text x="${LEFT}" y="${height - 24 + i * 14}" class="foot">${esc(line)}</text>`),
    '</svg>',
    '',
  ].join('\n');
}
