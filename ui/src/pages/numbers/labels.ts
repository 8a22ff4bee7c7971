// Words for a phone number's fields, and the flag shown beside its country: built from the ISO code (two
// regional indicator symbols), so it needs no table of countries. The country's name is format/phone.ts's.
import type { NumberKind, PhoneNumber, Principal, Sharing } from '../../platform';

export const KIND_LABELS: Record<NumberKind, string> = {
  geographic: 'Geographic',
  mobile: 'Mobile',
  toll_free: 'Toll-free',
};

export const SHARING_LABELS: Record<Sharing, string> = {
  direct: 'Direct',
  shared: 'Shared',
};

/** "1 number", "3 numbers". */
export function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** The emoji flag of an ISO 3166-1 alpha-2 code ("NZ" → 🇳🇿); empty for anything else. */
export function flagOf(country: string): string {
  const code = country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/u.test(code)) return '';
  const REGIONAL_INDICATOR_A = 0x1f1e6;
  return String.fromCodePoint(REGIONAL_INDICATOR_A + code.charCodeAt(0) - 65, REGIONAL_INDICATOR_A + code.charCodeAt(1) - 65);
}

/** How a member or invitation is named in the UI: their name, or the address an invitation went to. */
export function principalName(principal: Principal): string {
  return principal.name ?? principal.email;
}

/** Who holds a number, in words: "Aroha Ngata", "Aroha Ngata and Jordan Lee", "no one (in reserve)". */
export function assigneesInWords(number: PhoneNumber): string {
  const names = number.assignees.map(principalName);
  if (names.length === 0) return 'No one — held in reserve';
  if (names.length === 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}
