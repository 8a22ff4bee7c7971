// Phone numbers as people read them. The API speaks E.164 (`+6495550100`); the UI shows the international
// format with the country's grouping (`+64 9 555 0100`), in tabular digits.
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * `+6495550100` → `+64 9 555 0100`. A number libphonenumber can't place (a made-up range, a typo in
 * seeded data) is shown as it came, so nothing is ever hidden or changed.
 */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed?.isValid() === true ? parsed.formatInternational() : e164;
}

const regionNames = new Intl.DisplayNames(undefined, { type: 'region' });

/** `NZ` → `New Zealand` (in the user's language); an unknown code is shown as it came. */
export function countryName(code: string): string {
  try {
    return regionNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** Shorter runs of digits are kept as typed: they are more likely the end of a number ("0101") than a whole one. */
const WHOLE_NUMBER_DIGITS = 6;

/**
 * What someone typed as (part of) a phone number, in whatever format — `+64 9 555 0101`, `(09) 555-0101`,
 * `0064 9 555` — as the run of digits its E.164 form holds, so a search for it finds the number: `6495550101`,
 * `95550101`, `649555`. A national number's trunk 0 and an international access code 00 are not part of
 * E.164 and are dropped. `null` when the text is no phone number (a letter, or no digit at all).
 */
export function e164Digits(typed: string): string | null {
  const text = typed.trim();
  if (!/^\+?[\d\s().-]+$/u.test(text)) return null;
  const digits = text.replace(/\D/gu, '');
  if (digits === '') return null;
  if (text.startsWith('+') || digits.length < WHOLE_NUMBER_DIGITS) return digits;
  if (digits.startsWith('00')) return digits.slice(2);
  if (digits.startsWith('0')) return digits.slice(1);
  return digits;
}
