// Sorts the command line's files by role (contract 1.1) and reads the sources the front ends
// parse; `.F`/`.F90` go through the C preprocessor first, keeping their line numbers.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DiagnosticBag } from './diag/diagnostic';
import type { SourceFile } from './fortran';

export type InputRole = 'fortran' | 'signature' | 'c-header' | 'native';

const ROLES: ReadonlyArray<[RegExp, InputRole]> = [
  [/\.(f|for|f77|ftn|f90|f95|f03|f08)$/i, 'fortran'],
  [/\.pyf(\.src)?$/, 'signature'],
  [/\.h$/, 'c-header'],
  [/\.(c|o|a|so)$/, 'native'],
];

export function roleOf(file: string): InputRole | undefined {
  return ROLES.find(([pattern]) => pattern.test(file))?.[1];
}

/** Upper-case extensions (`.F`, `.F90`) ask for the C preprocessor, as gfortran does. */
export function needsPreprocessor(file: string): boolean {
  const ext = path.extname(file);
  return ext.length > 1 && ext.slice(1) === ext.slice(1).toUpperCase() && /[A-Z]/.test(ext);
}

/**
 * Re-places cpp output lines at their original line numbers (from `# N "file"` markers), so
 * diagnostics point into the file the user wrote. Lines from included files are dropped.
 */
export function alignPreprocessed(output: string, file: string): string {
  const lines: string[] = [];
  let line = 1;
  let inFile = true;
  for (const text of output.split('\n')) {
    const marker = /^#\s*(\d+)\s+"([^"]*)"/.exec(text);
    if (marker) {
      line = Number(marker[1]);
      inFile = marker[2] === file;
      continue;
    }
    if (inFile) {
      while (lines.length < line - 1) lines.push('');
      lines[line - 1] = text;
    }
    line++;
  }
  return lines.join('\n');
}

function preprocess(file: string, includeDirs: readonly string[]): string {
  const args = ['-E', '-cpp', ...includeDirs.map((d) => `-I${d}`), file];
  const result = spawnSync(process.env.FC || 'gfortran', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr || result.error?.message || 'preprocessor failed');
  return alignPreprocessed(result.stdout, file);
}

/** Reads a Fortran source, reporting an unreadable file as a diagnostic. */
export function readFortranSource(file: string, includeDirs: readonly string[], bag: DiagnosticBag): SourceFile | undefined {
  try {
    const text = needsPreprocessor(file) ? preprocess(file, includeDirs) : fs.readFileSync(file, 'utf8');
    return { path: file, text };
  } catch (err) {
    bag.error('BG001', { file, line: 1, col: 1 }, `cannot read: ${(err as Error).message.split('\n')[0]}`);
    return undefined;
  }
}
