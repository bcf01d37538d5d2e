// The calling rules of a callback (contract 1.5), as a query on its signature: which Fortran
// arguments the JS function receives, which it may set by returning an object, and its result.

import { inferSizes } from './passes/sizes';
import type { Arg, CallbackSignature, Routine } from './types';

export interface CallbackConvention {
  /** What the JS function receives, in order: inputs, and every array (outputs are filled in place). */
  readonly params: readonly Arg[];
  /** Scalars the function may set by returning `{ name: value }` (intent out/inout). */
  readonly settable: readonly Arg[];
  readonly result?: Arg;
}

/**
 * The arguments the addon passes to a routine's shim, or a trampoline receives: a C function's
 * `void *` userdata is the C shim's own (it carries the trampoline to the C adapter).
 */
export function addonArgs(args: readonly Arg[]): Arg[] {
  return args.filter((a) => a.userdata === undefined);
}

/** Sizes the JS side can read off the arrays it receives are left out, as in a call. */
export function callbackConvention(sig: CallbackSignature): CallbackConvention {
  const asRoutine: Routine = { name: '', kind: sig.kind, args: sig.args, threadsafe: false, span: { file: '', line: 0, col: 0 } };
  const args = inferSizes(asRoutine).args;
  const params = args.filter((a) => !a.hidden && !(a.default?.kind === 'extent') && (a.rank > 0 || a.intent !== 'out'));
  const settable = args.filter((a) => a.rank === 0 && (a.intent === 'out' || a.intent === 'inout'));
  return { params, settable, ...(sig.result ? { result: sig.result } : {}) };
}
