import type { ComponentProps } from 'react';
import { LabelledField, type LabelledFieldProps } from './FormField';

type SelectFieldProps = LabelledFieldProps & Omit<ComponentProps<'select'>, 'id' | 'aria-invalid' | 'aria-describedby'>;

/** A labelled `<select>` with its hint and error; other props, options included, go to the select. */
export function SelectField(props: SelectFieldProps) {
  return <LabelledField props={props} control={(select, controlProps) => <select {...select} {...controlProps} />} />;
}
