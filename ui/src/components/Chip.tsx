// A small labelled token (a group, a phone number, an email address), optionally with a remove button.
import { LoaderCircle, X } from 'lucide-react';
import { Children, isValidElement, type ReactNode } from 'react';

import './Chip.css';

export function Chip({
  children,
  onRemove,
  removeLabel,
  removing = false,
  tone = 'default',
  title,
}: {
  children: ReactNode;
  /** Shows an × button that calls this. */
  onRemove?: (() => void) | undefined;
  /** The × button's accessible name, e.g. "Remove from Sales". */
  removeLabel?: string | undefined;
  /** The removal is under way: the × shows progress and can't be pressed again. */
  removing?: boolean | undefined;
  /** `danger`: something in it needs fixing (e.g. text that isn't an email address); `title` says what. */
  tone?: 'default' | 'muted' | 'danger' | undefined;
  title?: string | undefined;
}) {
  return (
    <span className={tone === 'default' ? 'chip' : `chip chip-${tone}`} title={title}>
      <span className="chip-label">{children}</span>
      {onRemove !== undefined && (
        <button
          type="button"
          className="chip-remove"
          aria-label={removeLabel ?? 'Remove'}
          disabled={removing}
          onClick={onRemove}
        >
          {removing ? <LoaderCircle size={12} className="spin" aria-hidden="true" /> : <X size={12} aria-hidden="true" />}
        </button>
      )}
    </span>
  );
}

/** A row of chips that wraps: a list, each chip an item of it (keyed as the chips are). */
export function ChipList({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ul className="chip-list" aria-label={label}>
      {Children.toArray(children).map((chip, index) => (
        <li key={isValidElement(chip) && chip.key !== null ? chip.key : index} className="chip-list-item">
          {chip}
        </li>
      ))}
    </ul>
  );
}
