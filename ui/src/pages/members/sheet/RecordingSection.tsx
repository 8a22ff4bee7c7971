// Call recording, incoming and outgoing: a switch each, or — when the account's configuration decides —
// a lock, what it decides, and the way to the Configuration page where it is set.
import { Lock, Settings2 } from 'lucide-react';
import { useState } from 'react';

import { useNavigation } from '../../../app/navigation';
import { SheetSection } from '../../../components/Sheet';
import { Switch } from '../../../components/Switch';
import type { MemberRecording } from '../../../platform';
import { WriteAlert } from './WriteAlert';
import { canEditFields, type MemberEditor, useMemberPatch } from './editor';

type Direction = keyof MemberRecording;

const DIRECTIONS: { direction: Direction; label: string }[] = [
  { direction: 'inbound', label: 'Incoming calls' },
  { direction: 'outbound', label: 'Outgoing calls' },
];

export function RecordingSection({ editor }: { editor: MemberEditor }) {
  const { member, access } = editor;
  const { navigate } = useNavigation();
  const patch = useMemberPatch(editor);
  const [toggling, setToggling] = useState<Direction | null>(null);
  const editable = canEditFields(editor);
  const enforced = DIRECTIONS.some(({ direction }) => member.recording[direction].enforced);
  const allEnforced = DIRECTIONS.every(({ direction }) => member.recording[direction].enforced);

  const toggle = (direction: Direction, on: boolean) => {
    setToggling(direction);
    void patch.run({ recording: { [direction]: on } }).finally(() => setToggling(null));
  };

  return (
    <SheetSection title="Call recording" testId="profile-recording">
      <ul className="sheet-rows">
        {DIRECTIONS.map(({ direction, label }) => {
          const preference = member.recording[direction];
          const id = `profile-recording-${direction}`;
          if (preference.enforced) {
            return (
              <li key={direction} className="sheet-row" data-recording={direction}>
                <span className="profile-row-label">{label}</span>
                <span className="sheet-row-value">
                  <Lock size={12} aria-label="Locked" />
                  {preference.enabled ? 'Always recorded' : 'Never recorded'}
                </span>
              </li>
            );
          }
          const saving = patch.pending && toggling === direction;
          return (
            <li key={direction} className="sheet-row" data-recording={direction}>
              <label htmlFor={id} className="profile-row-label">
                {label}
              </label>
              <span className="sheet-row-value">
                {preference.enabled ? 'Recorded' : 'Not recorded'}
                <Switch
                  id={id}
                  checked={saving ? !preference.enabled : preference.enabled}
                  disabled={!editable || (patch.pending && !saving)}
                  pending={saving}
                  onCheckedChange={(on) => toggle(direction, on)}
                />
              </span>
            </li>
          );
        })}
      </ul>
      {enforced && (
        <div className="profile-enforced">
          <p className="sheet-note">
            <Lock size={12} aria-hidden="true" /> Enforced by account configuration
          </p>
          {access.canManage && (
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => navigate({ page: 'configuration' })}>
              <Settings2 size={14} aria-hidden="true" />
              Open Configuration
            </button>
          )}
        </div>
      )}
      {access.canManage && access.fieldsLocked !== null && !allEnforced && <p className="sheet-note">{access.fieldsLocked}</p>}
      <WriteAlert error={patch.error} member={member} self={access.self} onDismiss={patch.dismiss} />
    </SheetSection>
  );
}
