// One choice out of a few short options, side by side ("Always · Never · Member's choice"). A radio group
// underneath (Radix): Tab reaches the chosen option, arrow keys move and choose.
import { RadioGroup } from 'radix-ui';

import './SegmentedControl.css';

export interface SegmentedOption<T extends string> {
  value: T;
  label: string;
}

export function SegmentedControl<T extends string>({
  value,
  options,
  onValueChange,
  disabled = false,
  size = 'md',
  ...aria
}: {
  value: T;
  options: readonly SegmentedOption<T>[];
  onValueChange: (value: T) => void;
  disabled?: boolean;
  size?: 'sm' | 'md';
  id?: string | undefined;
  'aria-labelledby'?: string | undefined;
  'aria-label'?: string | undefined;
  'aria-describedby'?: string | undefined;
  'aria-invalid'?: true | undefined;
}) {
  return (
    <RadioGroup.Root
      className={`segmented${size === 'sm' ? ' segmented-sm' : ''}`}
      value={value}
      disabled={disabled}
      orientation="horizontal"
      onValueChange={(next) => {
        const option = options.find((candidate) => candidate.value === next);
        if (option !== undefined) onValueChange(option.value);
      }}
      {...aria}
    >
      {options.map((option) => (
        <RadioGroup.Item key={option.value} value={option.value} className="segmented-item">
          {option.label}
        </RadioGroup.Item>
      ))}
    </RadioGroup.Root>
  );
}
