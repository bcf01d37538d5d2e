// Renders diagnostics the way compilers do: `file:line:col: error: message`, the line, a caret.

import type { Diagnostic } from './diagnostic';

/** Reads a source line for context; returns undefined when the file is not available. */
export type LineReader = (file: string, line: number) => string | undefined;

export function renderDiagnostic(d: Diagnostic, readLine?: LineReader): string {
  const { file, line, col } = d.span;
  if (line === 0) return `bridgegen: ${d.severity}: ${d.message} [${d.code}]`;
  const head = `${file}:${line}:${col}: ${d.severity}: ${d.message} [${d.code}]`;
  const text = readLine?.(file, line);
  if (text === undefined) return head;
  const caret = ' '.repeat(Math.max(0, col - 1)) + '^';
  return `${head}\n  ${text.replace(/\t/g, ' ')}\n  ${caret}`;
}

export function renderDiagnostics(ds: readonly Diagnostic[], readLine?: LineReader): string {
  return ds.map((d) => renderDiagnostic(d, readLine)).join('\n');
}
