// The side sheet every resource opens in (a member, an invitation, a group, a number): ~480 px from the
// right so the list stays in view, Esc closes, focus stays inside. Sections are titled blocks of rows.
import { X } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useRef, type ReactNode } from 'react';

import './Sheet.css';

/**
 * Put on an inline form inside a sheet (`{ [ESCAPE_CANCELS]: '' }`) whose own Esc handler cancels the
 * edit: the sheet then leaves that Esc to it.
 */
export const ESCAPE_CANCELS = 'data-escape-cancels';

/**
 * A sheet's or dialog's `onEscapeKeyDown`: Esc inside an inline edit (`ESCAPE_CANCELS`) cancels that edit,
 * which its form handles, rather than closing the whole panel.
 */
export function leaveEscapeToInlineEdit(event: KeyboardEvent): void {
  if (event.target instanceof Element && event.target.closest(`[${ESCAPE_CANCELS}]`) !== null) event.preventDefault();
}

export function Sheet({
  open,
  onOpenChange,
  testId,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** `data-testid` of the panel, for end-to-end tests (e.g. "member-sheet"). */
  testId?: string | undefined;
  children: ReactNode;
}) {
  const opener = useRef<Element | null>(null);
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="sheet-overlay" />
        <Dialog.Content
          className="sheet"
          data-testid={testId}
          onEscapeKeyDown={leaveEscapeToInlineEdit}
          onOpenAutoFocus={() => {
            opener.current = document.activeElement;
          }}
          onCloseAutoFocus={(event) => {
            // The focus goes back to what opened the sheet; when that is gone (the command palette closed
            // as it opened the sheet), the page takes it instead of the document, so Tab carries on there.
            const from = opener.current;
            if (from === null || from === document.body || !from.isConnected) {
              event.preventDefault();
              document.querySelector<HTMLElement>('main.page')?.focus();
            }
          }}
        >
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** The sheet's header: an optional leading visual (an avatar), the title, a line under it, badges. */
export function SheetHeader({
  leading,
  title,
  description,
  badges,
}: {
  leading?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  badges?: ReactNode;
}) {
  return (
    <div className="sheet-header">
      {leading}
      <div className="sheet-identity">
        <Dialog.Title className="dialog-title">{title}</Dialog.Title>
        {description === undefined ? (
          <Dialog.Description className="visually-hidden">Details</Dialog.Description>
        ) : (
          <Dialog.Description className="sheet-description selectable">{description}</Dialog.Description>
        )}
        {badges !== undefined && <span className="sheet-badges">{badges}</span>}
      </div>
      <Dialog.Close className="btn btn-ghost icon-btn" aria-label="Close">
        <X size={16} aria-hidden="true" />
      </Dialog.Close>
    </div>
  );
}

/** A titled block of the sheet; `action` sits at the right of the title (e.g. "Assign number"). */
export function SheetSection({
  title,
  action,
  testId,
  children,
}: {
  title: string;
  action?: ReactNode;
  testId?: string | undefined;
  children: ReactNode;
}) {
  const id = `sheet-section-${title.toLowerCase().replace(/[^a-z0-9]+/gu, '-')}`;
  return (
    <section className="sheet-section" aria-labelledby={id} data-testid={testId}>
      <div className="sheet-section-head">
        <h3 id={id} className="sheet-section-title">
          {title}
        </h3>
        {action}
      </div>
      {children}
    </section>
  );
}

/** What a sheet shows while the thing it opened for is read: its title so far, and skeleton lines. */
export function SheetLoading({ title }: { title: string }) {
  return (
    <>
      <SheetHeader title={title} />
      <div className="sheet-loading" aria-hidden="true">
        <span className="skeleton" style={{ width: '60%' }} />
        <span className="skeleton" style={{ width: '40%' }} />
        <span className="skeleton" style={{ width: '50%' }} />
      </div>
    </>
  );
}
