// Admin → Members, with its tabs Members · Invitations · Groups: the team, the invitations sent and
// waiting to be sent, and the groups. Which member's, invitation's or group's sheet is open, and whether
// the New group dialog is, is the route's (navigation.tsx), so the command palette can open them too.
import { Tabs } from 'radix-ui';

import { useNavigation, type MembersTab, type RouteOf } from '../app/navigation';
import { GroupsList } from './groups/GroupsList';
import { InvitationsList } from './invitations/InvitationsList';
import { MembersList } from './members/MembersList';

const TABS: { value: MembersTab; label: string }[] = [
  { value: 'members', label: 'Members' },
  { value: 'invitations', label: 'Invitations' },
  { value: 'groups', label: 'Groups' },
];

function isMembersTab(value: string): value is MembersTab {
  return TABS.some((tab) => tab.value === value);
}

export function MembersPage({ route }: { route: RouteOf<'members'> }) {
  const { navigate } = useNavigation();
  const { tab, open = null, newGroup = false } = route;
  const openMember = (id: string | null) => navigate({ page: 'members', tab: 'members', open: id ?? undefined });
  const openInvitation = (id: string | null) => navigate({ page: 'members', tab: 'invitations', open: id ?? undefined });
  const openGroup = (id: string | null) => navigate({ page: 'members', tab: 'groups', open: id ?? undefined });
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
        <MembersList opened={tab === 'members' ? open : null} onOpenedChange={openMember} />
      </Tabs.Content>
      <Tabs.Content value="invitations" className="tab-panel tab-panel-fill">
        <InvitationsList opened={tab === 'invitations' ? open : null} onOpenedChange={openInvitation} />
      </Tabs.Content>
      <Tabs.Content value="groups" className="tab-panel tab-panel-fill">
        <GroupsList
          opened={tab === 'groups' ? open : null}
          onOpenedChange={openGroup}
          creating={tab === 'groups' && newGroup}
          onCreatingChange={(creating) => navigate({ page: 'members', tab: 'groups', newGroup: creating })}
        />
      </Tabs.Content>
    </Tabs.Root>
  );
}
