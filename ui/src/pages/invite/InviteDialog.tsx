// Invite People: a dialog in three steps. Who (addresses typed, pasted or imported from a CSV file, and
// the role, permissions, numbers and groups they all get) → Review invitation (each address checked by
// the server, or on this computer when it can't be reached, with the reason any can't be sent, fixable in
// place) → Send invitation (queued in the outbox, then their delivery followed to a summary with the
// team's onboarding link). The labels are what admins look for and what the end-to-end tests find.
import { X } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useRef, useState } from 'react';

import { useConfiguration } from '../../data/configuration';
import { useNumbers } from '../../data/numbers';
import { useOutboxEntries } from '../../data/outbox';
import { parseAddressList } from '../../format/addresses';
import { leaveEscapeToInlineEdit } from '../../components/Sheet';
import type { OutboxEntry } from '../../platform';
import { addPeople, invitationOf, NO_SHARED, peopleFrom, type Imported, type Person, type Shared } from './draft';
import { ReviewStep } from './ReviewStep';
import { SendStep } from './SendStep';
import { useServerChecks } from './useServerChecks';
import { WhoStep } from './WhoStep';
import './invite.css';

type Step = 'who' | 'review' | 'send';

const STEPS: { step: Step; label: string; description: string }[] = [
  { step: 'who', label: 'Who', description: 'Who to invite, and the role, permissions, numbers and groups they’ll have.' },
  { step: 'review', label: 'Review', description: 'Each address is checked before anything is sent.' },
  { step: 'send', label: 'Send', description: 'The invitations are kept on this computer until the server has them.' },
];

/** What was queued, for following its delivery. */
export interface Sent {
  entries: OutboxEntry[];
  /** Addresses that needed attention at review and weren't sent. */
  leftOut: number;
  /** The server couldn't be reached at review. */
  offline: boolean;
}

function InviteFlow() {
  const configuration = useConfiguration();
  const numbers = useNumbers();
  // Read while the dialog is open, so queueing reads it again before it resolves (see `deliveryOf`).
  const outbox = useOutboxEntries();
  const checks = useServerChecks();
  const [step, setStep] = useState<Step>('who');
  const [people, setPeople] = useState<Person[]>([]);
  const [typed, setTyped] = useState('');
  const [shared, setShared] = useState<Shared>(NO_SHARED);
  const [imported, setImported] = useState<Imported | null>(null);
  const [sent, setSent] = useState<Sent | null>(null);
  /** Moved between steps since opening: a step then takes focus itself (see `onOpenAutoFocus`). */
  const [moved, setMoved] = useState(false);

  const config = configuration.data?.value;
  const defaultRole = config?.default_role ?? null;
  const context = { allowedDomains: config?.allowed_email_domains ?? null, numbers: numbers.data };

  const review = () => {
    // An address still being typed is one of them.
    const everyone = typed.trim() === '' ? people : addPeople(people, peopleFrom(parseAddressList(typed))).people;
    setTyped('');
    setPeople(everyone);
    checks.restart(everyone.map((person) => invitationOf(person, shared, defaultRole)));
    setMoved(true);
    setStep('review');
  };

  const inviteMore = () => {
    setPeople([]);
    setShared(NO_SHARED);
    setImported(null);
    setSent(null);
    setStep('who');
  };

  const current = STEPS.find((candidate) => candidate.step === step) ?? STEPS[0];
  return (
    <>
      <div className="dialog-header">
        <Dialog.Title className="dialog-title">Invite People</Dialog.Title>
        <ol className="invite-steps" aria-label="Steps">
          {STEPS.map(({ step: each, label }, index) => (
            <li key={each} className="invite-step" aria-current={each === step ? 'step' : undefined}>
              <span className="invite-step-number" aria-hidden="true">
                {index + 1}
              </span>
              {label}
            </li>
          ))}
        </ol>
        <Dialog.Close className="btn btn-ghost icon-btn" aria-label="Close">
          <X size={16} aria-hidden="true" />
        </Dialog.Close>
      </div>
      <Dialog.Description className="dialog-description">{current?.description}</Dialog.Description>
      {step === 'who' && (
        <WhoStep
          people={people}
          onPeopleChange={setPeople}
          typed={typed}
          onTypedChange={setTyped}
          shared={shared}
          onSharedChange={setShared}
          defaultRole={defaultRole}
          imported={imported}
          onImported={setImported}
          onReview={review}
          takeFocus={moved}
        />
      )}
      {step === 'review' && (
        <ReviewStep
          people={people}
          onPeopleChange={setPeople}
          shared={shared}
          defaultRole={defaultRole}
          context={context}
          checks={checks}
          onBack={() => setStep('who')}
          onSent={(queued) => {
            setSent(queued);
            setStep('send');
          }}
        />
      )}
      {step === 'send' && sent !== null && (
        <SendStep
          sent={sent}
          outbox={outbox.data}
          onboardingUrl={config === undefined ? undefined : config.onboarding_url}
          onInviteMore={inviteMore}
        />
      )}
    </>
  );
}

export function InviteDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  // What had focus when it opened (the Invite People button, the empty list's), to give it back: Radix
  // gives focus back only to a Dialog.Trigger, and this dialog opens from several places.
  const openedFrom = useRef<HTMLElement | null>(null);
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="dialog invite-dialog"
          data-testid="invite-dialog"
          onOpenAutoFocus={(event) => {
            // Into the addresses rather than onto Close. Done here, not by the field on mounting: the
            // dialog notes what had focus before it as it opens (to give it back on closing), after
            // its children have mounted. Later steps put focus where they start themselves.
            event.preventDefault();
            openedFrom.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
            if (event.currentTarget instanceof HTMLElement) event.currentTarget.querySelector('input')?.focus();
          }}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            // Opened from the command palette, it had nothing left to give back.
            if (openedFrom.current?.isConnected === true) openedFrom.current.focus();
            openedFrom.current = null;
          }}
          // Esc while fixing an address cancels that edit, not the whole dialog.
          onEscapeKeyDown={leaveEscapeToInlineEdit}
        >
          <InviteFlow />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
