// The front half of the pipeline: files -> front ends -> IR -> passes. Collects every
// diagnostic and throws one InputError when any is an error (exit status 1).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { readCHeaders } from '../c';
import { COMMAND_LINE, type Diagnostic, DiagnosticBag, InputError } from '../diag/diagnostic';
import { readFortran, type SourceFile } from '../fortran';
import { readFortranSource, roleOf } from '../inputs';
import { runPasses } from '../ir/passes';
import { inferSizes } from '../ir/passes/sizes';
import type { Interface } from '../ir/types';
import { readSignatureFiles, type SignatureInterface } from '../pyf';
import { type BuildOptions, DEFAULT_OPTIONS } from './options';

export interface Analysis {
  readonly moduleName: string;
  /** The IR after the passes: what will be wrapped. */
  readonly iface: Interface;
  readonly fortranFiles: readonly string[];
  readonly nativeFiles: readonly string[];
  readonly warnings: readonly Diagnostic[];
}

const NAME = /^[a-z_][a-z0-9_]*$/;

/** -m NAME, else the signature file's `python module` name, else the stem of the first file. */
export function moduleNameOf(options: BuildOptions, bag: DiagnosticBag, signatureModule?: string): string {
  const stem = path.basename(options.files[0] ?? 'module').replace(/\.[^.]*$/, '').toLowerCase();
  const name = options.name ?? signatureModule ?? stem;
  if (!NAME.test(name)) {
    bag.error('BG005', COMMAND_LINE,
      `module name \`${name}\` must be a lower-case identifier (letters, digits, _); choose one with -m NAME`);
  }
  return name;
}

interface SortedInputs {
  readonly fortran: string[];
  readonly signatures: string[];
  readonly headers: string[];
  readonly native: string[];
}

function sortInputs(files: readonly string[], bag: DiagnosticBag): SortedInputs {
  const sorted: SortedInputs = { fortran: [], signatures: [], headers: [], native: [] };
  for (const file of files) {
    const role = roleOf(file);
    const span = { file, line: 1, col: 1 };
    if (role === 'fortran') sorted.fortran.push(file);
    else if (role === 'signature') sorted.signatures.push(file);
    else if (role === 'native') sorted.native.push(file);
    else if (role === 'c-header') sorted.headers.push(file);
    else bag.error('BG001', span, 'unknown file type (see `bridgegen --help` for the accepted extensions)');
  }
  return sorted;
}

function readText(file: string, bag: DiagnosticBag): SourceFile | undefined {
  try {
    return { path: file, text: fs.readFileSync(file, 'utf8') };
  } catch (err) {
    bag.error('BG001', { file, line: 1, col: 1 }, `cannot read: ${(err as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

/** What the front ends need of the options besides the files. */
type ReadOptions = Pick<BuildOptions, 'includeDirs' | 'cflags'>;

/**
 * The interface the inputs declare. As with F2Py, signature files, when given, are the whole
 * interface; Fortran sources are then only compiled (and C headers not read). Otherwise the
 * Fortran sources' routines come first, then the C headers'.
 */
function readInterface(inputs: SortedInputs, options: ReadOptions, bag: DiagnosticBag): SignatureInterface {
  if (inputs.signatures.length) {
    return readSignatureFiles(inputs.signatures.map((f) => readText(f, bag)).filter((s): s is SourceFile => !!s), bag);
  }
  const sources = inputs.fortran.map((f) => readFortranSource(f, options.includeDirs, bag)).filter((s): s is SourceFile => !!s);
  const fortran = readFortran(sources, bag);
  if (inputs.headers.length === 0) return fortran;
  const c = readCHeaders(inputs.headers, options, bag);
  return { routines: [...fortran.routines, ...c.routines], modules: [...fortran.modules, ...c.modules], commons: fortran.commons };
}

/** The IR proper: a signature file's `python module` name is an option, not part of it. */
function withoutModuleName(iface: SignatureInterface): Interface {
  const { moduleName: _moduleName, ...rest } = iface;
  return rest;
}

/** Parses the inputs into the IR that will be wrapped. */
export function analyze(options: BuildOptions): Analysis {
  const bag = new DiagnosticBag();
  if (options.files.length === 0) bag.error('BG005', COMMAND_LINE, 'no input files');
  const inputs = sortInputs(options.files, bag);
  const read = readInterface(inputs, options, bag);
  const moduleName = moduleNameOf(options, bag, read.moduleName);
  const passes = { only: options.only, skip: options.skip, uncheckedPointers: options.uncheckedPointers };
  const iface = bag.hasErrors ? read : runPasses(read, passes, bag);
  if (bag.hasErrors) throw new InputError(bag.items);
  return {
    moduleName,
    iface: withoutModuleName(iface),
    fortranFiles: inputs.fortran,
    nativeFiles: inputs.native,
    warnings: bag.items.filter((d) => d.severity === 'warning'),
  };
}

/** The IR as read, with sizes inferred but nothing dropped (`bridgegen parse` and `sig`). */
export function parseOnly(options: Pick<BuildOptions, 'files' | 'includeDirs' | 'name'> & Partial<ReadOptions>): {
  moduleName: string; iface: Interface; diagnostics: Diagnostic[];
} {
  const bag = new DiagnosticBag();
  const read = readInterface(sortInputs(options.files, bag), { cflags: [], ...options }, bag);
  const moduleName = moduleNameOf({ ...DEFAULT_OPTIONS, ...options }, bag, read.moduleName);
  if (bag.hasErrors) throw new InputError(bag.items);
  const iface = { ...withoutModuleName(read), routines: read.routines.map(inferSizes) };
  return { moduleName, iface, diagnostics: bag.items };
}
