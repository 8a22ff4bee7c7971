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
