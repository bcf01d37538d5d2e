// The part of F2Py's `callstatement` that is a call and nothing else: which arguments the Fortran
// routine receives, in its order, each possibly displaced by an element offset —
//
//   callstatement (*f2py_func)(&n,x+offx,&incx,y+offy,&incy)
//   callstatement xy=(*f2py_func)(&n,x+offx,&incx,y+offy,&incy)     (a function)
//
// SciPy's BLAS signatures need exactly this (`ddot(x,y,[n,offx,incx,offy,incy])`). Arbitrary C
// (loops, braces, casts) is refused: bridgegen calls through its Fortran shim, not F2Py's C.

import type { CallArg, Expr } from '../ir/types';
import { parseExpr } from '../fortran/expr';
import { lex } from '../fortran/lexer';

export interface CallStatement {
  /** The name the function's value is assigned to, if the statement assigns one. */
  readonly result?: string;
  readonly args: readonly CallArg[];
}

const CALL = /^(?:(\w+)\s*=\s*)?\(\s*\*\s*f2py_func\s*\)\s*\((.*)\)\s*;?\s*$/s;
const ACTUAL = /^&?\s*([a-z_]\w*)\s*(?:\+\s*(.+))?$/is;

/** Splits at commas outside parentheses. */
function splitArgs(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function offsetOf(text: string): Expr | string {
  const r = parseExpr(lex(text));
  return 'expr' in r ? r.expr : `the offset \`${text}\` does not parse (${r.error})`;
}

/** The call a `callstatement` makes, or why it is more than a call. */
export function parseCallStatement(text: string): CallStatement | { readonly problem: string } {
  const call = CALL.exec(text.trim());
  if (!call) return { problem: 'its `callstatement` is more than `(*f2py_func)(...)` with argument offsets (bridgegen calls the routine through its own shim)' };
  const args: CallArg[] = [];
  for (const actual of splitArgs(call[2]!)) {
    const m = ACTUAL.exec(actual);
    if (!m) return { problem: `its \`callstatement\` passes \`${actual}\`; only \`name\`, \`&name\` and \`array+offset\` are supported` };
    const name = m[1]!.toLowerCase();
    if (m[2] === undefined) {
      args.push({ name });
      continue;
    }
    const offset = offsetOf(m[2]);
    if (typeof offset === 'string') return { problem: `its \`callstatement\`: ${offset}` };
    args.push({ name, offset });
  }
  return call[1] ? { result: call[1].toLowerCase(), args } : { args };
}
