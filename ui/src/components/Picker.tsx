// A button that opens a searchable list to choose one item ("Assign number", "Add to group"). Built on
// cmdk (keyboard: type to filter, ↑/↓, Enter) inside a Radix Popover (focus, Esc, click outside). Items
// can be filtered here, or by the server when `onSearch` is given (then the caller passes the matches).
import { Command } from 'cmdk';
import { LoaderCircle, Plus } from 'lucide-react';
import { Popover } from 'radix-ui';
import { useState, type ReactNode } from 'react';

import './Picker.css';

export interface PickerItem {
  id: string;
  label: string;
  /** A second, muted line or column, e.g. a number's label or who holds it. */
  detail?: string | undefined;
  /** Chosen already or not allowed: shown, but can't be picked; `detail` says why. */
  disabled?: boolean | undefined;
}

export function Picker({
  label,
  placeholder,
  items,
  onPick,
  onSearch,
  loading = false,
  empty,
  disabled = false,
  testId,
  icon = <Plus size={14} aria-hidden="true" />,
  pending,
}: {
  /** The button's text and the list's accessible name, e.g. "Assign number". */
  label: string;
  placeholder: string;
  items: readonly PickerItem[];
  onPick: (item: PickerItem) => void;
  /** Server-side search: called with the text typed; `items` are then shown as given. */
  onSearch?: ((text: string) => void) | undefined;
  loading?: boolean | undefined;
  /** Shown when nothing matches. */
  empty: ReactNode;
  disabled?: boolean | undefined;
  testId?: string | undefined;
  icon?: ReactNode;
  /** A pick is being carried out: the button says so (e.g. "Assigning…") with a spinner, and waits. */
  pending?: string | undefined;
}) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  return (
    <Popover.Root
      open={open}
      onOpenChange={(value) => {
        setOpen(value);
        if (!value) {
          setText('');
          onSearch?.('');
        }
      }}
    >
      <Popover.Trigger asChild>
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          disabled={disabled || pending !== undefined}
          aria-busy={pending !== undefined || undefined}
          data-testid={testId}
        >
          {pending === undefined ? icon : <LoaderCircle size={14} className="spin" aria-hidden="true" />}
          {pending ?? label}
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="picker" align="end" sideOffset={4} collisionPadding={8} aria-label={label}>
          <Command label={label} shouldFilter={onSearch === undefined} loop>
            <div className="picker-input-row">
              <Command.Input
                className="input picker-input"
                placeholder={placeholder}
                value={text}
                onValueChange={(value) => {
                  setText(value);
                  onSearch?.(value);
                }}
              />
              {loading && <LoaderCircle size={14} className="spin picker-spinner" aria-label="Searching" />}
            </div>
            <Command.List className="picker-list">
              <Command.Empty className="picker-empty">{empty}</Command.Empty>
              {items.map((item) => (
                <Command.Item
                  key={item.id}
                  value={`${item.label} ${item.detail ?? ''} ${item.id}`}
                  disabled={item.disabled === true}
                  className="picker-item"
                  onSelect={() => {
                    setOpen(false);
                    setText('');
                    onPick(item);
                  }}
                >
                  <span className="picker-item-label">{item.label}</span>
                  {item.detail !== undefined && <span className="picker-item-detail">{item.detail}</span>}
                </Command.Item>
              ))}
            </Command.List>
          </Command>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
