// The server's field rules (validate.rs) and the shapes of its refusals.
import { PlatformError, type FieldErrors } from '../error';

// The UI's one copy of the server's email rule.
export { isDomain, normaliseEmail } from '../../format/addresses';

export function fail(code: ConstructorParameters<typeof PlatformError>[0], message: string): never {
  throw new PlatformError(code, message);
}

/** A 422 with its per-field problems; the message repeats them for a caller that shows only messages. */
export function invalid(fields: FieldErrors): never {
  const problems = Object.values(fields).flatMap((messages) => messages ?? []);
  throw new PlatformError('validation_failed', problems.join(' '), { fields });
}

/** Collects per-field problems the way the server does, then refuses them all at once. */
export class FieldCheck {
  private readonly fields: Record<string, string[]> = {};

  add(field: string, message: string): void {
    (this.fields[field] ??= []).push(message);
  }

  finish(): void {
    if (Object.keys(this.fields).length > 0) invalid(this.fields);
  }
}

/** Characters as the server counts them (code points, like Rust's `chars().count()`). */
export function length(text: string): number {
  return Array.from(text).length;
}

/** A display name as the server takes it: trimmed, 1 to 200 characters, no control characters. */
export function checkName(check: FieldCheck, field: string, raw: string, what: string): string {
  const name = raw.trim();
  // eslint-disable-next-line no-control-regex
  if (name === '' || length(name) > 200 || /[\u0000-\u001f\u007f-\u009f]/u.test(name)) {
    check.add(field, `Enter ${what} of 1 to 200 characters.`);
  }
  return name;
}

/** E.164: `+` then 8 to 15 digits, the first not 0. */
export function isE164(number: string): boolean {
  return /^\+[1-9]\d{7,14}$/u.test(number);
}

export function isHttpUrl(text: string): boolean {
  if (text.length > 2048) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
