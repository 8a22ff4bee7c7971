// Copy beside a value the user pastes somewhere else (an onboarding link, a SCIM base URL, a new token).
// When the clipboard refuses, the value is selected instead so Ctrl+C (⌘C on macOS) copies it, and the
// status says which to press.
import { Check, Copy } from 'lucide-react';
import { useState, type RefObject } from 'react';

import { primaryShortcut } from '../platform';

const COPY_SHORTCUT = primaryShortcut('c').label;

/** `shown` is the element showing the value, selected when the clipboard refuses. */
export function useCopy(value: string, shown: RefObject<HTMLElement | null>) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () => {
    navigator.clipboard.writeText(value).then(
      () => setCopied('yes'),
      () => {
        setCopied('failed');
        const selection = window.getSelection();
        if (shown.current !== null && selection !== null) selection.selectAllChildren(shown.current);
      },
    );
  };
  const status =
    copied === 'yes' ? 'Copied.' : copied === 'failed' ? `Couldn’t copy it here — it’s selected: press ${COPY_SHORTCUT}.` : '';
  return { copy, copied: copied === 'yes', status };
}

export function CopyButton({
  copied,
  onCopy,
  label,
  small = false,
}: {
  copied: boolean;
  onCopy: () => void;
  /** What is copied, for a screen reader ("Copy the SCIM base URL"); the button shows "Copy". */
  label?: string | undefined;
  small?: boolean;
}) {
  return (
    <button type="button" className={`btn btn-secondary${small ? ' btn-sm' : ''}`} onClick={onCopy} aria-label={label}>
      {copied ? <Check size={14} aria-hidden="true" /> : <Copy size={14} aria-hidden="true" />}
      Copy
    </button>
  );
}
