// The front half of the pipeline: files -> front ends -> IR -> passes. Collects every
// diagnostic and throws one InputError when any is an error (exit status 1).

import * as path from 'node:path';
import { type Diagnostic, DiagnosticBag, InputError } from '../diag/diagnostic';
import { readFortran, type SourceFile } from '../fortran';
import { readFortranSource, roleOf } from '../inputs';
import { runPasses } from '../ir/passes';
import { inferSizes } from '../ir/passes/sizes';
import type { Interface } from '../ir/types';
import type { BuildOptions } from './options';

export interface Analysis {
  readonly moduleName: string;
  /** The IR after the passes: what will be wrapped. */
  readonly iface: Interface;
  readonly fortranFiles: readonly string[];
  readonly nativeFiles: readonly string[];
  readonly warnings: readonly Diagnostic[];
}

const NAME = /^[a-z_][a-z0-9_]*$/;

export function moduleNameOf(options: BuildOptions, bag: DiagnosticBag): string {
  const name = options.name ?? path.basename(options.files[0] ?? 'module').replace(/\.[^.]*$/, '').toLowerCase();
  if (!NAME.test(name)) {
    bag.error('BG005', { file: '<command line>', line: 0, col: 0 },
      `module name \`${name}\` must be a lower-case identifier (letters, digits, _); choose one with -m NAME`);
  }
  return name;
}

function sortInputs(files: readonly string[], bag: DiagnosticBag): { fortran: string[]; native: string[] } {
  const fortran: string[] = [];
  const native: string[] = [];
  for (const file of files) {
    const role = roleOf(file);
    const span = { file, line: 1, col: 1 };
    if (role === 'fortran') fortran.push(file);
    else if (role === 'native') native.push(file);
    else if (role === undefined) bag.error('BG001', span, 'unknown file type (see `bridgegen --help` for the accepted extensions)');
    else bag.error('BG001', span, `${role === 'signature' ? 'signature files (.pyf)' : 'C headers'} are not supported yet`);
  }
  return { fortran, native };
}

/** Parses the inputs into the IR that will be wrapped. */
export function analyze(options: BuildOptions): Analysis {
  const bag = new DiagnosticBag();
  if (options.files.length === 0) bag.error('BG005', { file: '<command line>', line: 0, col: 0 }, 'no input files');
  const moduleName = moduleNameOf(options, bag);
  const { fortran, native } = sortInputs(options.files, bag);
  const sources = fortran
    .map((f) => readFortranSource(f, options.includeDirs, bag))
    .filter((s): s is SourceFile => s !== undefined);
  const parsed = readFortran(sources, bag);
  const iface = bag.hasErrors ? parsed : runPasses(parsed, { only: options.only, skip: options.skip }, bag);
  if (bag.hasErrors) throw new InputError(bag.items);
  return {
    moduleName,
    iface,
    fortranFiles: fortran,
    nativeFiles: native,
    warnings: bag.items.filter((d) => d.severity === 'warning'),
  };
}

/** The IR as read, with sizes inferred but nothing dropped, for `bridgegen parse`. */
export function parseOnly(files: readonly string[], includeDirs: readonly string[]): { iface: Interface; diagnostics: Diagnostic[] } {
  const bag = new DiagnosticBag();
  const { fortran } = sortInputs(files, bag);
  const sources = fortran.map((f) => readFortranSource(f, includeDirs, bag)).filter((s): s is SourceFile => !!s);
  const read = readFortran(sources, bag);
  if (bag.hasErrors) throw new InputError(bag.items);
  return { iface: { ...read, routines: read.routines.map(inferSizes) }, diagnostics: bag.items };
}
