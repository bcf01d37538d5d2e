// Child process of the memory benchmark (memory.ts): one fresh Node process per measurement, printing its
// peak resident set size: VmHWM of /proc/self/status (KiB), the high-water mark of this process image, as the
// C driver reports it. Not process.resourceUsage().maxRSS: getrusage's ru_maxrss also counts what the
// spawning process had resident when it forked (measured: ~64 MiB under every baseline, 126 MiB for an
// empty node spawned by a node holding 128 MB). Plain JavaScript, run by node itself (no tsx in the baseline).
//
//   node rss-node.js LINALG_DIR DATA_DIR N THREADS MODE
//   MODE  empty      nothing loaded: the baseline of a Node process
//         load       require('bridgegen/linalg') only: the baseline with the addon and OpenBLAS loaded
//         dgemm      c = a b with a c allocated here and overwrite_c (as the C driver: a, b read, c zeroed)
//         dgemm-new  c = dgemm(1, a, b): bridgegen allocates the result (the default call)
'use strict';

const [linalgDir, dataDir, nArg, threads, mode] = process.argv.slice(2);

function report(extra) {
  const status = require('node:fs').readFileSync('/proc/self/status', 'utf8');
  const kib = Number(/^VmHWM:\s*(\d+)/m.exec(status)?.[1] ?? -1);
  process.stdout.write(`${JSON.stringify({ vmhwm_kib: kib, ...extra })}\n`);
}

function main() {
  if (mode === 'empty') return report({});
  const la = require(linalgDir);
  la.setBlasThreads(Number(threads));
  if (mode === 'load') return report({});
  const fs = require('node:fs');
  const n = Number(nArg);
  const read = (what) => {
    const buf = fs.readFileSync(`${dataDir}/${what}-${n}.bin`); // a 32 MiB file: its own ArrayBuffer, offset 0
    return { data: new Float64Array(buf.buffer, buf.byteOffset, n * n), shape: [n, n], order: 'column-major' };
  };
  const a = read('a'), b = read('b');
  let c;
  if (mode === 'dgemm') {
    c = la.blas.dgemm(1, a, b, 0, { data: new Float64Array(n * n), shape: [n, n], order: 'column-major' }, { overwrite_c: true });
  } else if (mode === 'dgemm-new') {
    c = la.blas.dgemm(1, a, b);
  } else {
    throw new Error(`rss-node.js: unknown mode ${mode}`);
  }
  let sum = 0;
  for (let i = 0; i < c.data.length; i++) sum += c.data[i];
  return report({ check: sum });
}

main();
