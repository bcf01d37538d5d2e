// Golden files of the emitters (test/golden/<case>/): shim, addon, d.ts and ESM entry compared
// with expected/ (BRIDGEGEN_UPDATE=1 rewrites them), and the expectations compiled (habit 7).

import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { DiagnosticBag } from '../../../src/diag/diagnostic';
import { renderDiagnostics } from '../../../src/diag/render';
import { emitDts } from '../../../src/emit/dts/dts';
import { emitFortranShim } from '../../../src/emit/fortran-shim/shim';
import { emitIndexMjs } from '../../../src/emit/loader/loader';
import { emitAddon } from '../../../src/emit/napi/addon';
import { readFortran } from '../../../src/fortran/index';
import { runPasses } from '../../../src/ir/passes/index';

const ROOT = path.resolve(__dirname, '../../..');
const GOLDEN = path.join(ROOT, 'test/golden');
const UPDATE = process.env.BRIDGEGEN_UPDATE === '1';
const CASES = readdirSync(GOLDEN, { withFileTypes: true })
  .filter((e) => e.isDirectory() && !e.name.startsWith('_'))
  .map((e) => e.name)
  .sort();

/**
 * A case's Fortran: its own input.f90 / input.f, or the end-to-end fixtures its inputs.txt
 * names (repository-relative, one a line), so a fixture is not kept twice.
 */
function inputsOf(name: string): string[] {
  const list = path.join(GOLDEN, name, 'inputs.txt');
  if (existsSync(list)) {
    return readFileSync(list, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean).map((f) => path.join(ROOT, f));
  }
  const file = ['input.f90', 'input.f'].map((f) => path.join(GOLDEN, name, f)).find(existsSync);
  if (!file) throw new Error(`golden case ${name} has no input.f90, input.f or inputs.txt`);
  return [file];
}

/** Every emitted file of one case, keyed by its name under expected/. */
function generate(name: string): Record<string, string> {
  const bag = new DiagnosticBag();
  // Relative paths keep absolute paths out of the expected diagnostics (habit 6).
  const sources = inputsOf(name).map((input) => ({ path: path.relative(ROOT, input), text: readFileSync(input, 'utf8') }));
  const iface = runPasses(readFortran(sources, bag), {}, bag);
  const out: Record<string, string> = {
    'shim.f90': emitFortranShim(name, iface),
    'addon.cc': emitAddon(name, iface),
    'index.d.ts': emitDts(name, iface),
    'index.mjs': emitIndexMjs(name, iface),
  };
  // Warnings (skipped routines) are part of the spec too; cases without any have no file.
  if (bag.items.length) out['diagnostics.txt'] = `${renderDiagnostics(bag.items)}\n`;
  return out;
}

