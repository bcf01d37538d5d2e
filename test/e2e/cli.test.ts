// The command line as a user meets it: help, exit statuses, every diagnostic with its position,
// compiler messages on build failure, atomic output folders, no-op rebuilds, and the module
// behaving in a plain Node process (real realm: instanceof TypeError / Float64Array).

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, fixture, tempDir } from '../helpers/build';

const errors = (name: string) => fixture(path.join('errors', name));

describe('bridgegen CLI', () => {
  it('prints help and exits 0', () => {
    const r = cli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/usage: bridgegen \[build\] FILE\.\.\./);
  });

  it('reports the toolchain with doctor', () => {
    const r = cli(['doctor']);
    expect(r.status).toBe(0);
    for (const line of [/^ok +Fortran compiler +GNU Fortran/m, /^ok +Node\.js headers +\//m, /^ok +BLAS +/m, /^ok +LAPACK +/m]) {
      expect(r.stdout).toMatch(line);
    }
  });

  it('rejects unknown options with exit status 1', () => {
    const r = cli(['--frobnicate', 'x.f90']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/unknown option --frobnicate/);
  });

  it('reports every input error as file:line:col with the line and a caret, exit 1, no output', () => {
    const out = path.join(tempDir('bad'), 'bad');
    const r = cli([errors('bad_decls.f90'), '-o', out]);
    expect(r.status).toBe(1);
    const file = errors('bad_decls.f90');
    expect(r.stderr).toContain(`${file}:3:13: error: cannot resolve kind 'wp'`);
    expect(r.stderr).toContain(`${file}:8:28: error: missing ')'`);
    expect(r.stderr.indexOf(':3:13:')).toBeLessThan(r.stderr.indexOf(':8:28:'));
    expect(r.stderr).toMatch(/ {4}real\(8\), intent\(out\) :: y\(n\n {29}\^/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('rejects files it cannot read or does not know', () => {
    const r = cli(['missing.f90', 'notes.txt', '-o', path.join(tempDir('missing'), 'x')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/missing\.f90:1:1: error: cannot read/);
    expect(r.stderr).toMatch(/notes\.txt:1:1: error: unknown file type/);
  });

  it('prints the IR as JSON with the contract fields', () => {
    const r = cli(['parse', fixture('calls_free.f90'), '--json']);
    expect(r.status).toBe(0);
    const ir = JSON.parse(r.stdout);
    const vsum = ir.routines.find((x: { name: string }) => x.name === 'vsum');
    expect(vsum).toMatchObject({ name: 'vsum', kind: 'function', doc: expect.stringContaining('Sum of a vector') });
    expect(vsum.args[0]).toMatchObject({ name: 'x', type: 'real', kind: 8, rank: 1, dims: ['n'], intent: 'in', optional: false, hidden: false });
    expect(vsum.args[1]).toMatchObject({ name: 'n', type: 'integer', kind: 4, rank: 0, optional: true });
    expect(ir.modules).toEqual([]);
  });
});

describe('building', () => {
  const work = tempDir('cli');
  const out = path.join(work, 'calls');
  const addon = path.join(out, 'build', 'Release', 'calls.node');

  it('builds a package that loads in a plain Node process', () => {
    const r = cli([fixture('calls_free.f90'), '-o', out, '-m', 'calls']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/built: calls \(18 routines\)/);
    for (const file of ['package.json', 'index.js', 'index.mjs', 'index.d.ts', 'binding.gyp', 'src/calls.cc', 'src/calls_shim.f90']) {
      expect(fs.existsSync(path.join(out, file))).toBe(true);
    }
    const script = `
      const m = require(${JSON.stringify(out)});
      const y = m.affine(new Float64Array([1, 2]), 2, 1);
      let typeError = false;
      try { m.vsum('x'); } catch (e) { typeError = e instanceof TypeError && e.code === 'ERR_BRIDGEGEN_ARG_TYPE'; }
      let rangeError = false;
      try { m.vsum([1], 3); } catch (e) { rangeError = e instanceof RangeError && e.code === 'ERR_BRIDGEGEN_SHAPE'; }
      m.vsumAsync([1, 2]).then((s) => console.log(JSON.stringify({ f64: y instanceof Float64Array, y: Array.from(y), typeError, rangeError, s })));`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(JSON.parse(run.stdout)).toEqual({ f64: true, y: [3, 5], typeError: true, rangeError: true, s: 3 });
  });

  it('loads through the ESM entry with named exports', () => {
    const script = `import m, { vsum } from ${JSON.stringify(path.join(out, 'index.mjs'))}; console.log(vsum([1, 2, 3]) + m.vsum([1]));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stdout.trim()).toBe('7');
  });

  it('does nothing when rebuilt with unchanged inputs', () => {
    const before = fs.statSync(addon).mtimeMs;
    const r = cli([fixture('calls_free.f90'), '-o', out, '-m', 'calls']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/up to date: calls/);
    expect(fs.statSync(addon).mtimeMs).toBe(before);
  });

  it('keeps the previous package intact when a build fails, and shows the compiler message (exit 2)', () => {
    const r = cli([errors('compile_error.f90'), '-o', out, '-m', 'calls']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${errors('compile_error.f90')}:5:8`);
    expect(r.stderr).toMatch(/Error: Invalid character in name/);
    expect(fs.existsSync(addon)).toBe(true);
    expect(fs.readdirSync(work).filter((f) => f.startsWith('.'))).toEqual([]);
    const run = spawnSync(process.execPath, ['-e', `console.log(require(${JSON.stringify(out)}).vsum([2, 3]))`], { encoding: 'utf8' });
    expect(run.stdout.trim()).toBe('5');
  });

  it('refuses to replace a folder it did not make', () => {
    const foreign = path.join(work, 'precious');
    fs.mkdirSync(foreign);
    fs.writeFileSync(path.join(foreign, 'notes.txt'), 'keep me');
    const r = cli([fixture('calls_free.f90'), '-o', foreign]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/was not made by bridgegen/);
    expect(fs.readFileSync(path.join(foreign, 'notes.txt'), 'utf8')).toBe('keep me');
  });
});
