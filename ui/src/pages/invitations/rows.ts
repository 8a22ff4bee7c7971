// The Invitations tab's rows: the server's invitations and, before them, the open workspace's invites
// still in the outbox (queued, or refused by the server and waiting for the admin), which the server
// doesn't know yet. Their states in words, and the dates as the list and the sheet show them.
import type { Invitation, InvitationStatus, OutboxEntry, OutboxState, Role } from '../../platform';

/** Where an invitation stands: the server's status, or, before it has it, the outbox's. */
export type InvitationState = OutboxState | InvitationStatus;

/** In the order the status filter offers them. */
export const STATE_LABELS: Record<InvitationState, string> = {
  queued: 'Queued',
  needs_attention: 'Needs attention',
  pending: 'Pending',
  accepted: 'Accepted',
  expired: 'Expired',
  revoked: 'Revoked',
};

export const STATES = Object.keys(STATE_LABELS) as InvitationState[];

export function isState(value: string): value is InvitationState {
  return value in STATE_LABELS;
}

export type InvitationRow =
  | { kind: 'sent'; id: string; email: string; role: Role; state: InvitationStatus; invitation: Invitation }
  | {
      kind: 'outbox';
      id: string;
      email: string;
      /** `null`: the team's default role, decided when the server takes it. */
      role: Role | null;
      state: OutboxState;
      entry: OutboxEntry;
    };

/** Refused first (they wait for the admin), then queued, then the server's, newest first. */
export function invitationRows(
  invitations: readonly Invitation[] | undefined,
  entries: readonly OutboxEntry[] | undefined,
): InvitationRow[] {
  const waiting = [...(entries ?? [])]
    .sort((a, b) => Number(b.state === 'needs_attention') - Number(a.state === 'needs_attention') || a.created_at - b.created_at)
    .map(
      (entry): InvitationRow => ({
        kind: 'outbox',
        id: entry.id,
        email: entry.invitation.email,
        role: entry.invitation.role ?? null,
        state: entry.state,
        entry,
      }),
    );
  const sent = [...(invitations ?? [])]
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))
    .map(
      (invitation): InvitationRow => ({
        kind: 'sent',
        id: invitation.id,
        email: invitation.email,
        role: invitation.role,
        state: invitation.status,
        invitation,
      }),
    );
  return [...waiting, ...sent];
}

export function matches(row: InvitationRow, search: string, state: InvitationState | null): boolean {
  return (state === null || row.state === state) && row.email.toLowerCase().includes(search.trim().toLowerCase());
}

/** Still open: its role, permissions, numbers and groups can change, and it can be resent. */
export function isOpen(status: InvitationStatus): boolean {
  return status === 'pending' || status === 'expired';
}

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const moment = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "12 Nov 2026": a date in the list. */
export function formatDay(at: string | number): string {
  return day.format(new Date(at));
}

/** "12 Nov 2026, 10:04": an instant in the sheet (and in the list's tooltips). */
export function formatMoment(at: string | number): string {
  return moment.format(new Date(at));
}
