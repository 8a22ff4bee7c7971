// An on/off control (a permission, a recording direction) on Radix Switch: a `role="switch"` button that
// Space and Enter toggle. Its name comes from a <label htmlFor={id}> beside it or from `label`. While a
// change is being saved the thumb shows progress and the switch can't be pressed again.
import { LoaderCircle } from 'lucide-react';
import { Switch as RadixSwitch } from 'radix-ui';

import './Switch.css';

export function Switch({
  id,
  checked,
  onCheckedChange,
  disabled = false,
  pending = false,
  label,
  describedBy,
  testId,
}: {
  id?: string | undefined;
  checked: boolean;
  onCheckedChange?: ((checked: boolean) => void) | undefined;
  disabled?: boolean | undefined;
  /** The change is being saved. */
  pending?: boolean | undefined;
  /** The accessible name when no <label> points at `id`. */
  label?: string | undefined;
  /** The id of a line that explains the switch (e.g. why it is locked). */
  describedBy?: string | undefined;
  testId?: string | undefined;
}) {
  return (
    <RadixSwitch.Root
      id={id}
      className="switch"
      checked={checked}
      onCheckedChange={onCheckedChange}
      disabled={disabled || pending}
      aria-label={label}
      aria-describedby={describedBy}
      aria-busy={pending || undefined}
      data-pending={pending || undefined}
      data-testid={testId}
    >
      <RadixSwitch.Thumb className="switch-thumb">
        {pending && <LoaderCircle size={10} className="spin switch-spinner" aria-hidden="true" />}
      </RadixSwitch.Thumb>
    </RadixSwitch.Root>
  );
}
