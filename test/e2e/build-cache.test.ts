// The default build runs the compilers itself (direct-build.ts) and keeps a precompiled runtime
// header and the compiled runtime in the user's cache (runtime-pch.ts): a cold build makes them in
// the background, later builds of any module use them, and a damaged or refused entry is made
// again, never used. The install step makes the entry of a build without options beforehand.
// `--build-system node-gyp` still builds through node-gyp from binding.gyp.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pchEntryAt, pchUsable, sealPch } from '../../src/build/runtime-pch';
import { fixture, ROOT, tempDir } from '../helpers/build';

const cache = tempDir('cache');

/** `bridgegen -v ARGS` with the test's cache folder. */
function build(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'bridgegen.js'), ...args, '-v'],
    { encoding: 'utf8', env: { ...process.env, BRIDGEGEN_CACHE_DIR: cache, ...env } });
  expect(r.status).toBe(0);
  return r.stderr;
}

function affine(dir: string): string {
  const script = `console.log(JSON.stringify(Array.from(require(${JSON.stringify(dir)}).affine(new Float64Array([1, 2]), 2, 1))))`;
  return spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout.trim();
}

function entries(): string[] {
  const dir = path.join(cache, 'pch');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => !n.startsWith('.')).map((n) => path.join(dir, n)) : [];
}

/** Waits for the background process of a cold build to finish the entry. */
async function madeEntry(): Promise<string> {
  for (let waited = 0; waited < 300_000; waited += 250) {
    const busy = fs.existsSync(path.join(cache, 'pch')) && fs.readdirSync(path.join(cache, 'pch')).some((n) => n.startsWith('.tmp-'));
    const [entry] = entries();
    if (entry && !busy) return entry;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('no precompiled header was made');
}

const gch = (entry: string) => path.join(entry, 'include', 'bridgegen', 'bridgegen.h.gch');
const usesEntry = (log: string, entry: string) => log.includes(`-I${path.join(entry, 'include')} `);
/** The glue declared the runtime's instances extern and the link took them from the entry's object. */
const linksRuntime = (log: string) => log.includes('-DBRIDGEGEN_SEPARATE_RUNTIME') && / build\/Release\/obj\/bridgegen_runtime\.o /.test(log);

describe('the precompiled runtime header', () => {
  let entry = '';

  it('is made after a cold build, which compiles without it', async () => {
    const out = path.join(tempDir('cold'), 'calls');
    const log = build([fixture('calls_free.f90'), '-m', 'calls', '-o', out]);
    expect(log).toMatch(/precompiling the runtime header/);
    expect(log).not.toMatch(/-Winvalid-pch/);
    expect(linksRuntime(log)).toBe(false);
    expect(affine(out)).toBe('[3,5]');
    entry = await madeEntry();
    expect(fs.statSync(gch(entry)).size).toBeGreaterThan(1_000_000);
    expect(fs.statSync(pchEntryAt(entry).runtime).size).toBeGreaterThan(10_000);
    expect(fs.readdirSync(path.join(entry, 'include', 'bridgegen'))).toContain('bridgegen.h');
  });

  it('is used by the next build of another module, in another folder', () => {
    const out = path.join(tempDir('warm'), 'calls2');
    const log = build([fixture('calls_free.f90'), '-m', 'calls2', '-o', out]);
    expect(usesEntry(log, entry)).toBe(true);
    expect(linksRuntime(log)).toBe(true);
    expect(log).not.toMatch(/precompiling the runtime header/);
    expect(entries()).toEqual([entry]);
    expect(affine(out)).toBe('[3,5]');
  });

  it('is made again, not used, when its runtime object is damaged', async () => {
    const object = pchEntryAt(entry).runtime;
    fs.truncateSync(object, fs.statSync(object).size - 1);
    const out = path.join(tempDir('damaged-object'), 'calls');
    const log = build([fixture('calls_free.f90'), '-m', 'calls', '-o', out]);
    expect(usesEntry(log, entry)).toBe(false);
    expect(linksRuntime(log)).toBe(false);
    expect(affine(out)).toBe('[3,5]');
    expect(await madeEntry()).toBe(entry);
    expect(pchUsable(pchEntryAt(entry))).toBe(true);
  });

  it('is made again, not used, when damaged', async () => {
    const file = gch(entry);
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(size / 2));
    fs.closeSync(fd);
    const out = path.join(tempDir('damaged'), 'calls');
    const log = build([fixture('calls_free.f90'), '-m', 'calls', '-o', out]);
    expect(usesEntry(log, entry)).toBe(false);
    expect(log).toMatch(/precompiling the runtime header/);
    expect(affine(out)).toBe('[3,5]');
    expect(await madeEntry()).toBe(entry);
    expect(fs.statSync(file).size).toBeGreaterThan(size / 2);
    expect(pchUsable(pchEntryAt(entry))).toBe(true);
  });

  it('is dropped, and the build still works, when GCC refuses it', () => {
    // As an entry made by another build of the compiler would be: GCC reads the header copies beside it.
    fs.writeFileSync(gch(entry), 'not a precompiled header');
    sealPch(pchEntryAt(entry));
    const out = path.join(tempDir('refused'), 'calls');
    const log = build([fixture('calls_free.f90'), '-m', 'calls', '-o', out]);
    expect(usesEntry(log, entry)).toBe(true);
    expect(log).toMatch(/bridgegen\.h\.gch: not a PCH file/);
    expect(linksRuntime(log)).toBe(true);  // compiled again without the header, still with the object
    expect(fs.existsSync(entry)).toBe(false);
    expect(affine(out)).toBe('[3,5]');
  });

  it('is not kept or looked for with BRIDGEGEN_NO_CACHE', () => {
    const before = entries();
    const out = path.join(tempDir('nocache'), 'calls');
    const log = build([fixture('calls_free.f90'), '-m', 'calls', '-o', out], { BRIDGEGEN_NO_CACHE: '1' });
    expect(log).not.toMatch(/precompiling|-Winvalid-pch/);
    expect(entries()).toEqual(before);
    expect(affine(out)).toBe('[3,5]');
  });
});

