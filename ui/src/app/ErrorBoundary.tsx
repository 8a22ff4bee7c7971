// The last line of defence: a rendering bug shows a calm message with a way out instead of a blank
// window. Errors from the backend never get here — they are shown where they happen.
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Kept for the developer console / webview logs.
    console.error('Switchboard UI crashed', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return (
      <main className="crash" role="alert">
        <h1 className="crash-title">Switchboard hit a problem it couldn’t recover from</h1>
        <p className="crash-text">
          Your team’s data lives on the server and queued invites stay queued, so reloading loses nothing. If it
          keeps happening, the message below helps whoever looks into it.
        </p>
        <pre className="crash-detail selectable">{error.message}</pre>
        <div>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => {
              window.location.reload();
            }}
          >
            Reload Switchboard
          </button>
        </div>
      </main>
    );
  }
}
