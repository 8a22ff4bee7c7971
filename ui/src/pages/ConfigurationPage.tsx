// Admin → Configuration: account-wide policy. The sections and their explanations are fixed; the values
// arrive with the configuration issue.
const SECTIONS: { title: string; text: string }[] = [
  {
    title: 'Call recording',
    text: 'Whether incoming and outgoing calls are always recorded, never recorded, or left to each member. A policy here overrides every member’s own setting.',
  },
  {
    title: 'Invitations',
    text: 'Which email domains may be invited, the role new people get, how long an invitation stays valid, and the onboarding link offered after sending.',
  },
  {
    title: 'Unassigned numbers',
    text: 'What happens to calls to a number nobody holds: reject them, or divert them to a number you choose.',
  },
];

export function ConfigurationPage() {
  return (
    <div className="page-content page-narrow">
      {SECTIONS.map(({ title, text }) => (
        <section key={title} className="settings-section" aria-labelledby={`config-${title}`}>
          <h2 className="section-title" id={`config-${title}`}>
            {title}
          </h2>
          <p className="section-text">{text}</p>
          <p className="section-placeholder">Not loaded yet — shown once Switchboard has loaded the workspace.</p>
        </section>
      ))}
    </div>
  );
}
