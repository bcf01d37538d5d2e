// Calls every routine of a built module with random argument lists (seeded) and reports any
// outcome other than a result, a TypeError or a RangeError. Run in a child process by
// test/e2e/fuzz.test.ts, so a crash is seen as a failure rather than taking jest down.
'use strict';
const [dir, seedText, countText] = process.argv.slice(2);
const m = require(dir);
let seed = Number(seedText) >>> 0 || 1;
const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
const pick = (list) => list[Math.floor(random() * list.length)];
const detached = () => { const a = new Float64Array(8); structuredClone(a.buffer, { transfer: [a.buffer] }); return a; };
const values = () => [
  undefined, null, NaN, Infinity, -Infinity, 0, -1, 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1.5, 1e308, 'x', '', 'hello world, too long?',
  true, false, 3n, -(2n ** 63n), 2n ** 64n, [], [1, 2, 3], [[1, 2], [3, 4]], [[1], [2, 3]], [{ re: 1, im: 2 }], [['a']], ['ab', 'cde'],
  {}, { n: 3 }, { n: -5 }, { n: 2 ** 40 }, { data: new Float64Array(4), shape: [2, 2] }, { data: new Float64Array(4), shape: [2, 3] },
  { data: new Float64Array(4), shape: [-1, 2] }, { data: new Float64Array(4), shape: [2, 2], strides: [100, 1] },
  { data: new Float64Array(4), shape: [2, 2], offset: 3 }, { data: [1, 2], shape: [2] }, { data: 'abc', shape: [3] }, { re: 1, im: 'x' },
  new Float64Array(0), new Float64Array(7), new Float32Array(5), new Int32Array(3).fill(2), new Uint8Array(4), new BigInt64Array(2),
  new Int8Array(3), new Int16Array(2), detached(), new Float64Array(new ArrayBuffer(64), 8, 3), Symbol('s'), () => 1, (x) => x,
  () => { throw new Error('callback'); }, new Proxy({}, { get() { throw new Error('trap'); } }),
  Object.defineProperty({}, 'n', { get() { throw new Error('getter'); }, enumerable: true }),
];
const expected = (e) => e instanceof TypeError || e instanceof RangeError || /trap|getter|callback/.test(String(e && e.message));
const functions = [];
const collect = (object, prefix) => {
  for (const [name, value] of Object.entries(object)) {
    if (typeof value === 'function') functions.push([`${prefix}${name}`, value]);
    else if (value && typeof value === 'object' && !ArrayBuffer.isView(value) && !Array.isArray(value)) collect(value, `${prefix}${name}.`);
  }
};
collect(m, '');
(async () => {
  let results = 0, errors = 0;
  for (let i = 0; i < Number(countText); i++) {
    const [name, fn] = pick(functions);
    const args = Array.from({ length: Math.floor(random() * 6) }, () => pick(values()));
    try {
      const r = fn(...args);
      if (r && typeof r.then === 'function') await r;
      results++;
    } catch (e) {
      if (!expected(e)) { console.log(JSON.stringify({ unexpected: name, error: String(e && e.stack || e) })); process.exit(3); }
      errors++;
    }
  }
  console.log(JSON.stringify({ results, errors }));
})();
