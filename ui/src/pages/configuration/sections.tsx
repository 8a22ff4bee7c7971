// The Configuration page's three sections. Each shows the draft, reports edits as changes to it, and shows
// the problems the page has decided to show; none of them holds state of its own beyond typing.
import { Info } from 'lucide-react';
import type { ReactNode } from 'react';

import { Field } from '../../components/Field';
import { RadioCards } from '../../components/RadioCards';
import { SegmentedControl, type SegmentedOption } from '../../components/SegmentedControl';
import type { RecordingPolicy, UnassignedNumbers } from '../../platform';
import { DomainsField } from './DomainsField';
import {
  completeUrl,
  POLICY_LABELS,
  recordingSentence,
  tidyPhone,
  type Draft,
  type FieldKey,
  type InvitableRole,
  type LifetimeUnit,
} from './draft';

export interface SectionProps {
  draft: Draft;
  /** Changes part of the draft; `fields` are the fields the change belongs to. */
  edit: (change: Partial<Draft>, fields: FieldKey[]) => void;
  /** The user left a field: its problem, if any, may show now. */
  touch: (field: FieldKey) => void;
  problems: Partial<Record<FieldKey, string>>;
  readOnly: boolean;
}

function Section({ id, title, text, children }: { id: string; title: string; text: string; children: ReactNode }) {
  return (
    <section className="settings-section config-section" aria-labelledby={id}>
      <h2 className="section-title" id={id}>
        {title}
      </h2>
      <p className="section-text">{text}</p>
      <div className="config-fields">{children}</div>
    </section>
  );
}

export function TeamSection({ draft, edit, touch, problems, readOnly }: SectionProps) {
  return (
    <Section
      id="config-team"
      title="Team"
      text="The name everyone signed in to this account sees for it in the workspace switcher."
    >
      <Field
        label="Team name"
        hint="Leave empty to show the server’s address instead."
        error={problems.teamName}
      >
        {(control) => (
          <input
            {...control}
            className="input config-name-input"
            type="text"
            autoComplete="organization"
            readOnly={readOnly}
            value={draft.teamName}
            onChange={(event) => edit({ teamName: event.target.value }, ['teamName'])}
            onBlur={() => touch('teamName')}
          />
        )}
      </Field>
    </Section>
  );
}

const POLICY_OPTIONS: SegmentedOption<RecordingPolicy>[] = (['always', 'never', 'member_choice'] as const).map(
  (value) => ({ value, label: POLICY_LABELS[value] }),
);

export function RecordingSection({ draft, edit, problems, readOnly }: SectionProps) {
  return (
    <Section
      id="config-recording"
      title="Call recording"
      text="Whether calls are always recorded, never recorded, or left to each member. Always and Never override every member’s own setting."
    >
      <Field label="Incoming calls" group error={problems.inbound}>
        {(control) => (
          <SegmentedControl
            {...control}
            value={draft.inbound}
            options={POLICY_OPTIONS}
            disabled={readOnly}
            onValueChange={(inbound) => edit({ inbound }, ['inbound'])}
          />
        )}
      </Field>
      <Field label="Outgoing calls" group error={problems.outbound}>
        {(control) => (
          <SegmentedControl
            {...control}
            value={draft.outbound}
            options={POLICY_OPTIONS}
            disabled={readOnly}
            onValueChange={(outbound) => edit({ outbound }, ['outbound'])}
          />
        )}
      </Field>
      <p className="config-preview" aria-live="polite" data-testid="recording-preview">
        <Info size={16} aria-hidden="true" />
        <span>{recordingSentence(draft.inbound, draft.outbound)}</span>
      </p>
    </Section>
  );
}

const ROLE_OPTIONS: SegmentedOption<InvitableRole>[] = [
  { value: 'member', label: 'Member' },
  { value: 'admin', label: 'Admin' },
];

const UNIT_OPTIONS: SegmentedOption<LifetimeUnit>[] = [
  { value: 'hours', label: 'Hours' },
  { value: 'days', label: 'Days' },
];

