// How the Groups tab says things: counts of people, the people of a group in reading order, and the
// server's refusals of a group form turned into problems on its fields.
import type { PickerItem } from '../../components/Picker';
import { hasCode, PlatformError, type Group, type Principal } from '../../platform';

export function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** Members and invitees of a group, counted apart: an invitee isn't in the team yet. */
export function headcount(group: Group): { members: number; invited: number } {
  const invited = group.members.filter((principal) => principal.kind === 'invitation').length;
  return { members: group.members.length - invited, invited };
}

/** "12 members · 2 invited", "1 member", "No one yet". */
export function peopleSummary(group: Group): string {
  const { members, invited } = headcount(group);
  if (members === 0 && invited === 0) return 'No one yet';
  const parts = [count(members, 'member', 'members')];
  if (invited > 0) parts.push(`${invited.toLocaleString()} invited`);
  return parts.join(' · ');
}

/** The groups a picker offers someone: those they aren't in (`joined`), each with its head count. */
export function groupPickerItems(groups: readonly Group[] | undefined, joined: readonly string[]): PickerItem[] {
  return (groups ?? [])
    .filter((group) => !joined.includes(group.id))
    .map((group) => ({ id: group.id, label: group.name, detail: peopleSummary(group) }));
}

/**
 * What a group picker says when it lists nothing: the groups still being read, why they couldn't be, that
 * there are none yet, `inEvery` when everyone's chosen, or that nothing matches what was typed.
 */
export function groupPickerEmpty(
  groups: { isPending: boolean; error: Error | null; data?: readonly Group[] | undefined },
  offered: number,
  inEvery: string,
): string {
  if (groups.isPending) return 'Loading groups…';
  if (groups.error !== null) return groups.error.message;
  if (groups.data?.length === 0) return 'No groups yet — create one on the Groups tab.';
  return offered === 0 ? inEvery : 'No groups match.';
}

/** What a person is called in the group: their name, or an invitee's email address. */
export function displayName(principal: Principal): string {
  return principal.name ?? principal.email;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Members by name, then invitees by address: the server keeps them in the order they joined. */
export function inReadingOrder(principals: readonly Principal[]): Principal[] {
  return [...principals].sort((a, b) => {
    if (a.kind !== b.kind) return a.kind === 'member' ? -1 : 1;
    return collator.compare(displayName(a), displayName(b));
  });
}

export interface FormProblems {
  name?: string | undefined;
  description?: string | undefined;
  /** A refusal that belongs to no field (offline, forbidden…): shown above the form's buttons. */
  other?: string | undefined;
}

/**
 * Where a create or rename refusal shows: `group_exists` and the server's per-field problems on their
 * fields, anything else as the form's own alert. A 412 is not a form problem; callers handle it first.
 */
export function formProblems(error: Error | null): FormProblems {
  if (error === null) return {};
  if (hasCode(error, 'group_exists')) return { name: error.message };
  if (error instanceof PlatformError) {
    const name = error.fieldError('name');
    const description = error.fieldError('description');
    if (name !== undefined || description !== undefined) return { name, description };
  }
  return { other: error.message };
}
