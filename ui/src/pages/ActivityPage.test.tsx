import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { createFakePlatform, fakeMember, fakeTeam, LOCAL_WORKSPACE } from '../platform/fake';
import { renderApp } from '../test/render';

const ACTIVITY = { page: 'activity' } as const;

function withJordan() {
  const team = [
    fakeMember(0, 'acme.test', { id: LOCAL_WORKSPACE.userId, name: 'Workspace Owner', role: 'owner' }),
    fakeMember(1, 'acme.test', { name: 'Jordan Lee', email: 'jordan@acme.nz', role: 'member' }),
    ...fakeTeam(5).slice(2),
  ];
  return createFakePlatform({}, { teams: { [LOCAL_WORKSPACE.id]: team } });
}

describe('the Activity page', () => {
  it('tells each change in words, newest first, with names resolved', async () => {
    const platform = withJordan();
    const jordan = platform.world.members().find((member) => member.name === 'Jordan Lee');
    if (jordan === undefined) throw new Error('no Jordan');
    const read = await platform.getMember(jordan.id);
    await platform.updateMember(jordan.id, read.etag, { role: 'admin' });
    const created = await platform.createGroup('00000000-0000-4000-8000-00000000aaaa', { name: 'Night shift crew', description: '' });

    renderApp({ platform, initialRoute: ACTIVITY });

    const events = await screen.findAllByTestId('activity-event');
    await waitFor(() => expect(events[0]).toHaveTextContent(`Workspace Owner created the group ${created.value.name}.`));
    await waitFor(() =>
      expect(events[1]).toHaveTextContent('Workspace Owner changed Jordan Lee’s role from Member to Admin.'),
    );
    expect(within(events[1] as HTMLElement).getByRole('time')).toHaveAttribute('title');
  });

  it('filters by who made the change', async () => {
    const platform = withJordan();
    const jordan = platform.world.members().find((member) => member.name === 'Jordan Lee');
    if (jordan === undefined) throw new Error('no Jordan');
    const read = await platform.getMember(jordan.id);
    await platform.updateMember(jordan.id, read.etag, { name: 'Jordan Lee-Smith' });
    const { user } = renderApp({ platform, initialRoute: ACTIVITY });
    await screen.findAllByTestId('activity-event');

    await user.click(screen.getByRole('button', { name: 'Anyone' }));
    await user.type(screen.getByPlaceholderText('Search people…'), 'Jordan');
    await user.click(await screen.findByRole('option', { name: /Jordan Lee-Smith/u }));

    // Jordan made no changes.
    expect(await screen.findByText('Nothing matches these filters. Try a longer period or anyone.')).toBeInTheDocument();
    const query = platform.requests.filter((request) => request.method === 'listAuditEvents').at(-1)?.args[0];
    expect(query).toMatchObject({ actor: jordan.id });

    await user.click(screen.getByRole('button', { name: /Show changes by anyone/u }));
    expect(await screen.findAllByTestId('activity-event')).not.toHaveLength(0);
  });

  it('says so when there is no history yet', async () => {
    renderApp({ platform: createFakePlatform({ listAuditEvents: () => Promise.resolve({ data: [], next_cursor: null }) }), initialRoute: ACTIVITY });
    expect(await screen.findByText('No changes yet')).toBeInTheDocument();
  });
});
