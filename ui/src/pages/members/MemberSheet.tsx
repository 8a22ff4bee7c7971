// A member's profile in a side sheet (~480 px from the right, so the list stays in view; Esc closes).
// Read-only for now: role, status, permissions (from the role or granted), phone numbers, groups and
// call recording. It shows the row's data at once and refreshes it with `get_member`.
import { useQuery } from '@tanstack/react-query';
import { AlertCircle, Check, Lock, Minus, X } from 'lucide-react';
import { Dialog } from 'radix-ui';

import { useSession, workspaceKey } from '../../app/session';
import { Avatar } from '../../components/Avatar';
import { usePlatform, type Member, type RecordingPreference } from '../../platform';
import { PERMISSION_LABELS, PERMISSIONS } from './labels';
import { RoleBadge, StatusBadge } from './badges';

function Recording({ label, preference }: { label: string; preference: RecordingPreference }) {
  return (
    <li className="sheet-row">
      <span>{label}</span>
      <span className="sheet-row-value">
        {preference.enforced && <Lock size={12} aria-hidden="true" />}
        {preference.enabled ? 'Recorded' : 'Not recorded'}
        {preference.enforced && <span className="cell-muted"> · Enforced by account configuration</span>}
      </span>
    </li>
  );
}

function Profile({ member }: { member: Member }) {
  return (
    <>
      <section className="sheet-section" aria-labelledby="sheet-permissions">
        <h3 className="sheet-section-title" id="sheet-permissions">
          Permissions
        </h3>
        <ul className="sheet-rows">
          {PERMISSIONS.map((permission) => {
            const has = member.permissions.includes(permission);
            const granted = member.grants.includes(permission);
            return (
              <li key={permission} className="sheet-row" data-permission={permission}>
                <span className={has ? undefined : 'cell-muted'}>
                  {has ? (
                    <Check size={14} aria-hidden="true" className="permission-yes" />
                  ) : (
                    <Minus size={14} aria-hidden="true" className="cell-muted" />
                  )}
                  {PERMISSION_LABELS[permission]}
                </span>
                <span className="sheet-row-value cell-muted">{has ? (granted ? 'Granted' : 'From role') : 'Not allowed'}</span>
              </li>
            );
          })}
        </ul>
      </section>

      <section className="sheet-section" aria-labelledby="sheet-numbers">
        <h3 className="sheet-section-title" id="sheet-numbers">
          Phone numbers
        </h3>
        {member.numbers.length === 0 ? (
          <p className="cell-muted">No phone numbers assigned.</p>
        ) : (
          <ul className="chips chips-wrap">
            {member.numbers.map((number) => (
              <li key={number.id} className="chip">
                <span className="tabular">{number.e164}</span>
                {number.label !== '' && <span className="cell-muted">· {number.label}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="sheet-section" aria-labelledby="sheet-groups">
        <h3 className="sheet-section-title" id="sheet-groups">
          Groups
        </h3>
        {member.groups.length === 0 ? (
          <p className="cell-muted">Not in any group.</p>
        ) : (
          <ul className="chips chips-wrap">
            {member.groups.map((group) => (
              <li key={group.id} className="chip">
                {group.name}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="sheet-section" aria-labelledby="sheet-recording">
        <h3 className="sheet-section-title" id="sheet-recording">
          Call recording
        </h3>
        <ul className="sheet-rows">
          <Recording label="Incoming calls" preference={member.recording.inbound} />
          <Recording label="Outgoing calls" preference={member.recording.outbound} />
        </ul>
      </section>
    </>
  );
}

function SheetBody({ row }: { row: Member }) {
  const platform = usePlatform();
  const { workspace } = useSession();
  const fresh = useQuery({
    queryKey: workspaceKey(workspace.id, 'member', row.id),
    queryFn: () => platform.getMember(row.id),
  });
  const member = fresh.data?.value ?? row;

  return (
    <>
      <div className="sheet-header">
        <Avatar name={member.name} size={48} />
        <div className="sheet-identity">
          <Dialog.Title className="dialog-title">{member.name}</Dialog.Title>
          <Dialog.Description className="sheet-email selectable">{member.email}</Dialog.Description>
          <span className="sheet-badges">
            <RoleBadge role={member.role} />
            <StatusBadge status={member.status} />
          </span>
        </div>
        <Dialog.Close className="btn btn-ghost icon-btn" aria-label="Close">
          <X size={16} aria-hidden="true" />
        </Dialog.Close>
      </div>
      {fresh.isError && (
        <div className="alert alert-danger sheet-alert" role="alert">
          <AlertCircle size={16} aria-hidden="true" />
          <p>Showing what the list loaded: {fresh.error.message}</p>
        </div>
      )}
      <Profile member={member} />
    </>
  );
}

export function MemberSheet({
  member,
  onOpenChange,
}: {
  member: Member | null;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog.Root open={member !== null} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="sheet-overlay" />
        <Dialog.Content className="sheet" data-testid="member-sheet">
          {member !== null && <SheetBody key={member.id} row={member} />}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
