// How much of SciPy's BLAS/LAPACK bridgegen/linalg wraps: the routines the signature files in
// fortran/linalg/ give (as the build would wrap them, after bridgegen's passes) against the names
// of SciPy's _fblas and _flapack (from /usr/bin/python3 when it has SciPy, else the snapshot in
// scripts/linalg-scipy-names.json, which `--snapshot` refreshes).
//
//   npx tsx scripts/linalg-coverage.ts              # -> "N of 737 (BLAS a of 150, LAPACK b of 587)"
//   npx tsx scripts/linalg-coverage.ts --missing    # ... and the SciPy names not wrapped yet
//   npx tsx scripts/linalg-coverage.ts --readme     # ... and write the figure into README.md

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { linalgSources, namespaceOf } from '../src/linalg/build';
import { analyze } from '../src/pipeline/analyze';
import { DEFAULT_OPTIONS } from '../src/pipeline/options';

const ROOT = path.resolve(__dirname, '..');
const SNAPSHOT = path.join(__dirname, 'linalg-scipy-names.json');
const README = path.join(ROOT, 'README.md');

interface ScipyNames {
  readonly scipy: string;
  readonly blas: string[];
  readonly lapack: string[];
}

const PY = `
import json, scipy, scipy.linalg._fblas as b, scipy.linalg._flapack as l
names = lambda m: sorted(n for n in dir(m) if type(getattr(m, n)).__name__ == 'fortran')
print(json.dumps({'scipy': scipy.__version__, 'blas': names(b), 'lapack': names(l)}))`;

function scipyNames(): ScipyNames & { live: boolean } {
  const r = spawnSync('/usr/bin/python3', ['-c', PY], { encoding: 'utf8' });
  if (!r.error && r.status === 0) return { ...(JSON.parse(r.stdout) as ScipyNames), live: true };
  return { ...(JSON.parse(fs.readFileSync(SNAPSHOT, 'utf8')) as ScipyNames), live: false };
}

/** The routines the linalg build wraps, by namespace (warnings about skipped ones are dropped). */
function wrapped(): { blas: Set<string>; lapack: Set<string> } {
  const files = linalgSources(path.join(ROOT, 'fortran', 'linalg'));
  const { iface } = analyze({ ...DEFAULT_OPTIONS, files, name: '_linalg' });
  const out = { blas: new Set<string>(), lapack: new Set<string>() };
  for (const r of iface.routines) {
    const ns = namespaceOf(r.span.file);
    if (ns && !r.module) out[ns].add(r.name);
  }
  return out;
}

function main(argv: readonly string[]): void {
  const scipy = scipyNames();
  if (argv.includes('--snapshot')) {
    if (!scipy.live) throw new Error('--snapshot needs /usr/bin/python3 with SciPy');
    fs.writeFileSync(SNAPSHOT, JSON.stringify({ scipy: scipy.scipy, blas: scipy.blas, lapack: scipy.lapack }) + '\n');
  }
  const ours = wrapped();
  const blas = scipy.blas.filter((n) => ours.blas.has(n));
  const lapack = scipy.lapack.filter((n) => ours.lapack.has(n));
  const total = scipy.blas.length + scipy.lapack.length;
  const summary = `${blas.length + lapack.length} of ${total}`;
  const detail = `(BLAS ${blas.length} of ${scipy.blas.length}, LAPACK ${lapack.length} of ${scipy.lapack.length}; SciPy ${scipy.scipy}${scipy.live ? '' : ', snapshot'})`;
  console.log(`${summary} ${detail}`);
  const extra = [...ours.blas, ...ours.lapack].filter((n) => !scipy.blas.includes(n) && !scipy.lapack.includes(n));
  if (extra.length) console.log(`not SciPy names (wrapped anyway): ${extra.sort().join(' ')}`);
  if (argv.includes('--missing')) {
    console.log(`missing BLAS: ${scipy.blas.filter((n) => !ours.blas.has(n)).join(' ')}`);
    console.log(`missing LAPACK: ${scipy.lapack.filter((n) => !ours.lapack.has(n)).join(' ')}`);
  }
  if (argv.includes('--readme')) {
    const text = fs.readFileSync(README, 'utf8');
    const marked = /<!-- linalg-coverage -->.*?<!-- \/linalg-coverage -->/s;
    if (!marked.test(text)) throw new Error('README.md has no <!-- linalg-coverage --> marker');
    fs.writeFileSync(README, text.replace(marked, `<!-- linalg-coverage -->${summary} ${detail}<!-- /linalg-coverage -->`));
  }
}

main(process.argv.slice(2));
