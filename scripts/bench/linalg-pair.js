// One round of a bridgegen contender against the C driver, in alternating bursts (linalg.ts's throughput rows).
//
//   node linalg-pair.js JOB
//
// JOB (JSON): {"c": [command, ...args] or null (no C driver), "node": [command, ...args], "threads": OpenBLAS threads for C,
//              "cCalls": C's calls a burst, "calls": the contender's calls a burst, "bursts": the contender's bursts}
// Starts both servers (blas-c --serve, linalg-node.js {"serve": ...}), each warmed up while the other waits, then
// runs C, contender, C, ..., C: `bursts` bursts of the contender, each between two of C. Prints
// {"c": C's ms per call, "node": the contender's, "cBursts", "nodeBursts": each burst's, "cServer": C's first and
// last lines, "nodeHeap": the contender's last line} (without C: "c", "cBursts" and "cServer" null).
//
// Why bursts: this VM's speed moves over seconds (its two vCPUs at times give two threads one core's speed), and
// processes run one after another met different machines: a round's own ratio spread over 0.7-1.7x. Bursts of
// ~25 ms, alternating, see the same moments. Why the waiting process is stopped (SIGSTOP): OpenBLAS's idle
// threads spin for ~0.1 s after a call, and would take a core from the process being timed.
'use strict';

const { spawn } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');

/** Every server started: killed when this process ends before them (an error, a signal), so none is left stopped. */
const started = [];
process.on('exit', () => started.forEach((child) => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => process.exit(128 + os.constants.signals[signal]));

/** A server process: its lines in order, each awaited by next(); stopped and continued around its bursts. */
function server(argv, env) {
  const child = spawn(argv[0], argv.slice(1), { env, stdio: ['pipe', 'pipe', 'inherit'] });
  started.push(child);
  const lines = [];
  const waiting = [];
  let ended = null;
  const name = path.basename(argv[0] === process.execPath ? argv[1] : argv[0]);
  const output = readline.createInterface({ input: child.stdout });
  output.on('line', (line) => (waiting.length ? waiting.shift().resolve(line) : lines.push(line)));
  // On the end of its output, not on 'exit': the last lines may be read after the process is gone.
  output.on('close', () => {
    ended = new Error(`${name} ended before it answered (its error above)`);
    for (const w of waiting.splice(0)) w.reject(ended);
  });
  const next = () => (lines.length ? Promise.resolve(lines.shift()) : ended ? Promise.reject(ended)
    : new Promise((resolve, reject) => waiting.push({ resolve, reject })));
  return {
    next,
    /** Continues the server, asks for `calls` timed calls, stops it again once it answers: their ms per call. */
    async burst(calls) {
      child.kill('SIGCONT');
      child.stdin.write(`${calls}\n`);
      const ms = Number(await next());
      child.kill('SIGSTOP');
      if (!(ms > 0)) throw new Error(`${name}: no time for ${calls} calls`);
      return ms;
    },
    stop: () => child.kill('SIGSTOP'),
    /** Continues it and ends its input: its last line. */
    async finish() {
      child.kill('SIGCONT');
      child.stdin.end();
      const last = await next();
      await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', resolve)));
      return last;
    },
  };
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function main([jobText]) {
  const job = JSON.parse(jobText);
  const c = job.c ? server(job.c, { ...process.env, OPENBLAS_NUM_THREADS: String(job.threads) }) : null;
  const cReady = c ? await c.next() : null;
  c?.stop();
  const node = server(job.node, process.env);
  await node.next();
  node.stop();
  const cMs = [], nodeMs = [];
  const cBurst = async () => c && cMs.push(await c.burst(job.cCalls));
  await cBurst();
  for (let b = 0; b < job.bursts; b++) {
    nodeMs.push(await node.burst(job.calls));
    await cBurst();
  }
  const cLast = c ? await c.finish() : null;
  const nodeHeap = JSON.parse(await node.finish());
  const result = {
    c: c ? mean(cMs) : null, node: mean(nodeMs), cBursts: c ? cMs : null, nodeBursts: nodeMs,
    cServer: c ? { ...JSON.parse(cReady), ...JSON.parse(cLast) } : null, nodeHeap,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main(process.argv.slice(2)).catch((err) => {
  // The message last: the bench reports the last line.
  process.stderr.write(`${err && err.stack ? err.stack : String(err)}\n${err && err.message ? err.message : ''}\n`);
  process.exit(1);
});
