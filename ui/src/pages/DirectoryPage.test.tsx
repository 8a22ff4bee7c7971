import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { createFakePlatform, fakeMember, fakeTeam, LOCAL_WORKSPACE } from '../platform/fake';
import { renderApp } from '../test/render';
import { withViewport } from '../test/viewport';

withViewport();

describe('the Directory', () => {
  it('lists the active team with numbers, searchable, for a member too — and a member sees no Admin', async () => {
    const team = [
      fakeMember(0, 'acme.test', { id: LOCAL_WORKSPACE.userId, name: 'Mia Member', role: 'member' }),
      fakeMember(1, 'acme.test', { name: 'Aroha Ngata', role: 'owner', numbers: [{ id: 'n1', e164: '+6495550101', label: 'Desk' }] }),
      fakeMember(2, 'acme.test', { name: 'Gone Person', status: 'deactivated' }),
      ...fakeTeam(6).slice(3),
    ];
    const platform = createFakePlatform({}, { teams: { [LOCAL_WORKSPACE.id]: team } });
    const { user } = renderApp({ platform, initialRoute: { page: 'directory' } });

    await waitFor(() => expect(screen.getByTestId('directory-count')).toHaveTextContent('4 people'));
    expect(screen.getByText('+64 9 555 0101')).toBeInTheDocument();
    expect(screen.queryByText('Gone Person')).not.toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Admin' })).not.toBeInTheDocument());

    await user.type(screen.getByRole('searchbox', { name: 'Search the directory' }), 'Aroha Ngata');
    await waitFor(() => expect(screen.getAllByTestId('directory-row')).toHaveLength(1));
    expect(screen.getByTestId('directory-count')).toHaveTextContent('1 person');
  });
});
