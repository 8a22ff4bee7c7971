// A form field: its label, an optional hint, the control, and the problem with its value (ours or the
// server's). The control gets the ids that tie it to its label, hint and problem, so a screen reader
// reads them together and the control is marked invalid while there is a problem.
import { AlertCircle } from 'lucide-react';
import { useId, type ReactNode } from 'react';

import './Field.css';

export interface FieldControlProps {
  id: string;
  /** For a control that isn't labelled by a `<label for>` (a radio group). */
  'aria-labelledby': string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}

export function Field({
  label,
  hint,
  error,
  group = false,
  children,
}: {
  label: ReactNode;
  /** A sentence under the label: what the value does, or the shape it takes. */
  hint?: ReactNode;
  /** What's wrong with the value; replaces nothing, shown under the control. */
  error?: string | undefined;
  /** The control is a group (radio buttons), labelled by `aria-labelledby` rather than `<label for>`. */
  group?: boolean;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const id = useId();
  const labelId = `${id}-label`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint !== undefined ? hintId : null, error !== undefined ? errorId : null]
    .filter((part) => part !== null)
    .join(' ');
  return (
    <div className="form-field" data-invalid={error !== undefined ? '' : undefined}>
      {group ? (
        <span className="form-field-label" id={labelId}>
          {label}
        </span>
      ) : (
        <label className="form-field-label" id={labelId} htmlFor={id}>
          {label}
        </label>
      )}
      {hint !== undefined && (
        <p className="form-field-hint" id={hintId}>
          {hint}
        </p>
      )}
      <div className="form-field-control">
        {children({
          id,
          'aria-labelledby': labelId,
          'aria-describedby': describedBy === '' ? undefined : describedBy,
          'aria-invalid': error !== undefined ? true : undefined,
        })}
      </div>
      {error !== undefined && (
        <p className="form-field-error" id={errorId}>
          <AlertCircle size={14} aria-hidden="true" />
          <span>{error}</span>
        </p>
      )}
    </div>
  );
}
