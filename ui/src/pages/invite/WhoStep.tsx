// Invite People, step 1: who (addresses typed, pasted or imported from a CSV file) and what they all get —
// the role (the team's default chosen first; Owner isn't offered: an invitation can't make an owner),
// permissions beyond the role's, phone numbers and groups.
import { AlertCircle, FileUp, LoaderCircle, X } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useState, type ReactNode } from 'react';

import { Chip, ChipList } from '../../components/Chip';
import { EmailChipInput } from '../../components/EmailChipInput';
import { Field } from '../../components/Field';
import { Picker } from '../../components/Picker';
import { SegmentedControl } from '../../components/SegmentedControl';
import { useGroups } from '../../data/groups';
import { useImportInvitationsCsv } from '../../data/invitations';
import { useNumbers } from '../../data/numbers';
import { useRoles } from '../../data/roles';
import { normaliseEmail } from '../../format/addresses';
import { formatPhone } from '../../format/phone';
import type { Permission, Role } from '../../platform';
import { groupPickerEmpty, groupPickerItems } from '../groups/words';
import { count, PERMISSIONS, ROLE_LABELS } from '../members/labels';
import { fromRoleNote, PermissionSwitches, roleDefaults } from '../members/PermissionSwitches';
import { numberPickerItems } from '../numbers/labels';
import { addPeople, fromImport, peopleFrom, type Imported, type Person, type Shared } from './draft';

/** The roles an invitation can give. */
const INVITED_ROLES = (['admin', 'member'] as const).map((role) => ({ value: role, label: ROLE_LABELS[role] }));

/** A chip's tooltip: what is wrong with it, or the name and CSV line it came with. */
function chipTitle(person: Person): string | undefined {
  if (normaliseEmail(person.email) === null) return 'Not an email address';
  const parts = [person.name, person.row === undefined ? undefined : `line ${String(person.row.line)} of the file`];
  const known = parts.filter((part) => part !== undefined);
  return known.length === 0 ? undefined : known.join(' · ');
}

/** Numbers or groups for everyone: a title with its picker, then the chosen ones as chips. */
function ChoiceSection({
  id,
  title,
  picker,
  listLabel,
  empty,
  children,
}: {
  id: string;
  title: string;
  picker: ReactNode;
  listLabel: string;
  /** Said while nothing is chosen. */
  empty: string;
  children: ReactNode[];
}) {
  return (
    <section className="invite-section" aria-labelledby={id}>
      <div className="invite-section-head">
        <h3 id={id} className="invite-section-title">
          {title}
        </h3>
        {picker}
      </div>
      {children.length === 0 ? <p className="invite-muted">{empty}</p> : <ChipList label={listLabel}>{children}</ChipList>}
    </section>
  );
}