function run(cmd: string, args: readonly string[], cwd = ROOT): { ok: boolean; output: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error?.message ?? ''}` };
}

/** The defines src/emit/build/binding-gyp.ts compiles the addon with (NAPI_CPP_EXCEPTIONS comes with bridgegen.h). */
const GYP_DEFINES = ['-DNAPI_VERSION=8', '-DNODE_ADDON_API_DISABLE_DEPRECATED'];

/**
 * Fixed form -> free form, only as far as the golden inputs need (comment lines, `$`
 * continuations in column 6): gfortran checks an interface block against the definition only
 * within one file, so the shim check concatenates input and shim into one free-form file.
 */
function fixedToFree(text: string): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (/^[cC*!]/.test(line)) out.push(`!${line.slice(1)}`);
    else if (line.length > 5 && line[5] !== ' ' && line[5] !== '0' && line.slice(0, 5).trim() === '') {
      out[out.length - 1] += ' &';
      out.push(`  & ${line.slice(6)}`);
    } else out.push(line);
  }
  return out.join('\n');
}

/**
 * Known, reported shim problems that need an IR change (the IR does not record which intent the
 * Fortran source declared and which came from a Cf2py directive, so the interface block states
 * F2Py's intent). Remove an entry when fixed: the test then demands a clean compile.
 */
const KNOWN_SHIM_ERRORS: Readonly<Record<string, readonly string[]>> = {};

const expectedPath = (name: string, file: string) => path.join(GOLDEN, name, 'expected', file);

describe.each(CASES)('golden case %s', (name) => {
  const generated = generate(name);

  if (UPDATE) {
    beforeAll(() => {
      rmSync(path.join(GOLDEN, name, 'expected'), { recursive: true, force: true });
      mkdirSync(path.join(GOLDEN, name, 'expected'), { recursive: true });
      for (const [file, text] of Object.entries(generated)) writeFileSync(expectedPath(name, file), text);
    });
  }

  it.each(['shim.f90', 'addon.cc', 'index.d.ts', 'index.mjs', 'diagnostics.txt'])('emits expected/%s', (file) => {
    const expected = existsSync(expectedPath(name, file)) ? readFileSync(expectedPath(name, file), 'utf8') : undefined;
    expect(generated[file]).toBe(expected);
  });

  // Header-only (node-gyp, cmake-js), and against the compiled runtime (the direct build), where
  // the glue must not read node-addon-api (bridgegen.h's #error checks it).
  it.each([
    { mode: 'header-only', defines: [] },
    { mode: 'against the compiled runtime', defines: ['-DBRIDGEGEN_SEPARATE_RUNTIME'] },
  ])('expected/addon.cc compiles with -Wall -Wextra -Werror ($mode)', ({ defines }) => {
    const nodeInclude = path.join(path.dirname(path.dirname(process.execPath)), 'include', 'node');
    const { ok, output } = run('g++', [
      '-std=c++17', '-fsyntax-only', '-Wall', '-Wextra', '-Werror', ...GYP_DEFINES, ...defines,
      '-I', 'native/include', '-I', 'node_modules/node-addon-api', '-I', nodeInclude,
      expectedPath(name, 'addon.cc'),
    ]);
    expect(output).toBe('');
    expect(ok).toBe(true);
  });

  it('expected/shim.f90 compiles against the input in one file, interfaces checked', () => {
    const dir = mkdtempSync(path.join(tmpdir(), `bridgegen-golden-${name}-`));
    try {
      const free = inputsOf(name)
        .map((input) => (input.endsWith('.f') ? fixedToFree(readFileSync(input, 'utf8')) : readFileSync(input, 'utf8')))
        .join('\n');
      writeFileSync(path.join(dir, 'check.f90'), `${free}\n${readFileSync(expectedPath(name, 'shim.f90'), 'utf8')}`);
      // -Werror: an interface that does not match the definition is only a warning otherwise.
      const { ok, output } = run('gfortran', ['-fsyntax-only', '-Werror', '-J', dir, 'check.f90'], dir);
      const errors = output.split('\n').filter((l) => l.startsWith('Error: ')).map((l) => l.replace(/^Error: | \[-Werror\]$/g, ''));
      const known = KNOWN_SHIM_ERRORS[name] ?? [];
      expect(errors).toEqual(known);
      if (known.length === 0) {
        expect(output).toBe('');
        expect(ok).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('golden usage files type-check against expected/index.d.ts', () => {
  let output = '';
  beforeAll(() => {
    const usages = CASES.map((name) => path.join('test/golden', name, 'usage.ts'));
    output = run(path.join(ROOT, 'node_modules/.bin/tsc'), [
      '--noEmit', '--strict', '--target', 'es2022', '--module', 'commonjs', '--types', 'node', ...usages,
    ]).output;
  });

  it.each(CASES)('%s/usage.ts: right calls compile, every @ts-expect-error is an error', (name) => {
    expect(existsSync(path.join(GOLDEN, name, 'usage.ts'))).toBe(true);
    const errors = output.split('\n').filter((l) => l.startsWith(`test/golden/${name}/`));
    expect(errors).toEqual([]);
  });

  it('tsc ran and found the files', () => {
    expect(output).not.toMatch(/error TS6053|error TS5\d\d\d/);
  });
});
