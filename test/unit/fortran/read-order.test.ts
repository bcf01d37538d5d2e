// Unit tests of readFortran's file-by-file lowering (lower.ts `Lowering`): whatever the order of the files,
// the IR and the diagnostics are those of lowering all parsed files in one batch (`lowerSources`).

import { DiagnosticBag } from '../../../src/diag/diagnostic';
import { parseFortran, readFortran, type SourceFile } from '../../../src/fortran/index';
import { lowerSources } from '../../../src/fortran/lower';

const MODULE: SourceFile = { path: 'm.f90', text: 'module m\n  integer, parameter :: wp = 8\nend module m\n' };
const MODULE_AGAIN: SourceFile = { path: 'm2.f90', text: 'module m\n  integer, parameter :: wp = 4\nend module m\n' };
const USER: SourceFile = { path: 'u.f90', text: 'subroutine s(x)\n  use m\n  real(wp) :: x\nend subroutine s\n' };
const PLAIN: SourceFile = { path: 'p.f', text: '      SUBROUTINE P(Y, Z)\n      REAL Y\n      INTEGER Z(N)\n      END\n' };
const UNTYPED: SourceFile = { path: 'q.f90', text: 'subroutine q(v)\n  implicit none\nend subroutine q\n' };
const BROKEN: SourceFile = { path: 'b.f90', text: 'subroutine b(x)\n  real, dimension( :: x\nend subroutine b\n' };

/** readFortran, and the batch it must agree with. */
function both(files: readonly SourceFile[]) {
  const bag = new DiagnosticBag();
  const ir = readFortran(files, bag);
  const batchBag = new DiagnosticBag();
  const batch = lowerSources(files.map((f) => parseFortran(f, batchBag)), batchBag);
  return { ir, bag, batch, batchBag };
}

describe('readFortran lowers file by file as one batch would', () => {
  it.each([
    ['module first', [MODULE, USER]],
    ['module after its use', [USER, MODULE]],
    ['module defined twice', [MODULE, USER, MODULE_AGAIN]],
    ['files without modules around them', [PLAIN, USER, PLAIN, MODULE]],
  ])('%s', (_name, files) => {
    const { ir, bag, batch, batchBag } = both(files);
    expect(ir).toEqual(batch);
    expect(bag.items).toEqual(batchBag.items);
  });

  it('resolves a kind from a module given after the file that uses it', () => {
    const { ir } = both([USER, MODULE]);
    expect(ir.routines.find((r) => r.name === 's')?.args[0]).toMatchObject({ type: 'real', kind: 8 });
  });

  it('the last definition of a module is the one used, as in a batch', () => {
    const { ir } = both([MODULE, USER, MODULE_AGAIN]);
    expect(ir.routines.find((r) => r.name === 's')?.args[0]).toMatchObject({ type: 'real', kind: 4 });
  });

  it("reports every file's syntax errors before lowering's diagnostics", () => {
    const { bag, batchBag } = both([UNTYPED, BROKEN]);
    expect(bag.items.map((d) => d.span.file)).toEqual(batchBag.items.map((d) => d.span.file));
    expect(bag.items.map((d) => [d.span.file, d.code])).toEqual([['b.f90', 'BG002'], ['q.f90', 'BG008']]);
  });
});
