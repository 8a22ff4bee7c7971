// Which desktop the app runs on, told by the webview's user agent: WKWebView says "Macintosh", WebView2
// "Windows NT", WebKitGTK "X11; Linux". Only what the user reads and presses differs in the UI — the
// primary modifier (⌘ on macOS, Ctrl elsewhere) and key names; files, dialogs and the keychain differ in
// Rust, behind the commands.
export type Os = 'macos' | 'windows' | 'linux';

export function osOf(userAgent: string): Os {
  if (/Macintosh|Mac OS X|iPhone|iPad/u.test(userAgent)) return 'macos';
  if (/Windows/u.test(userAgent)) return 'windows';
  return 'linux';
}

/** The desktop this webview runs on (Linux where there is no navigator, as in a plain Node test). */
export const os: Os = typeof navigator === 'undefined' ? 'linux' : osOf(navigator.userAgent);

type Keys = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

/** A shortcut on the platform's primary modifier: ⌘ on macOS, Ctrl on Windows and Linux. */
export interface Shortcut {
  /** What a key cap shows: "⌘K" on macOS, "Ctrl+K" elsewhere. */
  label: string;
  /** The `aria-keyshortcuts` value: "Meta+K" or "Control+K". */
  aria: string;
  /** Whether a key press is this shortcut. */
  matches: (event: Keys) => boolean;
}

export function primaryShortcut(key: string, on: Os = os): Shortcut {
  const mac = on === 'macos';
  const cap = key.toUpperCase();
  return {
    label: mac ? `⌘${cap}` : `Ctrl+${cap}`,
    aria: `${mac ? 'Meta' : 'Control'}+${cap}`,
    matches: (event) =>
      (mac ? event.metaKey : event.ctrlKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === key.toLowerCase(),
  };
}

/** The Enter key as its key cap names it: "Return" on a Mac keyboard. */
export function enterKeyLabel(on: Os = os): string {
  return on === 'macos' ? 'Return' : 'Enter';
}
