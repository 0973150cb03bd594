import type { ComponentProps, ReactNode } from 'react';
import { LabelledField, type LabelledFieldProps } from './FormField';

type Control<T extends 'input' | 'textarea'> = Omit<
  ComponentProps<T>,
  'id' | 'aria-invalid' | 'aria-describedby' | 'children'
>;

type TextFieldProps = LabelledFieldProps &
  Control<'input'> & {
    /** Shown in one row with the input, e.g. a button that reveals a password. */
    addon?: ReactNode;
  };

/**
 * A labelled text input with its hint and error. Every other prop, `ref` included
 * (to focus the first invalid field), goes to the `<input>`.
 */
export function TextField({ addon, type = 'text', ...props }: TextFieldProps) {
  return (
    <LabelledField
      props={props}
      control={(input, controlProps) => {
        const control = <input type={type} {...input} {...controlProps} />;
        return addon ? (
          <div className="input-with-button">
            {control}
            {addon}
          </div>
        ) : (
          control
        );
      }}
    />
  );
}

type TextAreaFieldProps = LabelledFieldProps & Control<'textarea'>;

/** A labelled multi-line text box with its hint and error; other props go to the `<textarea>`. */
export function TextAreaField({ className = 'textarea', ...props }: TextAreaFieldProps) {
  return (
    <LabelledField
      props={props}
      control={(textarea, controlProps) => <textarea className={className} {...textarea} {...controlProps} />}
    />
  );
}
