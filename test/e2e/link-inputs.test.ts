// Objects and libraries on the command line (contract 1.1: `.o .a .so` are linked in), and a
// symbol nothing defines: `require()` reports it by name (the addon binds every symbol at load)
// instead of the process dying at the first call.

import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { buildModule, fixture, tempDir } from '../helpers/build';

const FORTRAN = fixture('external_triple.f90');
let object: string;
let archive: string;

beforeAll(() => {
  const dir = tempDir('link-inputs');
  object = path.join(dir, 'triple.o');
  archive = path.join(dir, 'libtriple.a');
  for (const [cmd, args] of [['cc', ['-c', '-fPIC', '-O2', fixture('c/triple.c'), '-o', object]], ['ar', ['rcs', archive, object]]] as const) {
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd}: ${r.stderr}`);
  }
});

/** Loads a built module in a fresh process: a failed dlopen must not touch jest's. */
function load(dir: string, expr: string) {
  const r = spawnSync(process.execPath, ['-e', `
    try { const m = require(${JSON.stringify(dir)}); console.log(JSON.stringify({ value: ${expr} })); }
    catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }`], { encoding: 'utf8' });
  expect(r.signal).toBeNull();
  return JSON.parse(r.stdout);
}

it('links an object file given on the command line', async () => {
  const dir = await buildModule('triple_o', [FORTRAN, object]);
  expect(load(dir, 'm.use_triple(2)')).toEqual({ value: 6 });
});

it('links a static library given on the command line, also through node-gyp', async () => {
  expect(load(await buildModule('triple_a', [FORTRAN, archive]), 'm.use_triple(1.5)')).toEqual({ value: 4.5 });
  expect(load(await buildModule('triple_gyp', [FORTRAN, archive], [], { buildSystem: 'node-gyp' }), 'm.use_triple(1)')).toEqual({ value: 3 });
});

it('refuses to load, naming the symbol, when nothing defines it', async () => {
  const { code, message } = load(await buildModule('triple_none', [FORTRAN]), 'm.use_triple(1)');
  expect(code).toBe('ERR_BRIDGEGEN_NOT_BUILT');
  expect(message).toMatch(/undefined symbol: triple_/);
  expect(message).toMatch(/`triple_` is defined by none of the libraries it was linked with/);
});
