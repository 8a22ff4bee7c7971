// Short notices that come and go by themselves ("3 queued invites delivered"), on Radix Toast: stacked at
// the bottom right, announced politely, paused while hovered or focused, F8 reaches them, swipe or ×
// dismisses. `ToastProvider` holds them; anything inside it calls `useToast()` to show one.
import { CheckCircle2, X } from 'lucide-react';
import { Toast } from 'radix-ui';
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';

import './Toast.css';

export interface ToastMessage {
  title: string;
  /** A second line, e.g. which workspace it was about. */
  description?: string | undefined;
  /** `success` says something finished well (a check mark). */
  tone?: 'default' | 'success' | undefined;
}

/** How long a toast stays, in ms; hovering or focusing it pauses the clock. */
const DURATION_MS = 6000;
/** Older toasts give way beyond this many, so a burst can't cover the window. */
const MOST = 3;

const ToastContext = createContext<((toast: ToastMessage) => void) | null>(null);

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<(ToastMessage & { id: number })[]>([]);
  const lastId = useRef(0);
  const show = useCallback((toast: ToastMessage) => {
    lastId.current += 1;
    const id = lastId.current;
    setToasts((shown) => [...shown, { ...toast, id }].slice(-MOST));
  }, []);
  const dismiss = (id: number) => setToasts((shown) => shown.filter((toast) => toast.id !== id));
  return (
    <Toast.Provider duration={DURATION_MS} swipeDirection="right" label="Notifications">
      <ToastContext.Provider value={show}>{children}</ToastContext.Provider>
      {toasts.map((toast) => (
        <Toast.Root
          key={toast.id}
          className="toast"
          type="background"
          onOpenChange={(open) => {
            if (!open) dismiss(toast.id);
          }}
        >
          {toast.tone === 'success' && <CheckCircle2 size={16} className="toast-icon" aria-hidden="true" />}
          <div className="toast-text">
            <Toast.Title className="toast-title">{toast.title}</Toast.Title>
            {toast.description !== undefined && (
              <Toast.Description className="toast-description">{toast.description}</Toast.Description>
            )}
          </div>
          <Toast.Close className="btn btn-ghost icon-btn toast-close" aria-label="Dismiss">
            <X size={14} aria-hidden="true" />
          </Toast.Close>
        </Toast.Root>
      ))}
      <Toast.Viewport className="toast-viewport" />
    </Toast.Provider>
  );
}

/** Shows a toast; only inside `ToastProvider`. */
export function useToast(): (toast: ToastMessage) => void {
  const show = useContext(ToastContext);
  if (show === null) throw new Error('useToast must be used inside <ToastProvider>');
  return show;
}
