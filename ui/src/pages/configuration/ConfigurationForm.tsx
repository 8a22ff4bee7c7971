// Admin → Configuration, once the configuration is loaded: the three sections, the save bar while
// something changed, and the conflict dialog when someone else saved first. Save sends only the changed
// fields, with the ETag of the configuration the edits started from.
import { Lock } from 'lucide-react';
import { useEffect, useReducer, useRef, useState, type ReactNode } from 'react';

import { ConflictDialog } from '../../components/ConflictDialog';
import { SaveBar } from '../../components/SaveBar';
import { useUpdateConfiguration } from '../../data/configuration';
import { hasCode, type Configuration, type Versioned } from '../../platform';
import { differences, FIELD_KEYS, readDraft, SERVER_FIELDS, toDraft, type Draft, type FieldKey } from './draft';
import { editReducer, INITIAL_EDIT_STATE } from './editing';
import { InvitationsSection, RecordingSection, TeamSection, UnassignedSection } from './sections';

/** The page's field for a field the server named; `recording` alone names both directions. */
function fieldOf(serverField: string): FieldKey[] {
  if (serverField === 'recording') return ['inbound', 'outbound'];
  const key = SERVER_FIELDS[serverField];
  return key === undefined ? [] : [key];
}

export function ConfigurationForm({
  server,
  canEdit,
  workspaceName,
  reread,
  after,
}: {
  /** What the server holds now. */
  server: Versioned<Configuration>;
  /** Owners and admins change the configuration; members only read it. */
  canEdit: boolean;
  workspaceName: string;
  /** Reads the configuration again; `null` when that failed. */
  reread: () => Promise<Versioned<Configuration> | null>;
  /**
   * Sections after the policy (provisioning): outside the form, since what they change takes effect at
   * once rather than with Save, and their own dialogs' forms mustn't submit this one.
   */
  after?: ReactNode;
}) {
  const [state, dispatch] = useReducer(editReducer, INITIAL_EDIT_STATE);
  const update = useUpdateConfiguration();
  /** Text in the domain box that isn't a domain: saving waits for it. */
  const [pendingDomain, setPendingDomain] = useState<string | null>(null);
  /** Bumped to empty the domain box (discard, reload). */
  const [domainsKey, setDomainsKey] = useState(0);
  /** Reading the newer configuration after a 412. */
  const [checking, setChecking] = useState(false);
  /** Bumped to move focus to the first field with a problem. */
  const [focusRequest, setFocusRequest] = useState(0);
  const form = useRef<HTMLFormElement>(null);

  const base = state.base ?? server;
  const draft = state.draft ?? toDraft(server.value);
  const reading = readDraft(draft, base.value);
  const dirty = state.draft !== null && reading.changed.size > 0;
  const saving = update.isPending || checking;

  const problems: Partial<Record<FieldKey, string>> = {};
  for (const key of FIELD_KEYS) {
    const local = reading.problems[key];
    // A problem shows once the user has left the field or tried to save; the server's at once.
    const shown = local !== undefined && (state.attempted || state.touched.has(key) || key === 'domains') ? local : undefined;
    const problem = shown ?? state.serverProblems[key];
    if (problem !== undefined) problems[key] = problem;
  }
  const blocking = Object.keys(reading.problems).length + (pendingDomain === null ? 0 : 1);
  const flagged = Object.keys(problems).length + (pendingDomain === null ? 0 : 1);

  useEffect(() => {
    if (focusRequest === 0) return;
    form.current?.querySelector<HTMLElement>('input[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  // The save bar goes away with the focus in it (Discard, Save, Reload): carry on from the page.
  const wasDirty = useRef(dirty);
  useEffect(() => {
    const ended = wasDirty.current && !dirty;
    wasDirty.current = dirty;
    if (!ended) return;
    // After the conflict dialog has handed focus back (it does so a tick after closing).
    const timer = window.setTimeout(() => {
      if (document.activeElement === null || document.activeElement === document.body) form.current?.focus();
    }, 0);
    return () => window.clearTimeout(timer);
  }, [dirty]);

  const edit = (change: Partial<Draft>, fields: FieldKey[]) => {
    if (canEdit) dispatch({ type: 'edit', server, change, fields });
  };

  const refused = async (error: Error) => {
    // The session gate takes the user to sign in.
    if (hasCode(error, 'signed_out')) return;
    if (hasCode(error, 'precondition_failed')) {
      setChecking(true);
      const fresh = await reread();
      setChecking(false);
      if (fresh !== null) dispatch({ type: 'conflict', fresh });
      else {
        dispatch({
          type: 'refused',
          serverProblems: {},
          saveProblem: 'Someone else changed the configuration, and Switchboard couldn’t read their version. Try saving again.',
        });
      }
      return;
    }
    if (hasCode(error, 'validation_failed')) {
      const serverProblems: Partial<Record<FieldKey, string>> = {};
      const elsewhere: string[] = [];
      for (const [field, messages] of Object.entries(error.fields)) {
        const keys = fieldOf(field);
        const first = messages?.[0];
        if (first === undefined) continue;
        if (keys.length === 0) elsewhere.push(...(messages ?? []));
        for (const key of keys) serverProblems[key] = first;
      }
      const unplaced = Object.keys(serverProblems).length === 0 && elsewhere.length === 0;
      dispatch({
        type: 'refused',
        serverProblems,
        saveProblem: elsewhere.length > 0 ? elsewhere.join(' ') : unplaced ? error.message : null,
      });
      setFocusRequest((count) => count + 1);
      return;
    }
    dispatch({ type: 'refused', serverProblems: {}, saveProblem: error.message });
  };

  const save = () => {
    if (!canEdit || !dirty || saving || state.base === null) return;
    if (blocking > 0) {
      dispatch({ type: 'attempt' });
      setFocusRequest((count) => count + 1);
      return;
    }
    update.mutate(
      { etag: state.base.etag, patch: reading.patch },
      {
        onSuccess: (saved) => dispatch({ type: 'saved', saved }),
        onError: (error) => void refused(error),
      },
    );
  };

  const forgetTyping = () => {
    setPendingDomain(null);
    setDomainsKey((key) => key + 1);
  };

  let barProblem = state.saveProblem;
  if (barProblem === null && state.attempted && flagged > 0) {
    barProblem = flagged === 1 ? 'Fix the highlighted field to save your changes.' : `Fix the ${String(flagged)} highlighted fields to save your changes.`;
  }

  const sectionProps = {
    draft,
    edit,
    touch: (field: FieldKey) => dispatch({ type: 'touch', field }),
    problems,
    readOnly: !canEdit,
  };

  return (
    <>
      <div className="page-content page-narrow">
        <form
          ref={form}
          className="config-page"
          tabIndex={-1}
          noValidate
          aria-label="Configuration"
          onSubmit={(event) => {
            event.preventDefault();
            save();
          }}
        >
          <p className="page-lead">
            Account-wide rules for calls and invitations in <strong>{workspaceName}</strong>.
          </p>
          {!canEdit && (
            <p className="config-readonly" data-testid="config-readonly">
              <Lock size={16} aria-hidden="true" />
              <span>Only admins and owners can change the configuration. Ask one of them if something here should change.</span>
            </p>
          )}
          <TeamSection {...sectionProps} />
          <RecordingSection {...sectionProps} />
          <InvitationsSection {...sectionProps} domainsKey={domainsKey} onPendingDomain={setPendingDomain} />
          <UnassignedSection {...sectionProps} />
        </form>
        {after}
      </div>
      {canEdit && dirty && (
        <SaveBar
          saving={saving}
          problem={barProblem}
          onDiscard={() => {
            dispatch({ type: 'discard' });
            forgetTyping();
          }}
          onSave={save}
        />
      )}
      <ConflictDialog
        open={state.conflict !== null}
        subject="the configuration"
        fields={state.conflict === null ? [] : differences(base.value, state.conflict.value)}
        onReload={() => {
          dispatch({ type: 'reload' });
          forgetTyping();
        }}
        onKeepEditing={() => dispatch({ type: 'keep-editing' })}
      />
    </>
  );
}
