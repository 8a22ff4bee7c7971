// The bar above a list (Members, Groups, Phone numbers, Directory, Activity): a search box, filters, and the
// count at the right.
import { Search } from 'lucide-react';
import { forwardRef, useEffect, useRef, type InputHTMLAttributes, type ReactNode, type RefObject } from 'react';

import './Toolbar.css';

/** The bar itself, a search landmark named after the list it filters. */
export function Toolbar({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="toolbar" role="search" aria-label={label}>
      {children}
    </div>
  );
}

/** A search input with its icon and, optionally, the key that focuses it shown inside. */
export const SearchBox = forwardRef<
  HTMLInputElement,
  { label: string; shortcut?: string | undefined } & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>
>(function SearchBox({ label, shortcut, className, ...input }, ref) {
  return (
    <label className="search-box">
      <Search size={14} aria-hidden="true" />
      <span className="visually-hidden">{label}</span>
      <input
        ref={ref}
        type="search"
        className={`input search-input${className === undefined ? '' : ` ${className}`}`}
        spellCheck={false}
        aria-keyshortcuts={shortcut}
        {...input}
      />
      {shortcut !== undefined && (
        <kbd className="search-kbd" aria-hidden="true">
          {shortcut}
        </kbd>
      )}
    </label>
  );
});

/** The count at the right end of the bar, announced politely as it changes. */
export function ToolbarCount({ testId, children }: { testId?: string | undefined; children: ReactNode }) {
  return (
    <span className="toolbar-count tabular" data-testid={testId} aria-live="polite">
      {children}
    </span>
  );
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/**
 * The search box of a list page, with the list keyboard: `/` anywhere on the page focuses it (unless the
 * user is typing or a dialog or menu is open), Esc clears it, and ↓ goes on to the rows inside `rows` —
 * to the row the table would focus on Tab.
 */
export function ListSearch({
  label,
  placeholder,
  value,
  onChange,
  rows,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  rows: RefObject<HTMLElement | null>;
}) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector('[role="dialog"], [role="alertdialog"], [role="menu"]') !== null) return;
      event.preventDefault();
      input.current?.focus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  return (
    <SearchBox
      ref={input}
      label={label}
      shortcut="/"
      placeholder={placeholder}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && value !== '') {
          event.preventDefault();
          onChange('');
        } else if (event.key === 'ArrowDown') {
          const row = rows.current?.querySelector<HTMLElement>('[role="row"][tabindex="0"]');
          if (row) {
            event.preventDefault();
            row.focus();
          }
        }
      }}
    />
  );
}
