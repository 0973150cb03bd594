import { useLayoutEffect, useRef, useState, type ChangeEvent, type FocusEvent, type RefObject } from 'react';
import type * as Y from 'yjs';
import { isIsoDate, type FieldSpec } from '@brieflock/schema';
import { dateProblem, enumLabel, integerProblem } from './labels';
import { readText, TextBinding } from './text-binding';

type YMap = Y.Map<unknown>;

export interface FieldControlProps {
  map: YMap;
  field: FieldSpec;
  id: string;
  /** Overrides the visible label's name, e.g. "Milestone 2 title" in a list. */
  ariaLabel?: string;
  describedBy?: string;
  long?: boolean;
  disabled: boolean;
}

/** One form control bound to one key of a Y.Map. */
export function FieldControl(props: FieldControlProps) {
  switch (props.field.type) {
    case 'enum':
      return <EnumField {...props} />;
    case 'date':
      return <DateField {...props} />;
    case 'integer':
      return <IntegerField {...props} />;
    default:
      return <TextField {...props} />;
  }
}

type TextElement = HTMLInputElement | HTMLTextAreaElement;

/**
 * Puts a remote value into an uncontrolled date or number control, unless it holds what the
 * typist entered and cannot be stored yet: that stays on screen until corrected.
 * No defaultValue: React would rewrite it on every remote change.
 */
function useRemoteValue(value: string, holding: RefObject<boolean>) {
  const ref = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (element && !holding.current && !element.validity.badInput && element.value !== value) element.value = value;
  }, [value, holding]);
  return ref;
}

/** A free-text field: the control is bound to the field's Y.Text character by character. */
function TextField({ map, field, id, ariaLabel, describedBy, long, disabled }: FieldControlProps) {
  const ref = useRef<TextElement>(null);
  useLayoutEffect(() => {
    if (!ref.current) return;
    const binding = new TextBinding(ref.current, map, field.key);
    return () => binding.destroy();
  }, [map, field.key]);
  const common = {
    id,
    name: field.key,
    disabled,
    'aria-label': ariaLabel,
    'aria-describedby': describedBy,
    autoComplete: 'off',
    className: 'brief-input',
  };
  return long ? (
    <textarea ref={ref as RefObject<HTMLTextAreaElement>} rows={2} {...common} />
  ) : (
    <input ref={ref as RefObject<HTMLInputElement>} type="text" {...common} />
  );
}

/**
 * What the typist is told next to a date or number that cannot be stored, and whether the
 * control holds such a value. The value is not written (the others never see it) and stays
 * in the control until corrected. `eager`: say so at once (a complete number that is out of
 * range), otherwise only once the typist leaves the control (a date still being typed is
 * incomplete too).
 */
function useFieldProblem() {
  const [problem, setProblem] = useState<string | null>(null);
  const holding = useRef(false);
  const report = (message: string | null, eager: boolean) => {
    holding.current = message !== null;
    if (message === null || eager) setProblem(message);
  };
  return { problem, holding, report, setProblem };
}

function describedByWith(describedBy: string | undefined, ...ids: (string | false | null | undefined)[]) {
  return [describedBy, ...ids].filter(Boolean).join(' ') || undefined;
}

/** Says why a date or number was not stored, next to its control. */
function FieldProblem({ id, message }: { id: string; message: string }) {
  return (
    <p id={id} className="field-error" role="alert">
      {message}
    </p>
  );
}

function DateField({ map, field, id, ariaLabel, describedBy, disabled }: FieldControlProps) {
  const raw = readText(map.get(field.key)).trim();
  const valid = isIsoDate(raw);
  const { problem, holding, report, setProblem } = useFieldProblem();
  const ref = useRemoteValue(valid ? raw : '', holding);
  const noteId = `${id}-note`;
  const problemId = `${id}-problem`;
  const check = (input: HTMLInputElement): string | null =>
    input.validity.badInput || (input.value !== '' && !isIsoDate(input.value)) ? dateProblem(field) : null;
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const message = check(input);
    // An incomplete or impossible date (2026-02-30) reads as "" with badInput: not stored.
    report(message, message !== null && problem !== null);
    if (message) return;
    if (input.value === '') {
      if (map.has(field.key)) map.delete(field.key);
    } else if (map.get(field.key) !== input.value) map.set(field.key, input.value);
  };
  const onBlur = (event: FocusEvent<HTMLInputElement>) => setProblem(check(event.currentTarget));
  const written = !valid && raw !== '';
  return (
    <>
      <input
        ref={ref}
        type="date"
        id={id}
        name={field.key}
        onChange={onChange}
        onBlur={onBlur}
        disabled={disabled}
        aria-label={ariaLabel}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedByWith(describedBy, written && noteId, problem && problemId)}
        className="brief-input"
      />
      {problem && <FieldProblem id={problemId} message={problem} />}
      {written && (
        <p id={noteId} className="field-note">
          Written elsewhere as “{raw}”, which is not a date yet.
        </p>
      )}
    </>
  );
}

function readInteger(value: unknown): string {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : '';
  const text = readText(value).trim();
  return /^-?\d{1,15}$/.test(text) ? String(Number(text)) : '';
}

function IntegerField({ map, field, id, ariaLabel, describedBy, disabled }: FieldControlProps) {
  const value = readInteger(map.get(field.key));
  const { problem, holding, report, setProblem } = useFieldProblem();
  const ref = useRemoteValue(value, holding);
  const problemId = `${id}-problem`;
  const check = (input: HTMLInputElement): string | null => {
    if (input.validity.badInput) return integerProblem(field);
    if (input.value === '') return null;
    const number = Number(input.value);
    return Number.isSafeInteger(number) && number >= 0 ? null : integerProblem(field);
  };
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const message = check(input);
    // "-" or "1e" on the way to a number read as "" with badInput: said once the typist leaves.
    report(message, !input.validity.badInput || problem !== null);
    if (message) return;
    if (input.value === '') {
      if (map.has(field.key)) map.delete(field.key);
      return;
    }
    const number = Number(input.value);
    if (map.get(field.key) !== number) map.set(field.key, number);
  };
  const onBlur = (event: FocusEvent<HTMLInputElement>) => setProblem(check(event.currentTarget));
  return (
    <>
      <input
        ref={ref}
        type="number"
        inputMode="numeric"
        min={0}
        step={1}
        id={id}
        name={field.key}
        onChange={onChange}
        onBlur={onBlur}
        disabled={disabled}
        aria-label={ariaLabel}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedByWith(describedBy, problem && problemId)}
        className="brief-input brief-input-number"
      />
      {problem && <FieldProblem id={problemId} message={problem} />}
    </>
  );
}

function EnumField({ map, field, id, ariaLabel, describedBy, disabled }: FieldControlProps) {
  const raw = readText(map.get(field.key));
  const values = field.values ?? [];
  const value = values.includes(raw) ? raw : '';
  const onChange = (event: ChangeEvent<HTMLSelectElement>) => {
    const next = event.currentTarget.value;
    if (next === '') map.delete(field.key);
    else map.set(field.key, next);
  };
  return (
    <select
      id={id}
      name={field.key}
      value={value}
      onChange={onChange}
      disabled={disabled}
      aria-label={ariaLabel}
      aria-describedby={describedBy}
      className="brief-input"
    >
      <option value="">—</option>
      {values.map((option) => (
        <option key={option} value={option}>
          {enumLabel(option)}
        </option>
      ))}
    </select>
  );
}
