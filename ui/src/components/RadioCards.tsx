// One choice out of a few options that each need a sentence ("Reject calls" / "Divert to another
// number"), stacked as cards. The chosen card can hold more controls for that choice (the number to
// divert to); they sit outside the radio itself, so they stay ordinary, focusable controls.
import { RadioGroup } from 'radix-ui';
import { useId, type ReactNode } from 'react';

import './RadioCards.css';

export interface RadioCardOption<T extends string> {
  value: T;
  label: string;
  description: string;
  /** Shown inside the card while it is chosen. */
  details?: ReactNode;
}

export function RadioCards<T extends string>({
  value,
  options,
  onValueChange,
  disabled = false,
  ...aria
}: {
  value: T;
  options: readonly RadioCardOption<T>[];
  onValueChange: (value: T) => void;
  disabled?: boolean;
  'aria-labelledby'?: string | undefined;
  'aria-label'?: string | undefined;
  'aria-describedby'?: string | undefined;
}) {
  const id = useId();
  return (
    <RadioGroup.Root
      className="radio-cards"
      value={value}
      disabled={disabled}
      orientation="vertical"
      onValueChange={(next) => {
        const option = options.find((candidate) => candidate.value === next);
        if (option !== undefined) onValueChange(option.value);
      }}
      {...aria}
    >
      {options.map((option) => {
        const checked = option.value === value;
        const labelId = `${id}-${option.value}-label`;
        const descriptionId = `${id}-${option.value}-description`;
        return (
          <div key={option.value} className="radio-card" data-state={checked ? 'checked' : 'unchecked'}>
            <label className="radio-card-choice">
              <RadioGroup.Item
                value={option.value}
                className="radio-card-radio"
                aria-labelledby={labelId}
                aria-describedby={descriptionId}
              >
                <RadioGroup.Indicator className="radio-card-indicator" />
              </RadioGroup.Item>
              <span className="radio-card-text">
                <span className="radio-card-label" id={labelId}>
                  {option.label}
                </span>
                <span className="radio-card-description" id={descriptionId}>
                  {option.description}
                </span>
              </span>
            </label>
            {checked && option.details !== undefined && <div className="radio-card-details">{option.details}</div>}
          </div>
        );
      })}
    </RadioGroup.Root>
  );
}
