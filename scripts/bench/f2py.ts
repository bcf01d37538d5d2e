// Runs F2Py's crackfortran for the benchmarks: which files it accepts, in-process time, `f2py -h` time.
//
// Always Debian's /usr/bin/python3 with its python3-numpy (not a pyenv python on PATH). The list of
// files crackfortran rejects is cached in bench/out/ per corpus (paths, sizes, mtimes) and NumPy version.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { execTimed, versionOf } from './measure';

export const PYTHON = '/usr/bin/python3';
const DRIVER = path.join(__dirname, 'crackfortran.py');

export interface Reject {
  readonly file: string;
  readonly why: string;
}

/** NumPy's version when `numpy.f2py.crackfortran` imports, else undefined. */
export function f2pyVersion(): string | undefined {
  return versionOf(PYTHON, ['-c', 'import numpy, numpy.f2py.crackfortran; print(numpy.__version__)']);
}

function driver(mode: 'probe' | 'time', files: readonly string[], scratch: string): unknown {
  const list = path.join(scratch, `crackfortran-${mode}.list`);
  const out = path.join(scratch, `crackfortran-${mode}.json`);
  writeFileSync(list, `${files.join('\n')}\n`);
  writeFileSync(out, '');
  const r = execTimed(PYTHON, [DRIVER, mode, list, out]);
  const text = readFileSync(out, 'utf8');
  if (!text) throw new Error(`crackfortran.py ${mode} failed (status ${r.status}): ${r.stderr.trim().split('\n').pop()}`);
  return JSON.parse(text);
}

/** Files crackfortran cannot read, each cracked on its own (untimed; cached between runs). */
export function rejectedFiles(files: readonly string[], numpy: string, scratch: string): { rejects: Reject[]; cached: boolean } {
  const key = createHash('sha1').update(numpy);
  for (const f of files) {
    const s = statSync(f);
    key.update(`${f}\0${s.size}\0${s.mtimeMs}\n`);
  }
  const digest = key.digest('hex');
  const cacheFile = path.join(scratch, 'crackfortran-rejects.json');
  if (existsSync(cacheFile)) {
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as { key: string; rejects: Reject[] };
    if (cache.key === digest) return { rejects: cache.rejects, cached: true };
  }
  const result = driver('probe', files, scratch) as { rejected: Reject[] };
  writeFileSync(cacheFile, `${JSON.stringify({ key: digest, rejects: result.rejected }, null, 1)}\n`);
  return { rejects: result.rejected, cached: false };
}

/** `crackfortran(files)` in one Python process, timed inside it: ms and number of top-level blocks. */
export function crackInProcess(files: readonly string[], scratch: string): { ms: number; blocks: number } {
  return driver('time', files, scratch) as { ms: number; blocks: number };
}

/** `python3 -m numpy.f2py -h OUT.pyf FILES... --overwrite-signature`, wall clock with start-up. */
export function f2pySignature(files: readonly string[], scratch: string): number {
  const pyf = path.join(scratch, 'corpus.pyf');
  const r = execTimed(PYTHON, ['-m', 'numpy.f2py', '-h', pyf, ...files, '--overwrite-signature'], scratch);
  if (r.status !== 0) throw new Error(`f2py -h exited with ${r.status}: ${r.stderr.trim().split('\n').pop()}`);
  return r.ms;
}

/** Groups rejections by reason for the notes: "54 files (cgeqp3rk.f, ...): non-ASCII bytes ...". */
export function summarizeRejects(rejects: readonly Reject[]): string[] {
  const groups = new Map<string, string[]>();
  for (const r of rejects) {
    const why = /codec can't decode/.test(r.why)
      ? "non-ASCII bytes: without charset_normalizer (not in Debian's python3-numpy), crackfortran reads files as ASCII"
      : r.why.replace(/\/\S+\.f#?\d*/g, 'FILE').slice(0, 90);
    groups.set(why, [...(groups.get(why) ?? []), path.basename(r.file)]);
  }
  return [...groups].map(([why, files]) => {
    const some = files.slice(0, 4).join(', ') + (files.length > 4 ? ', ...' : '');
    return `${files.length} file${files.length > 1 ? 's' : ''} (${some}): ${why}`;
  });
}
