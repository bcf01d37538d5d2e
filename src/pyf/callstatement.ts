// The part of F2Py's `callstatement` that is a call and nothing else: which arguments the Fortran
// routine receives, in its order, each possibly displaced by an element offset —
//
//   callstatement (*f2py_func)(&n,x+offx,&incx,y+offy,&incy)
//   callstatement xy=(*f2py_func)(&n,x+offx,&incx,y+offy,&incy)     (a function)
//
// SciPy's BLAS signatures need exactly this (`ddot(x,y,[n,offx,incx,offy,incy])`). Arbitrary C
// (loops, braces, casts) is refused: bridgegen calls through its Fortran shim, not F2Py's C.

import type { CallArg } from '../ir/types';
import { splitTop } from '../fortran/cursor';
import { parseExpr } from '../fortran/expr';
import { lex, type Token } from '../fortran/lexer';

export interface CallStatement {
  /** The name the function's value is assigned to, if the statement assigns one. */
  readonly result?: string;
  readonly args: readonly CallArg[];
}

const CALL = /^(?:(\w+)\s*=\s*)?\(\s*\*\s*f2py_func\s*\)\s*\((.*)\)\s*;?\s*$/s;

const isOp = (t: Token | undefined, text: string): boolean => t?.kind === 'op' && t.text === text;

/** One actual argument: `name`, `&name` or `name+offset`; a problem for anything else. */
function actualOf(tokens: readonly Token[]): CallArg | string {
  const at = isOp(tokens[0], '&') ? 1 : 0;
  const name = tokens[at];
  const written = tokens.map((t) => t.text).join('');
  const plain = name?.kind === 'ident' && (tokens.length === at + 1 || (isOp(tokens[at + 1], '+') && tokens.length > at + 2));
  if (!plain) return `its \`callstatement\` passes \`${written}\`; only \`name\`, \`&name\` and \`array+offset\` are supported`;
  if (tokens.length === at + 1) return { name: name.text.toLowerCase() };
  const r = parseExpr(tokens.slice(at + 2));
  return 'expr' in r ? { name: name.text.toLowerCase(), offset: r.expr } : `its \`callstatement\`: the offset of \`${name.text}\` does not parse (${r.error})`;
}

/** The call a `callstatement` makes, or why it is more than a call. */
export function parseCallStatement(text: string): CallStatement | { readonly problem: string } {
  const call = CALL.exec(text.trim());
  if (!call) return { problem: 'its `callstatement` is more than `(*f2py_func)(...)` with argument offsets (bridgegen calls the routine through its own shim)' };
  const args: CallArg[] = [];
  for (const tokens of splitTop(lex(call[2]!)).filter((t) => t.length > 0)) {
    const actual = actualOf(tokens);
    if (typeof actual === 'string') return { problem: actual };
    args.push(actual);
  }
  return call[1] ? { result: call[1].toLowerCase(), args } : { args };
}
