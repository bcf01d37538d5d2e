// bridgegen demo (`npm run demo`): compiles fortran/examples/heat.f90 into an npm package
// with the bridgegen CLI, calls it from TypeScript, sync and async, and times it against the
// same algorithms in plain TypeScript (examples/heat-js.ts).
//
// Calls follow DESIGN.md 1.2-1.4: sizes that dimension an input array (n, m) are inferred
// and not passed; the intent(out) argument is the result; rank-2 arrays travel as
// ndarray-like objects { data, shape, order } in column-major order.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as js from './heat-js';

// --- the generated module's interface (what its index.d.ts declares) ----------------------

/** A rank >= 2 array input: any ndarray-like object (DESIGN.md 1.4). */
interface NdArrayLike {
  data: Float64Array;
  shape: number[];
  strides?: number[];
  offset?: number;
  order?: 'column-major' | 'row-major';
}
/** A rank >= 2 array result. */
interface NdArray {
  data: Float64Array;
  shape: number[];
  strides: number[];
  offset: number;
  order: 'column-major';
  dtype: string;
}
interface HeatModule {
  heat_steps(u: Float64Array, alpha: number, dt: number, dx: number, steps: number, opt?: { n?: number }): Float64Array;
  heat_stepsAsync(u: Float64Array, alpha: number, dt: number, dx: number, steps: number, opt?: { n?: number }): Promise<Float64Array>;
  jacobi(f: NdArrayLike, h: number, iters: number, opt?: { n?: number; m?: number }): NdArray;
  jacobiAsync(f: NdArrayLike, h: number, iters: number, opt?: { n?: number; m?: number }): Promise<NdArray>;
  residual_norm(u: NdArrayLike, f: NdArrayLike, h: number, opt?: { n?: number; m?: number }): number;
  residual_normAsync(u: NdArrayLike, f: NdArrayLike, h: number, opt?: { n?: number; m?: number }): Promise<number>;
}

// --- helpers -------------------------------------------------------------------------------

const RUNS = 7; // timed runs per variant (after one warm-up); the median is reported
const TOL = 1e-12; // Fortran and JS must agree to this relative (max-norm) difference

function ms(t0: bigint, t1: bigint): number {
  return Number(t1 - t0) / 1e6;
}
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2;
}
function timeSync<T>(fn: () => T): { ms: number; result: T } {
  let result = fn(); // warm-up (JIT, page faults)
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint();
    result = fn();
    times.push(ms(t0, process.hrtime.bigint()));
  }
  return { ms: median(times), result };
}
async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  let result = await fn();
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint();
    result = await fn();
    times.push(ms(t0, process.hrtime.bigint()));
  }
  return { ms: median(times), result };
}

/** max |a - b| / max |b| (a max-norm relative difference; 0 when both are all zeros). */
function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let d = 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    s = Math.max(s, Math.abs(b[i]));
  }
  return s === 0 ? d : d / s;
}

/** Copies an n x m result into a dense column-major Float64Array, honouring its strides. */
function toColumnMajor(a: NdArray, n: number, m: number): Float64Array {
  if (a.shape.length !== 2 || a.shape[0] !== n || a.shape[1] !== m) {
    throw new Error(`expected shape [${n}, ${m}], got [${a.shape.join(', ')}]`);
  }
  const out = new Float64Array(n * m);
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < n; i++) out[i + j * n] = a.data[a.offset + i * a.strides[0] + j * a.strides[1]];
  }
  return out;
}

const failures: string[] = [];
function check(label: string, diff: number): string {
  const ok = diff <= TOL;
  if (!ok) failures.push(`${label}: relative difference ${diff.toExponential(2)} > ${TOL}`);
  return `${ok ? 'ok ' : 'BAD'} ${diff.toExponential(1)}`;
}

// --- 1. build the module -------------------------------------------------------------------

