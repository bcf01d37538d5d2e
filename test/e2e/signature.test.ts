// Signature files end to end: `bridgegen sig` round-trips exactly, a module built from the
// .pyf plus the sources behaves like one built from the sources, and F2Py's own .pyf output
// (and F2Py-only directives) build and run.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, fixture, tempDir } from '../helpers/build';

const sources = [fixture('calls_free.f90'), fixture('calls_fixed.f')];
const work = tempDir('sig');

function run(dir: string, code: string): unknown {
  const r = spawnSync(process.execPath, ['-e', `const m = require(${JSON.stringify(dir)}); console.log(JSON.stringify(${code}))`], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

/** The IR without what depends on where it was read from. */
function portable(json: string): unknown {
  return JSON.parse(json, (key, value) => (key === 'span' || key === 'declaredIntent' ? undefined : value));
}

describe('bridgegen sig', () => {
  const first = path.join(work, 'calls.pyf');
  const second = path.join(work, 'again.pyf');

  it('writes a signature file that reads back unchanged', () => {
    expect(cli(['sig', ...sources, '-m', 'calls', '-o', first]).status).toBe(0);
    expect(cli(['sig', first, '-o', second]).status).toBe(0);
    expect(fs.readFileSync(second, 'utf8')).toBe(fs.readFileSync(first, 'utf8'));
    const fromSources = cli(['parse', ...sources]);
    const fromSignature = cli(['parse', first]);
    expect(portable(fromSignature.stdout)).toEqual(portable(fromSources.stdout));
  });

  it('builds from the signature file plus the sources, with the same behaviour', () => {
    const out = path.join(work, 'fromsig');
    const r = cli([first, ...sources, '-o', out, '-q']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(run(out, `[m.vsum([1, 2, 3]), Array.from(m.matvec([[1, 2], [3, 4]], [1, 1])), Array.from(m.daxpyx(2, [1, 2], [10, 10])), m.count_positive([1, -1])]`))
      .toEqual([6, [3, 7], [12, 14], { count_positive: 1, total: 1, largest: 1 }]);
  });
});

describe('F2Py signature files', () => {
  it("builds F2Py's own -h output for calls_free.f90", () => {
    const out = path.join(work, 'f2py');
    const r = cli([fixture('signatures/f2py_calls.pyf'), fixture('calls_free.f90'), '-o', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/skipped/);
    expect(run(out, `[m.vsum([1, 2, 3]), Array.from(m.cumsum([1, 2, 3])), m.outer([1, 2], [3]).shape, m.twice(4)]`))
      .toEqual([6, [1, 3, 6], [2, 1], 8]);
    // F2Py writes n=-1 + shape(x, 0) and check(shape(x, 0) == 1 + n) for x(0:n): both are evaluated.
    const failed = `(() => { try { m.weighted([5, 5, 5], 1); } catch (e) { return [e.code, e.message]; } })()`;
    expect(run(out, `[Array.from(m.weighted([5, 5, 5])), ${failed}]`))
      .toEqual([[0, 5, 10], ['ERR_BRIDGEGEN_CHECK', 'weighted(): check(shape(x, 0) == 1 + n) failed']]);
  });

  it('applies fortranname, hides intent(hide) sizes, and refuses C in callstatement and usercode with warnings', () => {
    const out = path.join(work, 'renamed');
    const r = cli([fixture('signatures/renamed.pyf'), fixture('calls_free.f90'), '-o', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/renamed\.pyf:4:5: warning: `usercode` blocks are not supported/);
    expect(r.stderr).toMatch(/renamed\.pyf:16:9: warning: routine `scaled` skipped: its `callstatement` is more than `\(\*f2py_func\)\(\.\.\.\)`/);
    expect(run(out, `[m.total([1, 2, 3.5]), Array.from(m.cumsum([1, 1, 1])), typeof m.scaled, typeof m.vsum]`))
      .toEqual([6.5, [1, 2, 3], 'undefined', 'undefined']);
  });
});
