// Front end for C headers: the system preprocessor expands each header, the parser reads its
// declarations, lower.ts turns those of the header itself into the IR. Problems go to the bag.

import type { DiagnosticBag } from '../diag/diagnostic';
import type { Interface, Module, Routine } from '../ir/types';
import { tokenize } from './lexer';
import { lowerHeader } from './lower';
import { parseC } from './parser';
import { type PreprocessOptions, preprocessHeader } from './preprocess';

export type { PreprocessOptions } from './preprocess';

function readHeader(header: string, options: PreprocessOptions, bag: DiagnosticBag): { routines: Routine[]; module?: Module } {
  let text: string;
  try {
    text = preprocessHeader(header, options);
  } catch (err) {
    bag.error('BG001', { file: header, line: 1, col: 1 }, `the C preprocessor failed: ${(err as Error).message.trim()}`);
    return { routines: [] };
  }
  const { decls, errors } = parseC(tokenize(text));
  for (const e of errors.filter((x) => x.span.file === header)) {
    bag.warning('BG002', e.span, `declaration skipped: ${e.message}`);
  }
  return lowerHeader(header, decls, bag);
}

/** The IR of the C headers: their functions, and per header a module of its constants and structs. */
export function readCHeaders(headers: readonly string[], options: PreprocessOptions, bag: DiagnosticBag): Interface {
  const read = headers.map((h) => readHeader(h, options, bag));
  return {
    routines: read.flatMap((r) => r.routines),
    modules: read.flatMap((r) => (r.module ? [r.module] : [])),
    commons: [],
  };
}
