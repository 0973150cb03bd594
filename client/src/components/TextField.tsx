import { useId, type ComponentProps, type ReactNode } from 'react';
import { type FieldDescription, FormField, fieldAria } from './FormField';

interface FieldOwnProps extends FieldDescription {
  label: ReactNode;
  /** Defaults to a generated one; the hint and error ids derive from it. */
  id?: string;
  /** Extra classes on the field's wrapper, e.g. "field-grow". */
  fieldClassName?: string;
}

type TextFieldProps = FieldOwnProps &
  Omit<ComponentProps<'input'>, 'id' | 'aria-invalid' | 'aria-describedby' | 'children'> & {
    /** Shown in one row with the input, e.g. a button that reveals a password. */
    addon?: ReactNode;
  };

/**
 * A labelled text input with its hint and error. Every other prop, `ref` included
 * (to focus the first invalid field), goes to the `<input>`.
 */
export function TextField({
  label,
  id: givenId,
  hint,
  error,
  describedBy,
  fieldClassName,
  addon,
  type = 'text',
  ...input
}: TextFieldProps) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  const control = <input id={id} type={type} {...input} {...fieldAria(id, { hint, error, describedBy })} />;
  return (
    <FormField id={id} label={label} hint={hint} error={error} className={fieldClassName}>
      {addon ? (
        <div className="input-with-button">
          {control}
          {addon}
        </div>
      ) : (
        control
      )}
    </FormField>
  );
}

type TextAreaFieldProps = FieldOwnProps &
  Omit<ComponentProps<'textarea'>, 'id' | 'aria-invalid' | 'aria-describedby' | 'children'>;

/** A labelled multi-line text box with its hint and error; other props go to the `<textarea>`. */
export function TextAreaField({
  label,
  id: givenId,
  hint,
  error,
  describedBy,
  fieldClassName,
  className = 'textarea',
  ...textarea
}: TextAreaFieldProps) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  return (
    <FormField id={id} label={label} hint={hint} error={error} className={fieldClassName}>
      <textarea id={id} className={className} {...textarea} {...fieldAria(id, { hint, error, describedBy })} />
    </FormField>
  );
}
