// Email addresses as people type or paste them into Invite People's "Who": one or many, separated by
// commas, semicolons, line breaks or spaces, bare (`ana@example.com`) or with a name the way mail programs
// copy them (`Ana Silva <ana@example.com>`, `"Lee, Jordan" <jordan@example.com>`). Files are read in Rust
// (`importInvitationsCsv`); only text typed or pasted into the page is read here.

/** One address from the text; `name` when the text gave one. */
export interface AddressEntry {
  email: string;
  name?: string;
}

export interface AddressList {
  /** Each address once (the first time it appears, whatever its case), in the order typed. */
  entries: AddressEntry[];
  /** The pieces of the text that aren't addresses, as typed, for the user to fix. */
  fragments: string[];
}

/** A plausible email address, lowercased, by the server's rule (validate.rs); `null` when it is not one. */
export function normaliseEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  const at = email.lastIndexOf('@');
  if (at < 0) return null;
  const local = email.slice(0, at);
  const ok =
    local !== '' &&
    local.length <= 64 &&
    email.length <= 254 &&
    !local.includes('@') &&
    isDomain(email.slice(at + 1)) &&
    // eslint-disable-next-line no-control-regex
    !/[\s\u0000-\u001f<>,;"]/u.test(email);
  return ok ? email : null;
}

export function isDomain(domain: string): boolean {
  return (
    domain.length <= 253 &&
    domain.includes('.') &&
    domain
      .split('.')
      .every(
        (label) =>
          label !== '' && label.length <= 63 && !label.startsWith('-') && !label.endsWith('-') && /^[a-z0-9-]+$/iu.test(label),
      )
  );
}

/**
 * The text's pieces: split at commas and semicolons outside quotes and angle brackets, after each
 * `<address>`, and at every line break (an address never spans lines, so a stray quote spoils one line at
 * most).
 */
function pieces(text: string): string[] {
  const found: string[] = [];
  let piece = '';
  let quoted = false;
  let angled = false;
  const end = () => {
    found.push(piece.trim());
    piece = '';
  };
  for (const char of text) {
    if (char === '\n' || char === '\r') {
      end();
      quoted = false;
      angled = false;
    } else if (!quoted && !angled && (char === ',' || char === ';')) {
      end();
    } else {
      piece += char;
      if (char === '"' && !angled) quoted = !quoted;
      else if (char === '<' && !quoted) angled = true;
      else if (char === '>' && angled) {
        angled = false;
        end();
      }
    }
  }
  end();
  return found.filter((p) => p !== '');
}

/** The address in a word, without a `mailto:`; `null` when it is not one. */
function address(word: string): string | null {
  return normaliseEmail(word.replace(/^mailto:/iu, ''));
}

/** A name as mail programs quote it: `"Lee, Jordan"` → `Lee, Jordan`; `(Ana Silva)` → `Ana Silva`. */
function unquote(name: string): string | undefined {
  const text = name.trim();
  const quoted = /^"(.*)"$/su.exec(text) ?? /^\((.*)\)$/su.exec(text);
  const bare = (quoted?.[1] ?? text).replace(/\\(.)/gu, '$1').trim();
  return bare === '' ? undefined : bare;
}

/** Reads typed or pasted text as a list of addresses and the pieces that aren't addresses. */
export function parseAddressList(text: string): AddressList {
  const entries: AddressEntry[] = [];
  const fragments: string[] = [];
  const seen = new Set<string>();
  const add = (email: string, name?: string) => {
    if (seen.has(email)) return;
    seen.add(email);
    entries.push(name === undefined ? { email } : { email, name });
  };

  for (const piece of pieces(text)) {
    const named = /^(.*)<([^<>]*)>$/su.exec(piece);
    if (named !== null) {
      const email = address(named[2] ?? '');
      if (email === null) fragments.push(piece);
      else add(email, unquote(named[1] ?? ''));
      continue;
    }
    const words = piece.split(/\s+/u);
    const at = words.flatMap((word, i) => (word.includes('@') ? [i] : []));
    // One address with words on one side of it: a name, as a row copied from a spreadsheet gives it
    // (`Ana Silva⇥ana@example.com`).
    if (at.length === 1 && (at[0] === 0 || at[0] === words.length - 1)) {
      const email = address(words[at[0]] ?? '');
      if (email === null) fragments.push(piece);
      else add(email, unquote(words.filter((_, i) => i !== at[0]).join(' ')));
      continue;
    }
    // Several addresses (or none): each address on its own, and each run of other words as one piece.
    let run: string[] = [];
    const endRun = () => {
      if (run.length > 0) fragments.push(run.join(' '));
      run = [];
    };
    for (const word of words) {
      if (!word.includes('@')) {
        run.push(word);
        continue;
      }
      endRun();
      const email = address(word);
      if (email === null) fragments.push(word);
      else add(email);
    }
    endRun();
  }
  return { entries, fragments };
}