const root = path.resolve(__dirname, '..');
const out = path.join('build', 'demo', 'heat');
const cli = ['bin/bridgegen.js', 'fortran/examples/heat.f90', '-o', out];
console.log(`$ node ${cli.join(' ')}`);
const built = spawnSync(process.execPath, cli, { cwd: root, stdio: 'inherit' });
if (built.error) throw built.error;
if (built.status !== 0) {
  console.error(`bridgegen failed (exit ${built.status ?? built.signal})`);
  process.exit(built.status || 1);
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const heat = require(path.join(root, out)) as HeatModule;

async function main(): Promise<void> {
  const rows: { name: string; sync: number; async: number; js: number }[] = [];

  // --- 2. 1-D heat equation: u(x, 0) = sin(pi x) + 0.5 sin(5 pi x) on [0, 1], u = 0 at the ends
  const n = 2000;
  const steps = 2000;
  const alpha = 1.0;
  const dx = 1 / (n - 1);
  const dt = (0.4 * dx * dx) / alpha; // r = 0.4 <= 1/2: stable
  const u0 = new Float64Array(n);
  for (let i = 0; i < n; i++) u0[i] = Math.sin(Math.PI * i * dx) + 0.5 * Math.sin(5 * Math.PI * i * dx);

  const hs = timeSync(() => heat.heat_steps(u0, alpha, dt, dx, steps));
  const ha = await timeAsync(() => heat.heat_stepsAsync(u0, alpha, dt, dx, steps));
  const hj = timeSync(() => js.heatSteps(u0, alpha, dt, dx, steps));
  if (!(hs.result instanceof Float64Array)) throw new TypeError('heat_steps should return a Float64Array');

  const t = steps * dt; // the exact solution decays each sine mode by exp(-alpha k^2 pi^2 t)
  let err = 0;
  for (let i = 0; i < n; i++) {
    const x = i * dx;
    const exact =
      Math.exp(-alpha * Math.PI ** 2 * t) * Math.sin(Math.PI * x) +
      0.5 * Math.exp(-25 * alpha * Math.PI ** 2 * t) * Math.sin(5 * Math.PI * x);
    err = Math.max(err, Math.abs(hs.result[i] - exact));
  }
  console.log(`\nheat_steps: n=${n}, ${steps} steps to t=${t.toExponential(3)}; max |u - exact| = ${err.toExponential(2)}`);
  console.log(`  Fortran vs JS:    ${check('heat_steps vs JS', relDiff(hs.result, hj.result))}`);
  console.log(`  async vs sync:    ${check('heat_stepsAsync vs heat_steps', relDiff(ha.result, hs.result))}`);
  rows.push({ name: `heat_steps (n=${n}, ${steps} steps)`, sync: hs.ms, async: ha.ms, js: hj.ms });

  // --- 3. 2-D Poisson equation on [0, 1] x [0, 0.75]: f chosen so u = sin(pi x/Lx) sin(pi y/Ly)
  const nx = 81;
  const ny = 61; // n != m on purpose: a transposed array would not go unnoticed
  const iters = 4000;
  const h = 1 / (nx - 1);
  const lx = (nx - 1) * h;
  const ly = (ny - 1) * h;
  const fdata = new Float64Array(nx * ny); // column-major: f(i, j) at i + j*nx
  const exact2 = new Float64Array(nx * ny);
  const k2 = Math.PI ** 2 * (1 / lx ** 2 + 1 / ly ** 2);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const e = Math.sin((Math.PI * i * h) / lx) * Math.sin((Math.PI * j * h) / ly);
      exact2[i + j * nx] = e;
      fdata[i + j * nx] = -k2 * e;
    }
  }
  const f: NdArrayLike = { data: fdata, shape: [nx, ny], order: 'column-major' };

  const jsync = timeSync(() => heat.jacobi(f, h, iters));
  const ja = await timeAsync(() => heat.jacobiAsync(f, h, iters));
  const jj = timeSync(() => js.jacobi(fdata, nx, ny, h, iters));
  const u = jsync.result;
  if (u.order !== 'column-major' || u.dtype !== 'float64') {
    throw new TypeError(`jacobi result: expected column-major float64, got ${u.order} ${u.dtype}`);
  }
  const uF = toColumnMajor(u, nx, ny);

  const res0 = heat.residual_norm({ data: new Float64Array(nx * ny), shape: [nx, ny], order: 'column-major' }, f, h);
  const rs = heat.residual_norm(u, f, h); // the result goes straight back in
  const rj = js.residualNorm(jj.result, fdata, nx, ny, h);
  const rAsync = await heat.residual_normAsync(u, f, h);
  console.log(
    `\njacobi: ${nx}x${ny} grid, ${iters} sweeps; residual ${res0.toExponential(2)} -> ${rs.toExponential(2)},` +
      ` max |u - exact| = ${relDiff(uF, exact2).toExponential(2)}`,
  );
  console.log(`  Fortran vs JS:    ${check('jacobi vs JS', relDiff(uF, jj.result))}`);
  console.log(`  async vs sync:    ${check('jacobiAsync vs jacobi', relDiff(toColumnMajor(ja.result, nx, ny), uF))}`);
  console.log(`  residual_norm:    ${check('residual_norm vs JS', relDiff([rs], [rj]))}`);
  console.log(`  residual async:   ${check('residual_normAsync vs residual_norm', relDiff([rAsync], [rs]))}`);
  rows.push({ name: `jacobi (${nx}x${ny}, ${iters} sweeps)`, sync: jsync.ms, async: ja.ms, js: jj.ms });

  // --- 4. the event loop stays free during an async call -----------------------------------
  const longSteps = 10 * steps;
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 1);
  let t0 = process.hrtime.bigint();
  const pending = heat.heat_stepsAsync(u0, alpha, dt, dx, longSteps);
  await pending;
  const asyncMs = ms(t0, process.hrtime.bigint());
  const asyncTicks = ticks;
  ticks = 0;
  t0 = process.hrtime.bigint();
  heat.heat_steps(u0, alpha, dt, dx, longSteps);
  const syncMs = ms(t0, process.hrtime.bigint());
  const syncTicks = ticks; // timers cannot fire while the sync call runs
  clearInterval(ticker);
  console.log(`\nevent loop, 1 ms ticker, heat_steps with ${longSteps} steps:`);
  console.log(`  heat_stepsAsync: ${asyncMs.toFixed(1)} ms, ${asyncTicks} ticks (loop free)`);
  console.log(`  heat_steps:      ${syncMs.toFixed(1)} ms, ${syncTicks} ticks (loop blocked)`);

  // --- 5. the table ------------------------------------------------------------------------
  const fmt = (x: number): string => `${x.toFixed(2)} ms`;
  const header = ['routine', 'sync Fortran', 'async Fortran', 'plain JS', 'speedup'];
  const table = rows.map((r) => [r.name, fmt(r.sync), fmt(r.async), fmt(r.js), `${(r.js / r.sync).toFixed(1)}x`]);
  const widths = header.map((_, c) => Math.max(header[c].length, ...table.map((r) => r[c].length)));
  const line = (r: string[]): string => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log(`\nmedian of ${RUNS} runs (speedup = plain JS / sync Fortran):`);
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of table) console.log(line(r));

  if (failures.length) {
    console.error(`\nFAILED: Fortran and JS disagree:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`\nok: Fortran and plain JS agree to ${TOL} (relative)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