function ImportSummary({ imported, onDismiss }: { imported: Imported; onDismiss: () => void }) {
  const { parsed, problems, ignoredColumns } = imported;
  return (
    <div className="invite-import" role="status" data-testid="import-summary">
      <div className="invite-import-head">
        <p>
          {parsed === 0
            ? 'No one was imported from the file.'
            : `Imported ${count(parsed, 'person', 'people')} from the file.`}
          {ignoredColumns.length > 0 && ` Not used: ${ignoredColumns.join(', ')}.`}
        </p>
        <button type="button" className="btn btn-ghost icon-btn" aria-label="Dismiss the import summary" onClick={onDismiss}>
          <X size={14} aria-hidden="true" />
        </button>
      </div>
      {problems.length > 0 && (
        <>
          <p className="invite-import-problems-title">
            {count(problems.length, 'problem', 'problems')} in the file — fix {problems.length === 1 ? 'it' : 'them'} there
            and import again, or add those people here:
          </p>
          <ul className="invite-import-problems">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function WhoStep({
  people,
  onPeopleChange,
  typed,
  onTypedChange,
  shared,
  onSharedChange,
  defaultRole,
  imported,
  onImported,
  onReview,
  takeFocus,
}: {
  people: Person[];
  onPeopleChange: (people: Person[]) => void;
  typed: string;
  onTypedChange: (typed: string) => void;
  shared: Shared;
  onSharedChange: (shared: Shared) => void;
  defaultRole: Role | null;
  imported: Imported | null;
  onImported: (imported: Imported | null) => void;
  onReview: () => void;
  /** Put focus in the addresses on showing (coming back to this step). */
  takeFocus: boolean;
}) {
  const roles = useRoles();
  const groups = useGroups();
  const numbers = useNumbers();
  const importCsv = useImportInvitationsCsv();
  const [repeated, setRepeated] = useState<string[]>([]);
  const add = (more: Person[]) => {
    const result = addPeople(people, more);
    onPeopleChange(result.people);
    setRepeated(result.repeated);
  };

  const importFile = () => {
    importCsv.mutate(undefined, {
      onSuccess: (rows) => {
        if (rows === null) return;
        const read = fromImport(rows, groups.data ?? [], numbers.data ?? []);
        add(read.people);
        onImported(read);
      },
    });
  };

  const role = shared.role ?? defaultRole ?? 'member';
  const defaults = roleDefaults(roles.data, role) ?? [];
  const extra = shared.grants.filter((grant) => !defaults.includes(grant));
  const toggle = (permission: Permission, on: boolean) => {
    const grants = on ? [...shared.grants, permission] : shared.grants.filter((grant) => grant !== permission);
    onSharedChange({ ...shared, grants: PERMISSIONS.filter((p) => grants.includes(p)) });
  };

  const invalid = people.filter((person) => normaliseEmail(person.email) === null).length;
  const ownRoles = people.some((person) => (person.row?.role ?? null) !== null);
  const everyone = people.length > 1 ? 'everyone invited here' : 'them';
  const chosenNumbers = (numbers.data ?? []).filter((number) => shared.numberIds.includes(number.id));
  const numberItems = numberPickerItems(numbers.data ?? [], null, { lockHeldDirect: true }).map((item) =>
    shared.numberIds.includes(item.id) ? { ...item, disabled: true } : item,
  );
  const chosenGroups = (groups.data ?? []).filter((group) => shared.groupIds.includes(group.id));
  const groupItems = groupPickerItems(groups.data, shared.groupIds);

  return (
    <form
      className="invite-body"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onReview();
      }}
    >
      <div className="invite-scroll">
        <div className="invite-emails">
          <Field
            label="Email addresses"
            hint="Type or paste addresses; Enter, a comma or a space after each. Or import a CSV file."
          >
            {(control) => (
              <EmailChipInput
                {...control}
                listLabel="Addresses to invite"
                autoFocus={takeFocus}
                placeholder="ana@example.com, Jordan Lee <jordan@example.com>"
                chips={people.map((person) => ({
                  key: person.key,
                  label: person.email,
                  invalid: normaliseEmail(person.email) === null,
                  title: chipTitle(person),
                }))}
                value={typed}
                onValueChange={onTypedChange}
                onAdd={(list) => add(peopleFrom(list))}
                onRemove={(key) => onPeopleChange(people.filter((person) => person.key !== key))}
              />
            )}
          </Field>
          <button
            type="button"
            className="btn btn-secondary btn-sm invite-import-button"
            // A file's rows name groups and numbers, matched against the account's once they are read.
            disabled={importCsv.isPending || groups.isPending || numbers.isPending}
            onClick={importFile}
          >
            {importCsv.isPending ? <LoaderCircle size={14} className="spin" aria-hidden="true" /> : <FileUp size={14} aria-hidden="true" />}
            Import CSV
          </button>
          <p className="invite-count" role="status">
            {people.length > 0 && count(people.length, 'address', 'addresses')}
            {invalid > 0 && ` · ${count(invalid, 'isn’t an email address', 'aren’t email addresses')}`}
            {repeated.length > 0 && ` · Already in the list: ${repeated.join(', ')}`}
            {people.length > 1 && (
              <button type="button" className="btn-link" onClick={() => onPeopleChange([])}>
                Clear all
              </button>
            )}
          </p>
          {importCsv.isError && (
            <div className="alert alert-danger" role="alert">
              <AlertCircle size={16} aria-hidden="true" />
              <p>{importCsv.error.message}</p>
            </div>
          )}
          {imported !== null && <ImportSummary imported={imported} onDismiss={() => onImported(null)} />}
        </div>

        <Field label="Role" group hint={roles.data?.find((info) => info.role === role)?.description}>
          {(control) => (
            <SegmentedControl
              aria-labelledby={control['aria-labelledby']}
              aria-describedby={control['aria-describedby']}
              value={role}
              options={INVITED_ROLES}
              onValueChange={(value) => onSharedChange({ ...shared, role: value })}
            />
          )}
        </Field>
        {ownRoles && <p className="invite-note">People whose CSV row names a role are invited with that role.</p>}

        <details className="invite-permissions">
          <summary>
            Permissions{' '}
            <span className="invite-muted">
              {extra.length === 0 ? '· from the role' : `· ${String(extra.length)} more than the role gives`}
            </span>
          </summary>
          <PermissionSwitches
            idPrefix="invite-permission"
            defaults={defaults}
            grants={shared.grants}
            editable
            noteId="invite-permissions-note"
            onToggle={toggle}
          />
          <p className="sheet-note" id="invite-permissions-note">
            {fromRoleNote(role, defaults)}
          </p>
        </details>

        <ChoiceSection
          id="invite-numbers-title"
          title="Phone numbers"
          listLabel="Phone numbers to give"
          empty={`Optional: numbers for ${everyone}, ready when they accept.`}
          picker={
            <Picker
              label="Add number"
              placeholder="Search number, label or country"
              items={numberItems}
              loading={numbers.isPending}
              testId="invite-add-number"
              empty={numbers.isPending ? 'Loading numbers…' : numbers.isError ? numbers.error.message : 'No numbers match.'}
              onPick={(item) => onSharedChange({ ...shared, numberIds: [...shared.numberIds, item.id] })}
            />
          }
        >
          {chosenNumbers.map((number) => (
            <Chip
              key={number.id}
              title={number.label === '' ? undefined : number.label}
              removeLabel={`Remove ${formatPhone(number.e164)}`}
              onRemove={() => onSharedChange({ ...shared, numberIds: shared.numberIds.filter((id) => id !== number.id) })}
            >
              <span className="tabular">{formatPhone(number.e164)}</span>
              {number.sharing === 'direct' && <span className="invite-muted"> · Direct</span>}
            </Chip>
          ))}
        </ChoiceSection>

        <ChoiceSection
          id="invite-groups-title"
          title="Groups"
          listLabel="Groups to join"
          empty={`Optional: groups for ${everyone} to join when they accept.`}
          picker={
            <Picker
              label="Add to group"
              placeholder="Search groups"
              items={groupItems}
              loading={groups.isPending}
              testId="invite-add-group"
              empty={groupPickerEmpty(groups, groupItems.length, 'They’ll join every group already.')}
              onPick={(item) => onSharedChange({ ...shared, groupIds: [...shared.groupIds, item.id] })}
            />
          }
        >
          {chosenGroups.map((group) => (
            <Chip
              key={group.id}
              removeLabel={`Remove ${group.name}`}
              onRemove={() => onSharedChange({ ...shared, groupIds: shared.groupIds.filter((id) => id !== group.id) })}
            >
              {group.name}
            </Chip>
          ))}
        </ChoiceSection>
      </div>

      <div className="dialog-actions invite-actions">
        <Dialog.Close asChild>
          <button type="button" className="btn btn-secondary">
            Cancel
          </button>
        </Dialog.Close>
        <button type="submit" className="btn btn-primary" disabled={people.length === 0 && typed.trim() === ''}>
          Review invitation
        </button>
      </div>
    </form>
  );
}