export function InvitationsSection({
  draft,
  edit,
  touch,
  problems,
  readOnly,
  domainsKey,
  onPendingDomain,
}: SectionProps & {
  /** Changes when the page discards or reloads, so the domain box drops what was typed in it. */
  domainsKey: number;
  onPendingDomain: (problem: string | null) => void;
}) {
  return (
    <Section
      id="config-invitations"
      title="Invitations"
      text="Who may be invited, the role new people get, how long an invitation stays valid, and the link offered after inviting."
    >
      <DomainsField
        key={domainsKey}
        domains={draft.domains}
        onChange={(domains) => edit({ domains }, ['domains'])}
        onPendingProblem={onPendingDomain}
        error={problems.domains}
        readOnly={readOnly}
      />
      <Field
        label="Default role"
        group
        hint="The role an invitation gives unless you choose another when inviting."
        error={problems.defaultRole}
      >
        {(control) => (
          <SegmentedControl
            {...control}
            // An owner is never invited; the server holds admin or member here.
            value={draft.defaultRole === 'admin' ? 'admin' : 'member'}
            options={ROLE_OPTIONS}
            disabled={readOnly}
            onValueChange={(defaultRole) => edit({ defaultRole }, ['defaultRole'])}
          />
        )}
      </Field>
      <Field
        label="Invitation lifetime"
        hint="From 1 hour to 365 days. An invitation not accepted by then expires, and can be resent."
        error={problems.lifetime}
      >
        {(control) => (
          <>
            <input
              {...control}
              className="input config-lifetime-input tabular"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              readOnly={readOnly}
              value={draft.lifetime}
              onChange={(event) => edit({ lifetime: event.target.value }, ['lifetime'])}
              onBlur={() => touch('lifetime')}
            />
            <SegmentedControl
              aria-label="Lifetime unit"
              size="sm"
              value={draft.lifetimeUnit}
              options={UNIT_OPTIONS}
              disabled={readOnly}
              onValueChange={(lifetimeUnit) => edit({ lifetimeUnit }, ['lifetime'])}
            />
          </>
        )}
      </Field>
      <Field
        label="Onboarding link"
        hint="Offered after you send invitations, with a Copy button, to share with the new people — for example a training playlist. Leave empty for none."
        error={problems.onboardingUrl}
      >
        {(control) => (
          <input
            {...control}
            className="input config-url-input"
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://"
            readOnly={readOnly}
            value={draft.onboardingUrl}
            onChange={(event) => edit({ onboardingUrl: event.target.value }, ['onboardingUrl'])}
            onBlur={() => {
              const completed = completeUrl(draft.onboardingUrl);
              if (completed !== draft.onboardingUrl) edit({ onboardingUrl: completed }, ['onboardingUrl']);
              touch('onboardingUrl');
            }}
          />
        )}
      </Field>
    </Section>
  );
}

export function UnassignedSection({ draft, edit, touch, problems, readOnly }: SectionProps) {
  const divertField = (
    <Field
      label="Divert calls to"
      hint="In international format, starting with + and the country code, such as +64 9 555 0100."
      error={problems.divertTo}
    >
      {(control) => (
        <input
          {...control}
          className="input config-phone-input tabular"
          type="tel"
          autoComplete="off"
          placeholder="+64 9 555 0100"
          readOnly={readOnly}
          value={draft.divertTo}
          onChange={(event) => edit({ divertTo: event.target.value }, ['divertTo'])}
          onBlur={() => {
            const tidy = tidyPhone(draft.divertTo);
            if (tidy !== draft.divertTo) edit({ divertTo: tidy }, ['divertTo']);
            touch('divertTo');
          }}
        />
      )}
    </Field>
  );
  return (
    <Section
      id="config-unassigned"
      title="Unassigned numbers"
      text="What happens to a call to one of your numbers that nobody holds — a number kept in reserve."
    >
      <RadioCards<UnassignedNumbers>
        aria-labelledby="config-unassigned"
        value={draft.unassigned}
        disabled={readOnly}
        onValueChange={(unassigned) => edit({ unassigned }, ['unassigned', 'divertTo'])}
        options={[
          {
            value: 'reject',
            label: 'Reject calls',
            description: 'Callers hear that the number isn’t in service.',
          },
          {
            value: 'divert',
            label: 'Divert to another number',
            description: 'Calls ring a number you choose instead, such as reception.',
            details: divertField,
          },
        ]}
      />
    </Section>
  );
}
