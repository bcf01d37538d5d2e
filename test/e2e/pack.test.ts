// The way a user gets bridgegen: `npm pack`, install the tarball into an empty project with
// --ignore-scripts (as pnpm 10 does), run `npx bridgegen` there, and load the module it builds;
// and bridgegen/linalg, from the prebuilt binary the package ships (no install script ran), from
// CommonJS, ES modules and TypeScript.

import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, tempDir } from '../helpers/build';

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } });

it('installs from the packed tarball without scripts and builds a module with npx bridgegen', () => {
  const work = tempDir('pack');
  const tarball = npm(['pack', '--silent', '--pack-destination', work], ROOT).trim().split('\n').pop()!;
  const project = path.join(work, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'user-project', version: '1.0.0', private: true }));
  npm(['install', '--prefer-offline', '--no-save', '--ignore-scripts', path.join(work, tarball)], project);
  const installed = path.join(project, 'node_modules', 'bridgegen', 'linalg');
  expect(fs.existsSync(path.join(installed, 'prebuilds', `${process.platform}-${process.arch}`, '_linalg.node'))).toBe(true);
  expect(fs.existsSync(path.join(installed, 'build', 'api.json'))).toBe(false); // nothing was built
  fs.copyFileSync(path.join(ROOT, 'fortran', 'examples', 'heat.f90'), path.join(project, 'heat.f90'));

  const build = spawnSync('npx', ['bridgegen', 'heat.f90', '-q'], { cwd: project, encoding: 'utf8' });
  expect(build.stderr).toBe('');
  expect(build.status).toBe(0);

  const script = `
    const heat = require('./heat');
    const u = new Float64Array([0, 0, 1, 0, 0]);
    const v = heat.heat_steps(u, 1, 0.1, 1, 1);
    console.log(JSON.stringify(Array.from(v)));`;
  const run = spawnSync(process.execPath, ['-e', script], { cwd: project, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  // One explicit Euler step of u_t = u_xx with r = alpha*dt/dx^2 = 0.1, fixed ends.
  expect(JSON.parse(run.stdout)).toEqual([0, 0.1, 0.8, 0.1, 0].map((x) => expect.closeTo(x, 12)));

  // bridgegen/linalg, from its prebuild.
  const linalg = spawnSync(process.execPath, ['-e', `
    const { blas, lapack } = require('bridgegen/linalg');
    const c = blas.dgemm(1, [[1, 2], [3, 4]], [[5, 6], [7, 8]], 0, [[0, 0], [0, 0]]);
    lapack.dgesvAsync([[2, 0], [0, 4]], [[2], [8]]).then((r) => console.log(JSON.stringify({ c: Array.from(c.data), x: Array.from(r.x.data) })));`],
    { cwd: project, encoding: 'utf8' });
  expect(linalg.stderr).toBe('');
  expect(JSON.parse(linalg.stdout)).toEqual({ c: [19, 43, 22, 50], x: [1, 2] });
  const esm = spawnSync(process.execPath, ['--input-type=module', '-e', `
    import { blas } from 'bridgegen/linalg';
    console.log(typeof blas.zgemmAsync);`], { cwd: project, encoding: 'utf8' });
  expect(esm.stdout.trim()).toBe('function');

  // Its types, as a user's TypeScript (node16 resolution: package.json `exports`) sees them.
  fs.writeFileSync(path.join(project, 'use.ts'), `
    import { blas, lapack, setBlasThreads } from 'bridgegen/linalg';
    const c = blas.dgemm(1, [[1]], [[2]], 0, [[0]], { trans_a: 1 });
    const rows: number = c.shape[0];
    const solved: Promise<{ info: number }> = lapack.dgesvAsync([[1]], [[1]]);
    const ok: boolean = setBlasThreads(1);
    // @ts-expect-error dgesv is LAPACK's
    blas.dgesv;
    export { rows, solved, ok };`);
  const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--strict',
    '--module', 'node16', '--moduleResolution', 'node16', '--typeRoots', path.join(ROOT, 'node_modules', '@types'), '--types', 'node', 'use.ts'],
    { cwd: project, encoding: 'utf8' });
  expect(tsc.stdout + tsc.stderr).toBe('');
});
