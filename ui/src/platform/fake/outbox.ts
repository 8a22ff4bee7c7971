// The outbox as the app keeps it: invitations queued per workspace before anything is sent, delivered
// by a sender that tells its listeners what happened. Offline, entries wait (and each attempt says it got
// no answer); a refusal leaves the entry waiting for the admin with the server's reason.
import { PlatformError } from '../error';
import type { NewInvitation, OutboxEntry, OutboxEvent } from '../platform';

/** What delivering one entry came to: the invitation's email, or the server's refusal. */
export type Delivery = { delivered: string } | { refused: PlatformError };

export class FakeOutbox {
  private readonly entries: OutboxEntry[];
  private readonly listeners = new Set<(event: OutboxEvent) => void>();
  private nextId = 1;
  offline: boolean;

  constructor(entries: OutboxEntry[], offline: boolean) {
    this.entries = structuredClone(entries);
    this.offline = offline;
  }

  enqueue(workspaceId: string, invitations: NewInvitation[], now: number): OutboxEntry[] {
    const added = invitations.map((invitation) => ({
      id: `outbox-${String(this.nextId++)}`,
      workspace_id: workspaceId,
      invitation: structuredClone(invitation),
      state: 'queued' as const,
      attempts: 0,
      next_attempt_at: now,
      last_error: null,
      last_error_code: null,
      field_errors: {},
      created_at: now,
    }));
    this.entries.push(...added);
    return structuredClone(added);
  }

  list(workspaceId: string): OutboxEntry[] {
    return structuredClone(this.entries.filter((entry) => entry.workspace_id === workspaceId));
  }

  all(): OutboxEntry[] {
    return structuredClone(this.entries);
  }

  private find(id: string): OutboxEntry {
    const entry = this.entries.find((candidate) => candidate.id === id);
    if (entry === undefined) throw new PlatformError('outbox_entry_not_found', 'This invitation is no longer waiting to be sent.');
    return entry;
  }

  /** Edit and retry: only a refused entry — a queued one may be on its way under its idempotency key. */
  retry(id: string, invitation: NewInvitation, now: number): OutboxEntry {
    const entry = this.find(id);
    if (entry.state !== 'needs_attention') throw new PlatformError('outbox_entry_not_found', 'This invitation is no longer waiting to be fixed.');
    Object.assign(entry, {
      invitation: structuredClone(invitation),
      state: 'queued',
      next_attempt_at: now,
      last_error: null,
      last_error_code: null,
      field_errors: {},
    });
    return structuredClone(entry);
  }

  discard(id: string): void {
    const entry = this.find(id);
    this.entries.splice(this.entries.indexOf(entry), 1);
  }

  /** Everything of a workspace goes (signing out of it). */
  forget(workspaceId: string): void {
    for (let i = this.entries.length - 1; i >= 0; i -= 1) {
      if (this.entries[i]?.workspace_id === workspaceId) this.entries.splice(i, 1);
    }
  }

  watch(listener: (event: OutboxEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: OutboxEvent): void {
    for (const listener of this.listeners) listener(structuredClone(event));
  }

  /** One round of the sender over every queued entry, in the order they were queued. */
  flush(deliver: (entry: OutboxEntry) => Delivery): void {
    for (const entry of this.entries.filter((candidate) => candidate.state === 'queued')) {
      if (this.offline) {
        entry.attempts += 1;
        entry.last_error = 'Couldn’t reach the server.';
        this.emit({ kind: 'failed', workspace_id: entry.workspace_id, reason: entry.last_error, unanswered: true });
        continue;
      }
      const outcome = deliver(entry);
      if ('delivered' in outcome) {
        this.entries.splice(this.entries.indexOf(entry), 1);
        this.emit({ kind: 'delivered', workspace_id: entry.workspace_id, entry_id: entry.id, email: outcome.delivered });
      } else {
        Object.assign(entry, {
          state: 'needs_attention',
          attempts: entry.attempts + 1,
          last_error: outcome.refused.message,
          last_error_code: outcome.refused.code,
          field_errors: outcome.refused.fields,
        });
        this.emit({ kind: 'needs_attention', workspace_id: entry.workspace_id, entry_id: entry.id });
      }
    }
  }
}
