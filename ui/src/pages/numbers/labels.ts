// Words for a phone number's fields, and the flag shown beside its country: built from the ISO code (two
// regional indicator symbols), so it needs no table of countries. The country's name is format/phone.ts's.
import type { PickerItem } from '../../components/Picker';
import { formatPhone } from '../../format/phone';
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

/** A member's name, or the address of an invitation marked as one (where both may appear). */
export function invitedName(principal: Principal): string {
  return principal.name ?? `${principal.email} (invited)`;
}

/**
 * Where a number stands for giving it to someone (`principalId`, or `null` for someone not yet on the
 * account, such as a person being invited), for a picker's muted column: `order` puts what can be given
 * first; `mine` means they hold it already.
 */
function numberStanding(number: PhoneNumber, principalId: string | null): { text: string; order: number; mine: boolean } {
  const others = number.assignees.filter((assignee) => assignee.id !== principalId);
  if (others.length < number.assignees.length) return { text: 'Assigned to them', order: 3, mine: true };
  const [holder] = others;
  if (holder === undefined) return { text: 'In reserve', order: 0, mine: false };
  if (number.sharing === 'direct') return { text: `Held by ${invitedName(holder)}`, order: 2, mine: false };
  return {
    text: others.length === 1 ? `Shared with ${invitedName(holder)}` : `Shared by ${String(others.length)}`,
    order: 1,
    mine: false,
  };
}

/**
 * The account's numbers as a picker offers them to someone (`principalId`, or `null` for people being
 * invited): what can be given first, each with its label, country and who holds it; one they hold already
 * can't be picked again, nor, with `lockHeldDirect`, a direct number someone else holds.
 */
export function numberPickerItems(
  numbers: readonly PhoneNumber[],
  principalId: string | null,
  { lockHeldDirect = false } = {},
): PickerItem[] {
  return numbers
    .map((number) => ({ number, standing: numberStanding(number, principalId) }))
    .sort((a, b) => a.standing.order - b.standing.order)
    .map(({ number, standing }) => ({
      id: number.id,
      label: formatPhone(number.e164),
      detail: [number.label, number.country, standing.text].filter((part) => part !== '').join(' · '),
      disabled: standing.mine || (lockHeldDirect && number.sharing === 'direct' && number.assignees.length > 0),
    }));
}
