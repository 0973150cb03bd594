import { useLayoutEffect, useRef, type ChangeEvent } from 'react';
import * as Y from 'yjs';
import { isIsoDate, type FieldSpec } from '@brieflock/schema';
import { enumLabel } from './labels';

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

function readText(value: unknown): string {
  if (value instanceof Y.Text) return value.toString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

/** Replaces only what changed, so a Y.Text another client wrote keeps merging character-wise. */
function writeText(map: YMap, key: string, next: string): void {
  const current = map.get(key);
  if (!(current instanceof Y.Text)) {
    if (current !== next) map.set(key, next);
    return;
  }
  const previous = current.toString();
  const { prefix, suffix } = commonEnds(previous, next);
  current.doc?.transact(() => {
    current.delete(prefix, previous.length - prefix - suffix);
    current.insert(prefix, next.slice(prefix, next.length - suffix));
  });
}

function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  const max = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < max && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return { prefix, suffix };
}

type TextElement = HTMLInputElement | HTMLTextAreaElement;

/**
 * Puts a remote value into an uncontrolled control. A focused text control keeps its
 * caret where the text around it stayed, instead of jumping to the end.
 */
function applyRemoteValue(element: TextElement, next: string, keepCaret: boolean): void {
  if (element.value === next) return;
  if (!keepCaret || document.activeElement !== element) {
    element.value = next;
    return;
  }
  const previous = element.value;
  const start = element.selectionStart ?? previous.length;
  const end = element.selectionEnd ?? start;
  const { prefix, suffix } = commonEnds(previous, next);
  const map = (position: number) => {
    if (position <= prefix) return position;
    if (position >= previous.length - suffix) return position + next.length - previous.length;
    return next.length - suffix;
  };
  element.value = next;
  element.setSelectionRange(map(start), map(end));
}

/**
 * Keeps an uncontrolled control in step with the shared value without fighting the typist.
 * No defaultValue: React would rewrite it on every remote change and reset the caret first.
 */
function useRemoteValue<T extends TextElement>(value: string, keepCaret: boolean) {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    if (ref.current) applyRemoteValue(ref.current, value, keepCaret);
  }, [value, keepCaret]);
  return ref;
}

function TextField({ map, field, id, ariaLabel, describedBy, long, disabled }: FieldControlProps) {
  const value = readText(map.get(field.key));
  const inputRef = useRemoteValue<HTMLInputElement>(value, true);
  const areaRef = useRemoteValue<HTMLTextAreaElement>(value, true);
  const onChange = (event: ChangeEvent<TextElement>) => writeText(map, field.key, event.currentTarget.value);
  const common = {
    id,
    name: field.key,
    onChange,
    disabled,
    'aria-label': ariaLabel,
    'aria-describedby': describedBy,
    autoComplete: 'off',
    className: 'brief-input',
  };
  return long ? <textarea ref={areaRef} rows={2} {...common} /> : <input ref={inputRef} type="text" {...common} />;
}

function DateField({ map, field, id, ariaLabel, describedBy, disabled }: FieldControlProps) {
  const raw = readText(map.get(field.key)).trim();
  const valid = isIsoDate(raw);
  const ref = useRemoteValue<HTMLInputElement>(valid ? raw : '', false);
  const noteId = `${id}-note`;
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    // A half-typed date reads as "" with badInput: keep the stored date until it is complete.
    if (input.value === '') {
      if (!input.validity.badInput) map.delete(field.key);
    } else if (isIsoDate(input.value)) {
      map.set(field.key, input.value);
    }
  };
  return (
    <>
      <input
        ref={ref}
        type="date"
        id={id}
        name={field.key}
        onChange={onChange}
        disabled={disabled}
        aria-label={ariaLabel}
        aria-describedby={[describedBy, !valid && raw ? noteId : null].filter(Boolean).join(' ') || undefined}
        className="brief-input"
      />
      {!valid && raw && (
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
  const ref = useRemoteValue<HTMLInputElement>(value, false);
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    if (input.value === '') {
      if (!input.validity.badInput) map.delete(field.key);
      return;
    }
    const number = Number(input.value);
    // Anything else stays on screen, flagged by :invalid, until it is a whole number again.
    if (Number.isSafeInteger(number) && number >= 0 && map.get(field.key) !== number) map.set(field.key, number);
  };
  return (
    <input
      ref={ref}
      type="number"
      inputMode="numeric"
      min={0}
      step={1}
      id={id}
      name={field.key}
      onChange={onChange}
      disabled={disabled}
      aria-label={ariaLabel}
      aria-describedby={describedBy}
      className="brief-input brief-input-number"
    />
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
