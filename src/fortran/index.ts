// Public entry of the Fortran front end: source files -> interface IR. The C preprocessor (for .F/.F90)
// runs before, in the caller; passes that refine the IR (size inference, hidden args) run after.

import type { DiagnosticBag } from '../diag/diagnostic';
import type { Interface } from '../ir/types';
import type { SourceAst } from './ast';
import { lowerSources } from './lower';
import { parseSource } from './parser';
import { splitFixed, splitFree } from './source-form';

export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

export type SourceForm = 'fixed' | 'free';

const FIXED = new Set(['f', 'for', 'f77', 'ftn', 'fpp']);

/** `.f .for .f77 .ftn` (any case) are fixed form; everything else (`.f90 .f95 .f03 .f08`...) is free form. */
export function sourceFormOf(path: string): SourceForm {
  const ext = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  return FIXED.has(ext) ? 'fixed' : 'free';
}

/** Parses one file to its syntax tree (for tools and tests). */
export function parseFortran(file: SourceFile, bag: DiagnosticBag): SourceAst {
  const split = sourceFormOf(file.path) === 'fixed' ? splitFixed : splitFree;
  return parseSource(file.path, split(file.path, file.text), bag);
}

/** Reads Fortran sources into the interface IR. Problems go to `bag` (with file:line:col); never throws on bad input. */
export function readFortran(files: readonly SourceFile[], bag: DiagnosticBag): Interface {
  return lowerSources(
    files.map((f) => parseFortran(f, bag)),
    bag,
  );
}
