import { useId, type ComponentProps, type ReactNode } from 'react';
import { type FieldDescription, FormField, fieldAria } from './FormField';

type SelectFieldProps = FieldDescription &
  Omit<ComponentProps<'select'>, 'id' | 'aria-invalid' | 'aria-describedby'> & {
    label: ReactNode;
    id?: string;
    /** Extra classes on the field's wrapper. */
    fieldClassName?: string;
  };

/** A labelled `<select>` with its hint and error; other props, options included, go to the select. */
export function SelectField({
  label,
  id: givenId,
  hint,
  error,
  describedBy,
  fieldClassName,
  children,
  ...select
}: SelectFieldProps) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  return (
    <FormField id={id} label={label} hint={hint} error={error} className={fieldClassName}>
      <select id={id} {...select} {...fieldAria(id, { hint, error, describedBy })}>
        {children}
      </select>
    </FormField>
  );
}
