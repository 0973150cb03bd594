import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { SelectField } from './SelectField';
import { TextAreaField, TextField } from './TextField';

function Controlled() {
  const [value, setValue] = useState('');
  return (
    <>
      <TextField label="Name" value={value} onChange={(event) => setValue(event.target.value)} />
      <output>{value}</output>
    </>
  );
}

describe('TextField', () => {
  it('is named by its label and passes input attributes through', () => {
    render(
      <TextField
        label="E-mail"
        name="email"
        type="email"
        autoComplete="username"
        inputMode="email"
        required
        maxLength={80}
      />,
    );
    const input = screen.getByLabelText('E-mail');
    expect(input.tagName).toBe('INPUT');
    expect(input).toHaveProperty('type', 'email');
    expect(input.getAttribute('name')).toBe('email');
    expect(input.getAttribute('autocomplete')).toBe('username');
    expect(input.getAttribute('inputmode')).toBe('email');
    expect(input.getAttribute('maxlength')).toBe('80');
    expect(input).toHaveProperty('required', true);
  });

  it('is a text input unless told otherwise, under the given id', () => {
    render(<TextField id="sign-in-name" label="Name" />);
    const input = screen.getByLabelText('Name');
    expect(input.id).toBe('sign-in-name');
    expect(input.getAttribute('type')).toBe('text');
  });

  it('without hint or error it is neither described nor invalid', () => {
    render(<TextField label="Title" />);
    const input = screen.getByLabelText('Title');
    expect(input.hasAttribute('aria-describedby')).toBe(false);
    expect(input.hasAttribute('aria-invalid')).toBe(false);
  });

  it('is described by its hint, which it renders under its own id', () => {
    render(<TextField id="pw" label="Password" type="password" hint="At least 12 characters." />);
    const input = screen.getByLabelText('Password');
    expect(input.getAttribute('aria-describedby')).toBe('pw-hint');
    expect(document.getElementById('pw-hint')?.textContent).toBe('At least 12 characters.');
    expect(input.hasAttribute('aria-invalid')).toBe(false);
  });

  it('with an error it is invalid and described by the error first, then the hint and any other', () => {
    render(
      <TextField id="pw" label="Password" hint="At least 12 characters." error="Too short." describedBy="form-error" />,
    );
    const input = screen.getByLabelText('Password');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('pw-error pw-hint form-error');
    expect(document.getElementById('pw-error')?.textContent).toBe('Too short.');
  });

  it('drops the error, its mark and its description once the error is cleared', () => {
    const { rerender } = render(<TextField id="t" label="Title" error="Enter a title." />);
    expect(screen.getByText('Enter a title.')).toBeTruthy();
    rerender(<TextField id="t" label="Title" error={null} />);
    const input = screen.getByLabelText('Title');
    expect(screen.queryByText('Enter a title.')).toBeNull();
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    expect(input.hasAttribute('aria-describedby')).toBe(false);
  });

  it('two fields without ids get distinct ones, each label naming its own input', () => {
    render(
      <>
        <TextField label="First" hint="One" />
        <TextField label="Second" hint="Two" />
      </>,
    );
    const first = screen.getByLabelText('First');
    const second = screen.getByLabelText('Second');
    expect(first.id).not.toBe(second.id);
    expect(document.getElementById(first.getAttribute('aria-describedby') ?? '')?.textContent).toBe('One');
    expect(document.getElementById(second.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Two');
  });

  it('hands its input to a ref, so a form can focus the first invalid field', () => {
    const ref = createRef<HTMLInputElement>();
    render(<TextField ref={ref} label="Name" />);
    ref.current?.focus();
    expect(document.activeElement).toBe(screen.getByLabelText('Name'));
  });

  it('puts an addon in one row with the input', () => {
    render(<TextField label="Password" addon={<button type="button">Show</button>} />);
    const row = screen.getByLabelText('Password').parentElement;
    expect(row?.className).toBe('input-with-button');
    expect(row?.querySelector('button')?.textContent).toBe('Show');
  });

  it('adds its wrapper classes to the field', () => {
    render(<TextField label="Title" fieldClassName="field-grow" />);
    expect(screen.getByLabelText('Title').closest('.field')?.className).toBe('field field-grow');
  });

  it('is controlled like an input', async () => {
    render(<Controlled />);
    await userEvent.setup({ delay: null }).type(screen.getByLabelText('Name'), 'Ada');
    expect(screen.getByRole('status').textContent).toBe('Ada');
  });
});

describe('TextAreaField', () => {
  it('is a labelled textarea with the textarea class, its hint and error wired', () => {
    render(<TextAreaField id="note" label="Note" rows={3} hint="Optional." error="Too long." />);
    const area = screen.getByLabelText('Note');
    expect(area.tagName).toBe('TEXTAREA');
    expect(area.className).toBe('textarea');
    expect(area.getAttribute('rows')).toBe('3');
    expect(area.getAttribute('aria-invalid')).toBe('true');
    expect(area.getAttribute('aria-describedby')).toBe('note-error note-hint');
  });
});

describe('SelectField', () => {
  it('is a labelled select with its options', async () => {
    render(
      <SelectField label="Role" defaultValue="VIEWER" hint="Viewers only read.">
        <option value="CLIENT">Client</option>
        <option value="VIEWER">Viewer</option>
      </SelectField>,
    );
    const select = screen.getByLabelText('Role') as HTMLSelectElement;
    expect(select.tagName).toBe('SELECT');
    expect(select.value).toBe('VIEWER');
    expect(document.getElementById(select.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Viewers only read.',
    );
    await userEvent.setup({ delay: null }).selectOptions(select, 'CLIENT');
    expect(select.value).toBe('CLIENT');
  });
});
