// The output folder is replaced whole or not at all (contract 1.1): a build happens in a
// sibling staging folder that is renamed into place on success and removed on failure.
// A stamp of the inputs makes an unchanged rebuild a no-op.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMAND_LINE, InputError } from '../diag/diagnostic';
import type { PackageFile } from './package-files';

export const STAMP_FILE = '.bridgegen-stamp';

/** A hash of everything a build depends on: the package's files (contents) and the build flags. */
export function stampOf(files: readonly PackageFile[], extra: unknown): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(extra));
  for (const file of files) {
    hash.update(file.path);
    hash.update('text' in file ? file.text : fs.readFileSync(file.copyFrom));
  }
  return hash.digest('hex');
}

export function isUpToDate(dir: string, stamp: string, addon: string): boolean {
  try {
    return fs.readFileSync(path.join(dir, STAMP_FILE), 'utf8') === stamp && fs.existsSync(path.join(dir, addon));
  } catch {
    return false;
  }
}

/** Refuses to replace a folder bridgegen did not make: it may hold the user's work. */
export function checkReplaceable(dir: string): void {
  if (!fs.existsSync(dir)) return;
  const foreign = !fs.statSync(dir).isDirectory() ||
    (fs.readdirSync(dir).length > 0 && !fs.existsSync(path.join(dir, STAMP_FILE)));
  if (foreign) {
    throw new InputError([{
      code: 'BG005', severity: 'error', span: COMMAND_LINE,
      message: `output ${dir} exists and was not made by bridgegen; choose another with -o DIR`,
    }]);
  }
}

/** Runs `fill` in a fresh staging folder next to `dir`, then moves it into place. */
export async function replaceAtomically(dir: string, fill: (staging: string) => Promise<void>): Promise<void> {
  const parent = path.dirname(path.resolve(dir));
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(dir)}.bridgegen-`));
  try {
    await fill(staging);
    const old = `${staging}.old`;
    if (fs.existsSync(dir)) fs.renameSync(dir, old);
    fs.renameSync(staging, dir);
    fs.rmSync(old, { recursive: true, force: true });
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}
