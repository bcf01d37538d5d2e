// A generated package beyond node-gyp: built with cmake-js from its CMakeLists.txt, and
// prebuilt with `npm run prebuildify` (N-API only) into prebuilds/, which loads with build/
// removed; the loader's override variable and its error when nothing loads.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeDir } from '../../src/build/toolchain';
import { cli, fixture, ROOT, tempDir } from '../helpers/build';

/** Calls the module in a fresh Node process; returns what it printed, or the error's message. */
function call(dir: string, env: NodeJS.ProcessEnv = {}): string {
  const script = `
    try { console.log(JSON.stringify(Array.from(require(${JSON.stringify(dir)}).affine(new Float64Array([1, 2]), 2, 1)))); }
    catch (e) { console.log(e.code + '\\n' + e.message); }`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, ...env } });
  expect(run.stderr).toBe('');
  return run.stdout.trim();
}

/** The V8 symbols a shared object imports (none in an N-API-only build). */
function v8Imports(file: string): string[] {
  const nm = spawnSync('nm', ['-D', '--undefined-only', file], { encoding: 'utf8' });
  expect(nm.status).toBe(0);
  return nm.stdout.split('\n').filter((l) => /_ZN\w*2v8/.test(l));
}

describe('--build-system cmake', () => {
  it('builds the package with cmake-js from CMakeLists.txt, and it works', () => {
    const out = path.join(tempDir('cmake'), 'calls');
    const r = cli([fixture('calls_free.f90'), '-m', 'calls', '-o', out, '--build-system', 'cmake', '-q']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(fs.existsSync(path.join(out, 'build', 'CMakeCache.txt'))).toBe(true);
    expect(call(out)).toBe('[3,5]');
    const pkg = JSON.parse(fs.readFileSync(path.join(out, 'package.json'), 'utf8'));
    expect(pkg.scripts.build).toBe('cmake-js rebuild');
    expect(pkg.dependencies['cmake-js']).toMatch(/^\^\d/);
  });

  it('rejects an unknown build system', () => {
    const r = cli([fixture('calls_free.f90'), '--build-system', 'scons']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--build-system takes gyp \(or node-gyp\) or cmake, not scons/);
  });
});

describe('prebuilds', () => {
  const out = path.join(tempDir('prebuild'), 'calls');

  it('gen writes both build files and the prebuildify script', () => {
    const r = cli(['gen', fixture('calls_free.f90'), '-m', 'calls', '-o', out, '-q']);
    expect(r.status).toBe(0);
    for (const file of ['binding.gyp', 'CMakeLists.txt', 'load-addon.js']) expect(fs.existsSync(path.join(out, file))).toBe(true);
    const pkg = JSON.parse(fs.readFileSync(path.join(out, 'package.json'), 'utf8'));
    expect(pkg.scripts).toEqual({ install: 'node-gyp-build', build: 'node-gyp rebuild', prebuildify: 'prebuildify --napi --strip' });
    expect(pkg.files).toContain('prebuilds/');
  });

  it('says what it tried and how to build when nothing is built', () => {
    const text = call(out);
    expect(text).toMatch(/^ERR_BRIDGEGEN_NOT_BUILT\ncalls: the native module did not load\. Tried:/);
    expect(text).toContain(`${path.join(out, 'prebuilds', `${process.platform}-${process.arch}`)}${path.sep}: no prebuild for this Node`);
    expect(text).toContain(`${path.join(out, 'build', 'Release', 'calls.node')}: not found`);
    expect(text).toMatch(/npm run build/);
    expect(text).toMatch(/set CALLS_ADDON/);
  });

  it('npm run prebuildify makes an N-API-only prebuild that loads with build/ removed', () => {
    // As after `npm install` in the package: its devDependencies (prebuildify) and node-addon-api.
    const env = {
      ...process.env,
      PATH: `${path.join(ROOT, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}`,
      NODE_PATH: path.join(ROOT, 'node_modules'),
      npm_config_nodedir: nodeDir(),
    };
    const r = spawnSync('npm', ['run', 'prebuildify'], { cwd: out, encoding: 'utf8', env });
    expect(r.status).toBe(0);
    fs.rmSync(path.join(out, 'build'), { recursive: true, force: true });
    const prebuilds = path.join(out, 'prebuilds', `${process.platform}-${process.arch}`);
    expect(fs.readdirSync(prebuilds)).toEqual(['calls.node']);
    expect(v8Imports(path.join(prebuilds, 'calls.node'))).toEqual([]);
    expect(call(out)).toBe('[3,5]');
  });

  it('loads the file the override variable names, and only that one', () => {
    const prebuild = path.join(out, 'prebuilds', `${process.platform}-${process.arch}`, 'calls.node');
    const moved = path.join(path.dirname(out), 'elsewhere.node');
    fs.copyFileSync(prebuild, moved);
    expect(call(out, { CALLS_ADDON: moved })).toBe('[3,5]');
    const missing = path.join(path.dirname(out), 'missing.node');
    const text = call(out, { CALLS_ADDON: missing });
    expect(text).toMatch(/did not load \(CALLS_ADDON is set\)\. Tried:/);
    expect(text).toContain(`${missing}: not found`);
    expect(text).not.toContain(prebuild);
  });
});

it('a from-source build uses V8 for its typed-array test', () => {
  // The other side of the prebuild check above: nm finds V8 imports when there are some.
  const out = path.join(tempDir('v8'), 'calls');
  expect(cli([fixture('calls_free.f90'), '-m', 'calls', '-o', out, '-q']).status).toBe(0);
  expect(v8Imports(path.join(out, 'build', 'Release', 'calls.node')).length).toBeGreaterThan(0);
});
