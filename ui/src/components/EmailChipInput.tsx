// Email addresses as chips in one box: type an address and press Enter, a comma or a space (or paste a
// whole list, as mail programs and spreadsheets copy them) and it becomes a chip; Backspace in the empty
// box takes the last chip back, and each chip has its ×. Text that isn't an address becomes a chip too,
// marked, so nothing typed is silently dropped. The text being typed is the caller's (`value`), so a
// button elsewhere can take it as well.
import { useRef, type ClipboardEvent, type KeyboardEvent } from 'react';

import { parseAddressList, type AddressList } from '../format/addresses';
import { Chip, ChipList } from './Chip';
import './EmailChipInput.css';

export interface EmailChip {
  key: string;
  label: string;
  /** Not an email address: shown in the danger colour, with `title` saying so. */
  invalid?: boolean | undefined;
  title?: string | undefined;
}

/** Chips shown before the rest are summed up in one: a CSV file can hold thousands of addresses. */
const MAX_CHIPS = 200;

/** Whether a separator typed now would end the address, or is part of a quoted name or `<address>`. */
function insideName(text: string): boolean {
  const quotes = text.split('"').length - 1;
  return quotes % 2 === 1 || text.lastIndexOf('<') > text.lastIndexOf('>');
}

export function EmailChipInput({
  chips,
  value,
  onValueChange,
  onAdd,
  onRemove,
  placeholder,
  listLabel,
  ...control
}: {
  chips: readonly EmailChip[];
  /** What is typed and not yet a chip. */
  value: string;
  onValueChange: (value: string) => void;
  /** The addresses (and the pieces that aren't addresses) read from what was typed or pasted. */
  onAdd: (list: AddressList) => void;
  onRemove: (key: string) => void;
  placeholder?: string | undefined;
  /** The chips' list's accessible name, e.g. "Addresses to invite". */
  listLabel: string;
  id?: string | undefined;
  'aria-describedby'?: string | undefined;
  'aria-invalid'?: true | undefined;
  autoFocus?: boolean | undefined;
}) {
  const input = useRef<HTMLInputElement>(null);

  const commit = (text: string) => {
    const list = parseAddressList(text);
    onValueChange('');
    if (list.entries.length > 0 || list.fragments.length > 0) onAdd(list);
  };

  const remove = (key: string) => {
    onRemove(key);
    // The × that had focus is gone; carry on typing in the box.
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const separator =
      event.key === 'Enter' ||
      ((event.key === ',' || event.key === ';') && !insideName(value)) ||
      // A space ends an address, but not a name typed before one ("Ana Silva <ana@…>").
      (event.key === ' ' && value.includes('@') && !insideName(value));
    if (separator) {
      // Enter makes a chip here; it never submits the form around the box.
      event.preventDefault();
      if (value.trim() !== '') commit(value);
    } else if (event.key === 'Backspace' && value === '' && chips.length > 0) {
      event.preventDefault();
      const last = chips[chips.length - 1];
      if (last !== undefined) onRemove(last.key);
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const pasted = event.clipboardData.getData('text');
    // A single word is typed into the box as usual; a list becomes chips at once.
    if (!/[\s,;]/u.test(pasted.trim())) return;
    event.preventDefault();
    commit(`${value}\n${pasted}`);
  };

  const shown = chips.length > MAX_CHIPS ? chips.slice(0, MAX_CHIPS) : chips;
  return (
    <div
      className="email-chips"
      data-invalid={control['aria-invalid'] === true ? '' : undefined}
      onClick={(event) => {
        // The whole box is the input's: a click between chips goes on typing.
        if (event.target === event.currentTarget) input.current?.focus();
      }}
    >
      {chips.length > 0 && (
        <ChipList label={listLabel}>
          {shown.map((chip) => (
            <Chip
              key={chip.key}
              tone={chip.invalid === true ? 'danger' : 'default'}
              title={chip.title}
              onRemove={() => remove(chip.key)}
              removeLabel={`Remove ${chip.label}`}
            >
              {chip.label}
            </Chip>
          ))}
          {chips.length > shown.length && (
            <Chip key="more" tone="muted">
              +{(chips.length - shown.length).toLocaleString()} more
            </Chip>
          )}
        </ChipList>
      )}
      <input
        ref={input}
        {...control}
        className="email-chips-input"
        type="text"
        inputMode="email"
        autoComplete="off"
        spellCheck={false}
        placeholder={chips.length === 0 ? placeholder : undefined}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onBlur={() => {
          if (value.trim() !== '') commit(value);
        }}
      />
    </div>
  );
}
