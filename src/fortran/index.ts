// Public entry of the Fortran front end: source files -> interface IR. The C preprocessor (for .F/.F90)
// runs before, in the caller; passes that refine the IR (size inference, hidden args) run after.

import { readFileSync } from 'fs';
import { dirname, resolve } from 'path';
import { DiagnosticBag } from '../diag/diagnostic';
import type { Interface } from '../ir/types';
import type { SourceAst } from './ast';
import { Lowering, lowerSources } from './lower';
import { parseSource } from './parser';
import { firstNonBlank, splitFixed, splitFree, statementSpan, type LogicalSource, type Statement } from './source-form';

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
  const src = split(file.path, file.text);
  return parseSource(file.path, { ...src, statements: expandIncludes(src, split, bag, 0) }, bag);
}

const INCLUDE = /^\s*include\s*(['"])(.+)\1\s*$/i;

/** INCLUDE may match: the statement starts with `in` (checked first, as this runs on every statement). */
function mayInclude(s: Statement): boolean {
  const first = firstNonBlank(s.text);
  if (first < 0 || (s.text.charCodeAt(first) | 32) !== 105 || (s.text.charCodeAt(first + 1) | 32) !== 110) return false;
  return INCLUDE.test(s.text);
}

/** Replaces `include 'file'` lines by the statements of that file (read next to the including file). */
function expandIncludes(src: LogicalSource, split: typeof splitFree, bag: DiagnosticBag, depth: number): readonly Statement[] {
  if (!src.statements.some(mayInclude)) return src.statements;
  return src.statements.flatMap((s) => {
    const m = INCLUDE.exec(s.text);
    if (!m || s.directive) return [s];
    const path = resolve(dirname(s.file), m[2]!);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      bag.error('BG001', statementSpan(s), `cannot read included file '${m[2]}'`);
      return [];
    }
    if (depth > 16) return [];
    return expandIncludes(split(path, text), split, bag, depth + 1);
  });
}

/** Reads Fortran sources into the interface IR. Problems go to `bag` (with file:line:col); never throws on bad input. */
export function readFortran(files: readonly SourceFile[], bag: DiagnosticBag): Interface {
  const lowering = new Lowering(bag);
  for (const f of files) lowering.add(parseFortran(f, bag)); // each file's syntax tree is dropped once lowered
  // A module defined after a file looked it up: parse again (diagnostics were reported) and lower in one batch.
  return lowering.finish() ?? lowerSources(files.map((f) => parseFortran(f, new DiagnosticBag())), bag);
}
