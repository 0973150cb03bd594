import type { ReactNode } from 'react';
import './form-field.css';

/** What a labelled control says about itself beyond its label. */
export interface FieldDescription {
  /** Help shown under the control; the control is described by it. */
  hint?: ReactNode;
  /** What is wrong with the value; marks the control invalid and describes it first. */
  error?: string | null;
  /** Further ids the control is described by (e.g. a form-level message). */
  describedBy?: string;
}

/**
 * The ARIA attributes that tie a control to its hint and error, both rendered by
 * `FormField` under ids derived from the control's id.
 */
export function fieldAria(id: string, { hint, error, describedBy }: FieldDescription) {
  const ids = [error ? `${id}-error` : null, hint ? `${id}-hint` : null, describedBy ?? null].filter(Boolean);
  return {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': ids.length > 0 ? ids.join(' ') : undefined,
  } as const;
}

/**
 * One labelled control in a form: the label names the control by `id`, then the control,
 * its hint and its error. Pair it with `fieldAria(id, …)` on the control.
 */
export function FormField({
  id,
  label,
  hint,
  error,
  className,
  children,
}: FieldDescription & { id: string; label: ReactNode; className?: string; children: ReactNode }) {
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
