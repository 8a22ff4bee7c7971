import { Avatar } from '../components/Avatar';
import { useAvatarSource } from '../data/photos';
import type { Member } from '../platform';

/** A member's avatar: their photo at the size shown, or their initials. */
export function MemberAvatar({ member, size = 24 }: { member: Pick<Member, 'id' | 'name' | 'avatar_url'>; size?: number }) {
  return <Avatar name={member.name} size={size} src={useAvatarSource(member, size)} />;
}
