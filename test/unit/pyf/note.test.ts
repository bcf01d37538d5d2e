import { takeNotes } from '../../../src/pyf/note';

describe('note(...) in signature files', () => {
  it('takes the note out, keeping every column, and names what it documents', () => {
    const text = 'real*8 dimension(n), intent(in), note(The values (all of them).) :: x, y(n,2)';
    const { text: blanked, notes } = takeNotes(text);
    expect(blanked).toHaveLength(text.length);
    expect(blanked).toMatch(/^real\*8 dimension\(n\), intent\(in\)\s+:: x, y\(n,2\)$/);
    expect([...notes]).toEqual([['x', 'The values (all of them).'], ['y', 'The values (all of them).']]);
  });

  it("reads F2Py's \\n as a paragraph break and leaves declarations without notes alone", () => {
    expect(takeNotes('integer note(First.\\n\\nSecond.) :: n').notes.get('n')).toBe('First.\n\nSecond.');
    const plain = 'integer intent(hide) :: n = len(x)';
    expect(takeNotes(plain)).toEqual({ text: plain, notes: new Map() });
  });

  it('leaves an unclosed note to the declaration parser', () => {
    expect(takeNotes('real note(oops :: x').notes.size).toBe(0);
  });
});
