// Admin → Members, with its tabs Members · Invitations · Groups. The Members tab lists the team; the other
// two show their empty state until their lists arrive.
import { Mail } from 'lucide-react';
import { Tabs } from 'radix-ui';

import { EmptyState } from '../components/EmptyState';
import { useNavigation, type MembersTab } from '../app/navigation';
import { GroupsList } from './groups/GroupsList';
import { MembersList } from './members/MembersList';

const TABS: { value: MembersTab; label: string }[] = [
  { value: 'members', label: 'Members' },
  { value: 'invitations', label: 'Invitations' },
  { value: 'groups', label: 'Groups' },
];

function isMembersTab(value: string): value is MembersTab {
  return TABS.some((tab) => tab.value === value);
}

export function MembersPage({ tab }: { tab: MembersTab }) {
  const { navigate } = useNavigation();
  return (
    <Tabs.Root
      className="page-tabs page-tabs-fill"
      value={tab}
      onValueChange={(value) => {
        if (isMembersTab(value)) navigate({ page: 'members', tab: value });
      }}
    >
      <Tabs.List className="tab-list" aria-label="Members">
        {TABS.map(({ value, label }) => (
          <Tabs.Trigger key={value} value={value} className="tab">
            {label}
          </Tabs.Trigger>
        ))}
      </Tabs.List>
      <Tabs.Content value="members" className="tab-panel tab-panel-fill">
        <MembersList />
      </Tabs.Content>
      <Tabs.Content value="invitations" className="tab-panel">
        <EmptyState icon={Mail} title="No invitations yet">
          Invitations you send — and any queued while you are offline — are listed here.
        </EmptyState>
      </Tabs.Content>
      <Tabs.Content value="groups" className="tab-panel tab-panel-fill">
        <GroupsList />
      </Tabs.Content>
    </Tabs.Root>
  );
}
