// The C shim of C header functions: by-address wrappers, by-value chars, and callback adapters
// that take C's arguments and pass them on by address to the trampoline the userdata carries.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readCHeaders } from '../../../src/c';
import { DiagnosticBag } from '../../../src/diag/diagnostic';
import { emitCShim } from '../../../src/emit/c-shim/shim';
import { runPasses } from '../../../src/ir/passes';
import type { Interface } from '../../../src/ir/types';

function wrap(header: string, only?: string[]): { iface: Interface; bag: DiagnosticBag } {
  const bag = new DiagnosticBag();
  const read = readCHeaders([header], { includeDirs: [], cflags: [] }, bag);
  return { iface: runPasses(read, { ...(only ? { only } : {}) }, bag), bag };
}

function tempHeader(text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bridgegen-cshim-')), 'cb.h');
  fs.writeFileSync(file, text);
  return file;
}

describe('C shim', () => {
  const { iface } = wrap('fortran/tests/c/mylib.h', ['mylib_integrate', 'mylib_map', 'mylib_count']);
  const text = emitCShim('mylib', iface, (h) => `#include "${path.basename(h)}"`)!;

  it('adapts a callback: C signature, arguments by address to the trampoline from the userdata', () => {
    expect(text).toContain([
      'static double bgshim_mylib_mylib_integrate_cb_f(double p_x, void* p_userdata) {',
      '  double (*trampoline)(double*) = (double (*)(double*))p_userdata;',
      '  return trampoline(&p_x);',
      '}',
      '',
      'void bgshim_mylib_mylib_integrate(void* p_f, double* p_a, double* p_b, int32_t* p_n, double* result) {',
      '  *result = mylib_integrate((mylib_fn)bgshim_mylib_mylib_integrate_cb_f, p_f, *p_a, *p_b, *p_n);',
      '}',
    ].join('\n'));
    expect(text).toContain('mylib_map(*p_n, p_x, *p_incx, (double (*)(double, int, void *))bgshim_mylib_mylib_map_cb_g, p_g);');
  });

  it('passes a C string by address and a char by value', () => {
    expect(text).toContain('*result = mylib_count(p_text, *p_c, *p_strict);');
  });

  it('refuses a function pointer without a void * userdata', () => {
    const { iface: none, bag } = wrap(tempHeader('double integ(double (*f)(double x), double a, double b);\nint one(void);\n'));
    expect(none.routines.map((r) => r.name)).toEqual(['one']);
    expect(bag.items.map((d) => d.message)).toEqual([
      'routine `integ` skipped: argument `f` of C function is a function pointer without a `void *` userdata argument that the ' +
      'function hands back to it, not supported yet (the C adapter finds the JS function through it)',
    ]);
  });
});
