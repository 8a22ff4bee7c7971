// The review's questions to the server: each address asked about once (a batch when the review starts,
// one when an address is fixed), the answers kept by address, and whether the server could be asked at
// all. Answers to a review that has since started again are dropped.
import { useRef, useState } from 'react';

import { useValidateInvitations } from '../../data/outbox';
import { normaliseEmail } from '../../format/addresses';
import type { NewInvitation, Problem } from '../../platform';
import type { Answers } from './draft';

export interface ServerChecks {
  answers: Answers;
  /**
   * Why the server couldn't be asked (`offline` when it can't be reached), since the review (re)started;
   * what it left unanswered is checked on this computer only.
   */
  failure: Error | null;
  /**
   * Asks about the addresses not asked about yet, or not answered (each once at a time; what isn't an
   * address is never sent).
   */
  ask: (invitations: readonly NewInvitation[]) => void;
  /** Forgets every answer and failure and asks about these afresh (the review starting, Check again). */
  restart: (invitations: readonly NewInvitation[]) => void;
}

function without(set: ReadonlySet<string>, gone: readonly string[]): Set<string> {
  const next = new Set(set);
  for (const item of gone) next.delete(item);
  return next;
}

export function useServerChecks(): ServerChecks {
  const validate = useValidateInvitations();
  const [byEmail, setByEmail] = useState<ReadonlyMap<string, Problem | null>>(new Map());
  const [checking, setChecking] = useState<ReadonlySet<string>>(new Set());
  const [failure, setFailure] = useState<Error | null>(null);
  // Read and written only by the handlers below, so a second ask in the same moment sees the first.
  const asked = useRef(new Set<string>());
  const round = useRef(0);

  const ask = (invitations: readonly NewInvitation[]) => {
    const fresh: NewInvitation[] = [];
    for (const invitation of invitations) {
      const email = normaliseEmail(invitation.email);
      if (email === null || asked.current.has(email)) continue;
      asked.current.add(email);
      fresh.push({ ...invitation, email });
    }
    if (fresh.length === 0) return;
    const emails = fresh.map((invitation) => invitation.email);
    const started = round.current;
    setChecking((current) => new Set([...current, ...emails]));
    // Promises rather than mutate's callbacks, which only the latest of overlapping asks would get.
    validate.mutateAsync(fresh).then(
      (result) => {
        if (started !== round.current) return;
        setByEmail((current) => {
          const next = new Map(current);
          result.results.forEach((item, index) => next.set(emails[index] ?? item.email, item.error));
          return next;
        });
        // A failure stays until the review starts again: the addresses it left unanswered still are.
        setChecking((current) => without(current, emails));
      },
      (error: unknown) => {
        if (started !== round.current) return;
        // Not answered: these can be asked about again (Check again, or the next fix).
        for (const email of emails) asked.current.delete(email);
        setFailure(error instanceof Error ? error : new Error(String(error)));
        setChecking((current) => without(current, emails));
      },
    );
  };

  const restart = (invitations: readonly NewInvitation[]) => {
    round.current += 1;
    asked.current = new Set();
    setByEmail(new Map());
    setChecking(new Set());
    setFailure(null);
    ask(invitations);
  };

  return {
    answers: { byEmail, checking, unreachable: failure !== null },
    failure,
    ask,
    restart,
  };
}
