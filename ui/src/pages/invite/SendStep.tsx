// Invite People, step 3: the invitations are in the outbox (on disk) and the app's sender delivers them;
// this follows them there — "Sent 3 of 5", or "Queued — will be sent when you're back online" — to a
// summary of what was sent, what waits and what the server refused, and the team's onboarding link to
// share with the new people.
import { Check, CircleAlert, Clock, ExternalLink, LoaderCircle, MinusCircle } from 'lucide-react';
import { Dialog, Progress } from 'radix-ui';
import { useEffect, useRef, type ReactNode } from 'react';

import { useNavigation } from '../../app/navigation';
import { CopyButton, useCopy } from '../../components/CopyButton';
import { deliveryOf, useShowingDeliveries } from '../../data/outbox';
import type { OutboxEntry } from '../../platform';
import { count } from '../members/labels';
import type { Sent } from './InviteDialog';

function SummaryItem({ icon, tone, children }: { icon: ReactNode; tone: string; children: ReactNode }) {
  return (
    <li className="send-summary-item" data-tone={tone}>
      <span className="send-summary-icon">{icon}</span>
      <div className="send-summary-text">{children}</div>
    </li>
  );
}

/**
 * The onboarding ("training playlist") link to pass on, with Copy; or where to set one; or, when the
 * configuration hasn't been read (`undefined`: still loading, or offline), where to find it — not a claim
 * that there is none.
 */
function Onboarding({ url }: { url: string | null | undefined }) {
  const { navigate } = useNavigation();
  const link = useRef<HTMLElement>(null);
  const { copy, copied, status } = useCopy(url ?? '', link);

  return (
    <section className="send-onboarding" aria-labelledby="send-onboarding-title">
      <h3 id="send-onboarding-title" className="invite-section-title">
        Onboarding
      </h3>
      {url === undefined ? (
        <p className="invite-muted">
          The team’s onboarding link hasn’t been read from the server yet. It’s in Configuration, to share with the new
          people once you’re online.
        </p>
      ) : url === null ? (
        <>
          <p className="invite-muted">
            Your team has no onboarding link yet — a training playlist, say, for new people to start with. Set one in
            Configuration and it will be offered here to share.
          </p>
          <button type="button" className="btn btn-secondary btn-sm" onClick={() => navigate({ page: 'configuration' })}>
            <ExternalLink size={14} aria-hidden="true" />
            Open Configuration
          </button>
        </>
      ) : (
        <>
          <p>Share your team’s training playlist with the new people, so they know where to start.</p>
          <div className="send-link">
            <code className="send-link-url selectable" ref={link} data-testid="onboarding-link">
              {url}
            </code>
            <CopyButton copied={copied} onCopy={copy} small />
          </div>
          <p className="invite-muted" role="status">
            {status}
          </p>
        </>
      )}
    </section>
  );
}

export function SendStep({
  sent,
  outbox,
  onboardingUrl,
  onInviteMore,
}: {
  sent: Sent;
  /** The outbox as read since they were queued. */
  outbox: readonly OutboxEntry[] | undefined;
  /** `undefined` while the configuration hasn't been read (loading, or offline). */
  onboardingUrl: string | null | undefined;
  onInviteMore: () => void;
}) {
  const { navigate } = useNavigation();
  const headline = useRef<HTMLHeadingElement>(null);
  useShowingDeliveries(sent.entries.map((entry) => entry.id));
  const { total, delivered, queued, refused } = deliveryOf(sent.entries, outbox);
  // The sender tried and got no answer, or the review already couldn't reach the server and nothing has
  // gone since: the rest wait on this computer until it can.
  const offline =
    queued.some((entry) => entry.attempts > 0) || (sent.offline && delivered === 0 && refused.length === 0);
  const sending = queued.length > 0 && !offline;

  useEffect(() => {
    headline.current?.focus();
  }, []);

  let title: string;
  if (queued.length > 0) title = offline ? 'Queued — will be sent when you’re back online' : 'Sending invitations…';
  else if (refused.length === 0) title = total === 1 ? 'Invitation sent' : `${total.toLocaleString()} invitations sent`;
  else title = `${delivered.toLocaleString()} of ${total.toLocaleString()} sent — ${count(refused.length, 'needs', 'need')} attention`;
  const waitingReason = queued.find((entry) => entry.last_error !== null)?.last_error;

  return (
    <div className="invite-body">
      <div className="invite-scroll">
        <div className="send-progress">
          <h3 className="send-title focus-target" tabIndex={-1} ref={headline} data-testid="send-title">
            {sending && <LoaderCircle size={16} className="spin" aria-hidden="true" />}
            {title}
          </h3>
          <Progress.Root className="progress" value={delivered} max={total} aria-label="Invitations sent">
            <Progress.Indicator className="progress-bar" style={{ width: `${String((delivered / Math.max(total, 1)) * 100)}%` }} />
          </Progress.Root>
          <p className="send-count tabular" role="status" data-testid="send-count">
            Sent {delivered.toLocaleString()} of {total.toLocaleString()}
          </p>
        </div>

        <ul className="send-summary" aria-label="Summary">
          {delivered > 0 && (
            <SummaryItem tone="success" icon={<Check size={14} aria-hidden="true" />}>
              <p>
                <strong>{count(delivered, 'sent', 'sent')}</strong> — they’ll get an email with a link to join.
              </p>
            </SummaryItem>
          )}
          {queued.length > 0 && (
            <SummaryItem tone="warning" icon={<Clock size={14} aria-hidden="true" />}>
              <p>
                <strong>{count(queued.length, 'queued', 'queued')}</strong> —{' '}
                {offline
                  ? 'kept on this computer; they’ll be sent when you’re back online.'
                  : 'being sent now.'}
              </p>
              {offline && waitingReason != null && <p className="invite-muted">Last attempt: {waitingReason}</p>}
            </SummaryItem>
          )}
          {refused.length > 0 && (
            <SummaryItem tone="danger" icon={<CircleAlert size={14} aria-hidden="true" />}>
              <p>
                <strong>{count(refused.length, 'needs', 'need')} attention</strong> — the server refused{' '}
                {refused.length === 1 ? 'it' : 'them'}:
              </p>
              <ul className="send-refused">
                {refused.map((entry) => (
                  <li key={entry.id}>
                    <span className="selectable">{entry.invitation.email}</span> — {entry.last_error ?? 'refused'}
                  </li>
                ))}
              </ul>
              <button
                type="button"
                className="btn btn-secondary btn-sm"
                onClick={() => navigate({ page: 'members', tab: 'invitations' })}
              >
                Fix them on Invitations
              </button>
            </SummaryItem>
          )}
          {sent.leftOut > 0 && (
            <SummaryItem tone="muted" icon={<MinusCircle size={14} aria-hidden="true" />}>
              <p>
                <strong>{count(sent.leftOut, 'address', 'addresses')} not sent</strong> — {sent.leftOut === 1 ? 'it' : 'they'}{' '}
                needed attention at review.
              </p>
            </SummaryItem>
          )}
        </ul>

        <Onboarding url={onboardingUrl} />
      </div>

      <div className="dialog-actions invite-actions">
        <button type="button" className="btn btn-secondary" onClick={onInviteMore}>
          Invite more
        </button>
        <Dialog.Close asChild>
          <button type="button" className="btn btn-primary">
            Done
          </button>
        </Dialog.Close>
      </div>
    </div>
  );
}
