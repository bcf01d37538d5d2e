// Diagnostics as data: every problem found in user input carries a stable code and a source span.
// Rendering (file:line:col + caret) lives in render.ts; stages only collect.

import type { Span } from '../ir/types';

export type Severity = 'error' | 'warning';

/** Stable codes; tests and users may rely on them. */
export type DiagnosticCode =
  | 'BG001' // unreadable or unknown input file
  | 'BG002' // syntax error in a declaration or routine header
  | 'BG003' // unsupported construct: routine skipped
  | 'BG004' // kind that cannot be resolved
  | 'BG005' // bad command-line usage
  | 'BG006' // name given to --only/--skip that no routine has
  | 'BG007' // nothing to wrap
  | 'BG008'; // inconsistent declarations (e.g. a dimension names an unknown variable)

/** The span of problems that come from the command line rather than a source file. */
export const COMMAND_LINE: Span = { file: '<command line>', line: 0, col: 0 };

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly span: Span;
  readonly message: string;
}

/** Collects diagnostics across stages, in the order found. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];

  error(code: DiagnosticCode, span: Span, message: string): void {
    this.items.push({ code, severity: 'error', span, message });
  }

  warning(code: DiagnosticCode, span: Span, message: string): void {
    this.items.push({ code, severity: 'warning', span, message });
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

/** Thrown when input is bad (exit status 1); carries every diagnostic found, not just the first. */
export class InputError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(`${diagnostics.filter((d) => d.severity === 'error').length} error(s) in input`);
    this.name = 'InputError';
  }
}

/** Thrown when the toolchain fails (exit status 2); `output` is the compiler's own message. */
export class ToolchainError extends Error {
  constructor(message: string, readonly output: string) {
    super(message);
    this.name = 'ToolchainError';
  }
}
