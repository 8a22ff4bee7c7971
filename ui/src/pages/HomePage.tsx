import { ChevronRight, Hash, ShieldCheck, UserPlus, type LucideIcon } from 'lucide-react';

import { useNavigation, type Route } from '../app/navigation';
import { useSession } from '../app/session';

const NEXT_STEPS: { icon: LucideIcon; title: string; text: string; to: Route }[] = [
  {
    icon: UserPlus,
    title: 'Invite people',
    text: 'Add your team by email, with their role, numbers and groups ready when they accept.',
    to: { page: 'members', tab: 'members', invite: true },
  },
  {
    icon: Hash,
    title: 'Assign phone numbers',
    text: 'Give each person a direct number, or share one across a group.',
    to: { page: 'numbers' },
  },
  {
    icon: ShieldCheck,
    title: 'Set call-recording policy',
    text: 'Decide whether incoming and outgoing calls are recorded for everyone.',
    to: { page: 'configuration' },
  },
];

export function HomePage() {
  const { navigate } = useNavigation();
  const { workspace } = useSession();
  return (
    <div className="page-content page-narrow">
      <p className="page-lead">
        Administer <strong>{workspace.name}</strong>: its people, phone numbers and account-wide policy.
      </p>
      <h2 className="section-title">Next steps</h2>
      <ul className="link-list">
        {NEXT_STEPS.map(({ icon: Icon, title, text, to }) => (
          <li key={title}>
            <button type="button" className="link-row" onClick={() => navigate(to)}>
              <span className="link-row-icon" aria-hidden="true">
                <Icon size={16} strokeWidth={1.75} />
              </span>
              <span className="link-row-text">
                <span className="link-row-title">{title}</span>
                <span className="link-row-description">{text}</span>
              </span>
              <ChevronRight size={16} aria-hidden="true" className="link-row-chevron" />
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