describe('the install step (dist/build/warm-cache.js, run by npm install and scripts/setup.sh)', () => {
  const installCache = tempDir('install-cache');
  const warm = () => spawnSync(process.execPath, [path.join(ROOT, 'dist', 'build', 'warm-cache.js')],
    { encoding: 'utf8', env: { ...process.env, BRIDGEGEN_CACHE_DIR: installCache } }).stdout;

  /** doctor's line (and fix) about the cache. */
  const doctorSays = () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'bridgegen.js'), 'doctor'],
      { encoding: 'utf8', env: { ...process.env, BRIDGEGEN_CACHE_DIR: installCache } });
    expect(r.status).toBe(0);  // an optional check: it does not fail doctor
    const lines = r.stdout.split('\n');
    const at = lines.findIndex((line) => / Build cache /.test(line));
    return lines.slice(at, lines[at + 1]?.trim().startsWith('fix:') ? at + 2 : at + 1).join('\n');
  };

  it('makes the entry that the first build without options uses; doctor tells whether it is there', () => {
    const before = doctorSays();
    expect(before).toMatch(/^MISSING Build cache .*none yet for builds without options/);
    expect(before).toMatch(/fix: node \S*dist\/build\/warm-cache\.js/);
    const said = warm();
    expect(said).toMatch(/compiled the runtime cache/);
    const entry = /\((.*)\)/.exec(said)?.[1] ?? '';
    expect(pchUsable(pchEntryAt(entry))).toBe(true);
    const out = path.join(tempDir('first'), 'calls');
    const log = build([fixture('calls_free.f90'), '-m', 'calls', '-o', out], { BRIDGEGEN_CACHE_DIR: installCache });
    expect(usesEntry(log, entry)).toBe(true);
    expect(linksRuntime(log)).toBe(true);
    expect(log).not.toMatch(/precompiling the runtime header/);
    expect(affine(out)).toBe('[3,5]');
    expect(warm()).toMatch(/runtime cache is ready/);
    expect(doctorSays()).toMatch(/^ok +Build cache .*\(1 precompiled runtime header\); ready for builds without options$/);
  });

  it('is run by npm install (linalg/install.js) in an installed bridgegen, not in a clone', () => {
    // An installed package: no src/, dist/ beside linalg/ (linked to this checkout's).
    const installed = tempDir('installed');
    fs.mkdirSync(path.join(installed, 'linalg'));
    fs.copyFileSync(path.join(ROOT, 'linalg', 'install.js'), path.join(installed, 'linalg', 'install.js'));
    fs.symlinkSync(path.join(ROOT, 'dist'), path.join(installed, 'dist'));
    const install = (dir: string) => spawnSync(process.execPath, [path.join(dir, 'linalg', 'install.js')],
      { encoding: 'utf8', env: { ...process.env, BRIDGEGEN_CACHE_DIR: installCache, BRIDGEGEN_SKIP_LINALG: '1' } });
    const r = install(installed);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/runtime cache is ready/);
    expect(install(ROOT).stdout).toBe('');  // a clone: scripts/setup.sh does it after building dist/
  });

  it('says so and makes nothing with BRIDGEGEN_NO_CACHE', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'build', 'warm-cache.js')],
      { encoding: 'utf8', env: { ...process.env, BRIDGEGEN_CACHE_DIR: tempDir('no-cache'), BRIDGEGEN_NO_CACHE: '1' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/no runtime cache: BRIDGEGEN_NO_CACHE is set/);
  });
});

it('--build-system node-gyp builds through node-gyp from binding.gyp', () => {
  const out = path.join(tempDir('gyp'), 'calls');
  const log = build([fixture('calls_free.f90'), '-m', 'calls', '-o', out, '--build-system', 'node-gyp']);
  expect(log).toMatch(/configuring \(node-gyp\)/);
  expect(fs.existsSync(path.join(out, 'build', 'Makefile'))).toBe(true);
  expect(affine(out)).toBe('[3,5]');
});

it('doctor reports the cache folder', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'bridgegen.js'), 'doctor'],
    { encoding: 'utf8', env: { ...process.env, BRIDGEGEN_CACHE_DIR: cache } });
  expect(r.status).toBe(0);
  // The test's builds use this folder, and whether the entry of a build without options is made yet depends on their order.
  expect(r.stdout).toMatch(new RegExp(`^(ok     |MISSING) Build cache +${cache.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ precompiled runtime headers?\\); `, 'm'));
});
