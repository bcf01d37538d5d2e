// Unit tests of diag/render.ts (file:line:col, source line and caret) and the DiagnosticBag.

import { COMMAND_LINE, type Diagnostic, DiagnosticBag } from '../../../src/diag/diagnostic';
import { renderDiagnostic, renderDiagnostics } from '../../../src/diag/render';

const at = (line: number, col: number, severity: Diagnostic['severity'] = 'error'): Diagnostic => ({
  code: 'BG008', severity, span: { file: 'src/a.f90', line, col }, message: 'dimension names `m`, which is not declared',
});

const lines: Record<number, string> = { 3: '  real(8) :: x(m)', 4: '\treal(8) :: y(m)' };
const reader = (file: string, line: number) => (file === 'src/a.f90' ? lines[line] : undefined);

describe('renderDiagnostic', () => {
  it('renders file:line:col: severity: message [CODE]', () => {
    expect(renderDiagnostic(at(3, 16))).toBe('src/a.f90:3:16: error: dimension names `m`, which is not declared [BG008]');
    expect(renderDiagnostic(at(3, 16, 'warning'))).toMatch(/^src\/a\.f90:3:16: warning: /);
  });

  it('adds the source line and a caret under the column', () => {
    const text = renderDiagnostic(at(3, 16), reader);
    expect(text.split('\n')).toEqual([
      'src/a.f90:3:16: error: dimension names `m`, which is not declared [BG008]',
      '    real(8) :: x(m)',
      '                 ^',
    ]);
    const [, source, caret] = text.split('\n');
    expect(source[caret.indexOf('^')]).toBe('m');
  });

  it('puts the caret in column 1 and turns tabs into one blank so the caret stays aligned', () => {
    expect(renderDiagnostic(at(3, 1), reader).split('\n')[2]).toBe('  ^');
    const [, source, caret] = renderDiagnostic(at(4, 15), reader).split('\n');
    expect(source).toBe('   real(8) :: y(m)');
    expect(source[caret.indexOf('^')]).toBe('m');
  });

  it('gives only the head line when the source is not available', () => {
    expect(renderDiagnostic(at(9, 2), reader)).toBe('src/a.f90:9:2: error: dimension names `m`, which is not declared [BG008]');
  });

  it('renders command-line diagnostics without a location', () => {
    const d: Diagnostic = { code: 'BG006', severity: 'error', span: COMMAND_LINE, message: '--only: no routine named `x`' };
    expect(renderDiagnostic(d, reader)).toBe('bridgegen: error: --only: no routine named `x` [BG006]');
  });

  it('renders several diagnostics one after another, in order', () => {
    expect(renderDiagnostics([at(3, 16), at(9, 1, 'warning')])).toBe(
      'src/a.f90:3:16: error: dimension names `m`, which is not declared [BG008]\n' +
        'src/a.f90:9:1: warning: dimension names `m`, which is not declared [BG008]',
    );
  });
});

describe('DiagnosticBag', () => {
  it('collects in order and has errors only once an error is added', () => {
    const bag = new DiagnosticBag();
    bag.warning('BG003', COMMAND_LINE, 'w');
    expect(bag.hasErrors).toBe(false);
    bag.error('BG007', COMMAND_LINE, 'e');
    expect(bag.hasErrors).toBe(true);
    expect(bag.items.map((d) => [d.code, d.severity, d.message])).toEqual([['BG003', 'warning', 'w'], ['BG007', 'error', 'e']]);
  });
});
