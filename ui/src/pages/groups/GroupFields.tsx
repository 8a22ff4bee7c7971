// A group's name and description as a form shows them, with the problems a create or rename refusal
// put on them (`formProblems`), for New group and for editing in the sheet alike.
import { AlertCircle } from 'lucide-react';

import { Field } from '../../components/Field';
import type { FormProblems } from './words';

export function GroupFields({
  name,
  description,
  problems,
  onChange,
  namePlaceholder,
  descriptionHint,
}: {
  name: string;
  description: string;
  problems: FormProblems;
  onChange: (change: { name?: string; description?: string }) => void;
  namePlaceholder?: string | undefined;
  descriptionHint?: string | undefined;
}) {
  return (
    <>
      <Field label="Name" error={problems.name}>
        {(control) => (
          <input
            {...control}
            className="input"
            autoFocus
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            placeholder={namePlaceholder}
            value={name}
            onChange={(event) => onChange({ name: event.target.value })}
          />
        )}
      </Field>
      <Field label="Description" hint={descriptionHint} error={problems.description}>
        {(control) => (
          <textarea
            {...control}
            className="input input-multiline"
            rows={3}
            maxLength={1000}
            value={description}
            onChange={(event) => onChange({ description: event.target.value })}
          />
        )}
      </Field>
      {problems.other !== undefined && (
        <div className="alert alert-danger" role="alert">
          <AlertCircle size={16} aria-hidden="true" />
          <p>{problems.other}</p>
        </div>
      )}
    </>
  );
}
