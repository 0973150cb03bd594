import { type ReactNode, useId } from 'react';
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

/** What every labelled field component takes besides its control's own props. */
export interface LabelledFieldProps extends FieldDescription {
  label: ReactNode;
  /** Defaults to a generated one; the hint and error ids derive from it. */
  id?: string;
  /** Extra classes on the field's wrapper, e.g. "field-grow". */
  fieldClassName?: string;
}

/** The props a labelled field hands to its control: its id and the ARIA that ties it to hint and error. */
export type ControlProps = { id: string } & ReturnType<typeof fieldAria>;

/**
 * Splits a field component's props into the field's own and the control's, and renders
 * the field around `control(...)`, which gets the id and ARIA attributes to spread.
 */
export function LabelledField<P extends LabelledFieldProps>({
  props,
  control,
}: {
  props: P;
  control: (rest: Omit<P, keyof LabelledFieldProps>, controlProps: ControlProps) => ReactNode;
}) {
  const { label, id: givenId, hint, error, describedBy, fieldClassName, ...rest } = props;
  const generatedId = useId();
  const id = givenId ?? generatedId;
  return (
    <FormField id={id} label={label} hint={hint} error={error} className={fieldClassName}>
      {control(rest, { id, ...fieldAria(id, { hint, error, describedBy }) })}
    </FormField>
  );
}
