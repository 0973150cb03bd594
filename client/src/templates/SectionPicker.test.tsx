import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { BRIEF_SECTIONS } from '@brieflock/schema';
import { describe, expect, it } from 'vitest';
import { SectionPicker } from './SectionPicker';

function Harness({ onChange }: { onChange: (keys: string[]) => void }) {
  const [selected, setSelected] = useState<string[]>(BRIEF_SECTIONS.map((s) => s.key));
  return (
    <SectionPicker
      idPrefix="p"
      selected={selected}
      onChange={(keys) => {
        setSelected(keys);
        onChange(keys);
      }}
      error={selected.length === 0 ? 'Choose at least one section.' : null}
    />
  );
}

describe('SectionPicker', () => {
  it('lists every section checked, unchecks and rechecks keeping layout order', () => {
    const seen: string[][] = [];
    render(<Harness onChange={(keys) => seen.push(keys)} />);
    const boxes = screen.getAllByRole('checkbox') as HTMLInputElement[];
    expect(boxes).toHaveLength(BRIEF_SECTIONS.length);
    expect(boxes.every((box) => box.checked)).toBe(true);
    fireEvent.click(screen.getByLabelText('Scope'));
    expect(seen.at(-1)).not.toContain('scope');
    fireEvent.click(screen.getByLabelText('Scope'));
    expect(seen.at(-1)).toEqual(BRIEF_SECTIONS.map((s) => s.key));
  });

  it('says next to the group when nothing is checked', () => {
    render(<Harness onChange={() => {}} />);
    for (const section of BRIEF_SECTIONS) fireEvent.click(screen.getByLabelText(section.title));
    const group = screen.getByRole('group', { name: 'Sections to copy' });
    expect(group.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Choose at least one section.').id).toBe(group.getAttribute('aria-describedby'));
  });
});
