import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { PlatformError, type Member, type PhoneNumber, type Platform } from '../../platform';
import { createFakePlatform, fakeMember, LOCAL_WORKSPACE, type FakePlatform } from '../../platform/fake';
import { accessibilityViolations } from '../../test/axe';
import { renderApp } from '../../test/render';
import { withViewport } from '../../test/viewport';

withViewport();

const NUMBERS = { page: 'numbers' } as const;
const SALES = 'num-sales';
const SUPPORT = 'num-support';

/**
 * Aroha holds the direct Sales line; Jordan and Mei share the Support line; Tomás has nothing. The
 * account also holds two spare Auckland numbers in reserve (+64 9 555 9001 and 9002).
 */
function world(overrides: Partial<Platform> = {}, numbers: (team: Member[]) => PhoneNumber[] = () => []): FakePlatform {
  const team = [
    fakeMember(0, 'acme.test', {
      name: 'Aroha Ngata',
      email: 'aroha@acme.nz',
      numbers: [{ id: SALES, e164: '+6495550101', label: 'Sales line' }],
    }),
    fakeMember(1, 'acme.test', {
      name: 'Jordan Lee',
      email: 'jordan@acme.nz',
      numbers: [{ id: SUPPORT, e164: '+61255550199', label: 'Support' }],
    }),
    fakeMember(2, 'acme.test', {
      name: 'Mei Chen',
      email: 'mei@acme.nz',
      numbers: [{ id: SUPPORT, e164: '+61255550199', label: 'Support' }],
    }),
    fakeMember(3, 'acme.test', { name: 'Tomás García', email: 'tomas@acme.nz', numbers: [] }),
  ];
  return createFakePlatform(overrides, {
    teams: { [LOCAL_WORKSPACE.id]: team },
    numbers: { [LOCAL_WORKSPACE.id]: numbers(team) },
    reserveNumbers: 2,
  });
}

function held(platform: FakePlatform, e164: string) {
  const number = platform.world.numbers().find((candidate) => candidate.e164 === e164);
  if (number === undefined) throw new Error(`the fake holds no ${e164}`);
  return number;
}

function numbersOf(platform: FakePlatform, name: string): string[] {
  const member = platform.world.members().find((candidate) => candidate.name === name);
  if (member === undefined) throw new Error(`no member ${name}`);
  return member.numbers.map((number) => number.e164);
}

async function row(formatted: string): Promise<HTMLElement> {
  const cell = await screen.findByText(formatted, { selector: '.numbers-e164' });
  const found = cell.closest<HTMLElement>('[role="row"]');
  if (found === null) throw new Error(`no row for ${formatted}`);
  return found;
}

async function openSheet(user: ReturnType<typeof renderApp>['user'], formatted: string): Promise<HTMLElement> {
  await user.click(await row(formatted));
  const sheet = await screen.findByTestId('number-sheet');
  // Changes wait for the fresh read (and its ETag): the picker is enabled once it has arrived.
  await waitFor(() => expect(within(sheet).getByTestId('assign-number')).toBeEnabled());
  return sheet;
}

async function pick(user: ReturnType<typeof renderApp>['user'], sheet: HTMLElement, search: string, name: string) {
  await user.click(within(sheet).getByTestId('assign-number'));
  await user.type(await screen.findByPlaceholderText('Search people…'), search);
  await user.click(await screen.findByRole('option', { name: new RegExp(name) }));
}

describe('the Phone numbers page', () => {
  it('lists every number formatted, with country, type, sharing and who holds it; reserve numbers are muted', async () => {
    const platform = world();
    renderApp({ platform, initialRoute: NUMBERS });

    expect(screen.getByRole('grid', { name: 'Phone numbers' })).toHaveAttribute('aria-busy', 'true');
    expect(await screen.findAllByTestId('number-row')).toHaveLength(4);
    expect(screen.getByTestId('number-count')).toHaveTextContent('4 numbers');

    const sales = await row('+64 9 555 0101');
    expect(within(sales).getByText('+64 9 555 0101')).toHaveClass('tabular');
    expect(within(sales).getByText('Sales line')).toBeInTheDocument();
    expect(within(sales).getByRole('img', { name: 'New Zealand' })).toHaveTextContent('🇳🇿');
    expect(within(sales).getByText('Geographic')).toBeInTheDocument();
    expect(within(sales).getByText('Direct')).toHaveClass('badge');
    expect(within(sales).getByText('Aroha Ngata')).toBeInTheDocument();

    const support = await row('+61 2 5555 0199');
    expect(within(support).getByRole('img', { name: 'Australia' })).toBeInTheDocument();
    expect(within(support).getByText('Shared')).toHaveClass('badge');
    expect(within(support).getByText('Jordan Lee, Mei Chen')).toBeInTheDocument();

    const spare = await row('+64 9 555 9001');
    expect(within(spare).getByText('Unassigned — held in reserve')).toHaveClass('numbers-muted');
    // Sorted by number: the two spares sit after the Sales line, the Australian number first.
    expect(screen.getAllByTestId('number-row').map((element) => within(element).getByText(/^\+/u).textContent)).toEqual([
      '+61 2 5555 0199',
      '+64 9 555 0101',
      '+64 9 555 9001',
      '+64 9 555 9002',
    ]);
  });

  it('searches number, label, country and person as you type, and filters assigned or in reserve', async () => {
    const platform = world();
    const { user } = renderApp({ platform, initialRoute: NUMBERS });
    await screen.findAllByTestId('number-row');

    const search = screen.getByRole('searchbox', { name: 'Search numbers' });
    await user.type(search, 'mei');
    expect(screen.getAllByTestId('number-row')).toHaveLength(1);
    expect(screen.getByTestId('number-count')).toHaveTextContent('1 of 4 numbers');
    expect(screen.getByText('+61 2 5555 0199')).toBeInTheDocument();

    await user.clear(search);
    await user.click(search);
    await user.paste('555 9001');
    expect(screen.getAllByTestId('number-row')).toHaveLength(1);
    expect(screen.getByText('+64 9 555 9001')).toBeInTheDocument();

    await user.clear(search);
    await user.click(search);
    await user.paste('australia');
    expect(screen.getAllByTestId('number-row')).toHaveLength(1);

    await user.clear(search);
    await user.click(screen.getByRole('radio', { name: 'In reserve' }));
    expect(screen.getAllByTestId('number-row')).toHaveLength(2);
    expect(screen.getByTestId('number-count')).toHaveTextContent('2 of 4 numbers');
    await user.click(screen.getByRole('radio', { name: 'Assigned' }));
    expect(screen.getAllByTestId('number-row')).toHaveLength(2);
    expect(screen.queryByText('Unassigned — held in reserve')).not.toBeInTheDocument();

    await user.click(search);
    await user.paste('nobody here');
    expect(screen.getByText('No numbers match')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear search and filter' }));
    expect(screen.getAllByTestId('number-row')).toHaveLength(4);
  });

  it('assigns a reserve number to a member from the sheet', async () => {
    const platform = world();
    const { user } = renderApp({ platform, initialRoute: NUMBERS });
    const sheet = await openSheet(user, '+64 9 555 9001');
    expect(within(sheet).getByRole('heading', { name: '+64 9 555 9001' })).toBeInTheDocument();
    expect(within(sheet).getByTestId('number-reserve')).toHaveTextContent('Unassigned — held in reserve.');
    expect(within(sheet).getByTestId('number-reserve')).toHaveTextContent('Calls to it are rejected.');

    await pick(user, sheet, 'Tom', 'Tomás García');

    const assignees = within(sheet).getByTestId('number-assignees');
    await waitFor(() => expect(within(assignees).getAllByTestId('number-assignee')).toHaveLength(1));
    expect(within(assignees).getByText('Tomás García')).toBeInTheDocument();
    expect(held(platform, '+6495559001').assignees.map((assignee) => assignee.name)).toEqual(['Tomás García']);
    expect(numbersOf(platform, 'Tomás García')).toEqual(['+6495559001']);
    // The table behind the sheet follows.
    await waitFor(async () => expect(within(await row('+64 9 555 9001')).getByText('Tomás García')).toBeInTheDocument());
  });

  it('unassigns someone, putting the number back in reserve', async () => {
    const platform = world();
    const { user } = renderApp({ platform, initialRoute: NUMBERS });
    const sheet = await openSheet(user, '+64 9 555 0101');

    await user.click(within(sheet).getByRole('button', { name: 'Unassign Aroha Ngata' }));

    expect(await within(sheet).findByTestId('number-reserve')).toHaveTextContent('Unassigned — held in reserve.');
    expect(held(platform, '+6495550101').assignees).toEqual([]);
    expect(numbersOf(platform, 'Aroha Ngata')).toEqual([]);
  });

  it('switches a direct number to shared, then assigns a second person without asking', async () => {
    const platform = world();
    const { user } = renderApp({ platform, initialRoute: NUMBERS });
    const sheet = await openSheet(user, '+64 9 555 0101');

    await user.click(within(sheet).getByRole('radio', { name: 'Shared' }));
    await waitFor(() => expect(held(platform, '+6495550101').sharing).toBe('shared'));
    expect(within(sheet).getByRole('radio', { name: 'Shared' })).toBeChecked();

    await pick(user, sheet, 'Jordan', 'Jordan Lee');

    await waitFor(() => expect(within(sheet).getAllByTestId('number-assignee')).toHaveLength(2));
    expect(screen.queryByTestId('number-handover')).not.toBeInTheDocument();
    expect(held(platform, '+6495550101').assignees.map((assignee) => assignee.name)).toEqual(['Aroha Ngata', 'Jordan Lee']);
    expect(numbersOf(platform, 'Jordan Lee')).toContain('+6495550101');
    expect(numbersOf(platform, 'Aroha Ngata')).toContain('+6495550101');
  });

  it('giving a direct number someone holds to someone else asks, then moves it', async () => {
    const platform = world();
    const { user } = renderApp({ platform, initialRoute: NUMBERS });
    const sheet = await openSheet(user, '+64 9 555 0101');

    await pick(user, sheet, 'Tom', 'Tomás García');
    const dialog = await screen.findByTestId('number-handover');
    expect(dialog).toHaveTextContent('+64 9 555 0101 is a direct number, so it belongs to one person — now Aroha Ngata.');
    expect(within(dialog).getByRole('radio', { name: 'Move it to Tomás García' })).toBeChecked();

    await user.click(within(dialog).getByRole('button', { name: 'Move to Tomás García' }));

    await waitFor(() => expect(screen.queryByTestId('number-handover')).not.toBeInTheDocument());
    expect(held(platform, '+6495550101').assignees.map((assignee) => assignee.name)).toEqual(['Tomás García']);
    expect(held(platform, '+6495550101').sharing).toBe('direct');
    expect(numbersOf(platform, 'Aroha Ngata')).toEqual([]);
    await waitFor(() => expect(within(sheet).getByText('Tomás García')).toBeInTheDocument());
    expect(within(sheet).queryByText('Aroha Ngata')).not.toBeInTheDocument();
  });

  it('giving a direct number someone holds to someone else can make it shared instead', async () => {
    const platform = world();
    const { user } = renderApp({ platform, initialRoute: NUMBERS });
    const sheet = await openSheet(user, '+64 9 555 0101');

    await pick(user, sheet, 'Tom', 'Tomás García');
    const dialog = await screen.findByTestId('number-handover');
    await user.click(within(dialog).getByRole('radio', { name: 'Make it shared' }));
    await user.click(within(dialog).getByRole('button', { name: 'Make shared and assign' }));

    await waitFor(() => expect(screen.queryByTestId('number-handover')).not.toBeInTheDocument());
    const number = held(platform, '+6495550101');
    expect(number.sharing).toBe('shared');
    expect(number.assignees.map((assignee) => assignee.name)).toEqual(['Aroha Ngata', 'Tomás García']);
  });

  it('edits the label', async () => {
    const platform = world();
    const { user } = renderApp({ platform, initialRoute: NUMBERS });
    const sheet = await openSheet(user, '+64 9 555 0101');

    const label = within(sheet).getByRole('textbox', { name: 'Label' });
    const save = within(sheet).getByRole('button', { name: 'Save' });
    expect(save).toBeDisabled();
    await user.clear(label);
    await user.type(label, 'Reception{Enter}');

    await waitFor(() => expect(held(platform, '+6495550101').label).toBe('Reception'));
    expect(within(sheet).getByRole('status')).toHaveTextContent('Saved');
    expect(within(sheet).getByRole('button', { name: 'Save' })).toBeDisabled();
    await waitFor(async () => expect(within(await row('+64 9 555 0101')).getByText('Reception')).toBeInTheDocument());
  });

  it('won’t make a number with several assignees direct, and says why', async () => {
    const platform = world();
    const { user } = renderApp({ platform, initialRoute: NUMBERS });
    const sheet = await openSheet(user, '+61 2 5555 0199');

    expect(within(sheet).getByRole('radio', { name: 'Direct' })).toBeDisabled();
    expect(within(sheet).getByTestId('number-sharing-note')).toHaveTextContent(
      'A direct number belongs to one person. Unassign all but one of the 2 people to make it direct.',
    );

    // With one left, it can be.
    await user.click(within(sheet).getByRole('button', { name: 'Unassign Mei Chen' }));
    await waitFor(() => expect(within(sheet).getByRole('radio', { name: 'Direct' })).toBeEnabled());
    await user.click(within(sheet).getByRole('radio', { name: 'Direct' }));
    await waitFor(() => expect(held(platform, '+61255550199').sharing).toBe('direct'));
  });

  it('shows the server’s words when it still refuses to make a number direct', async () => {
    // Shared by one person as far as this window knows; the server has since counted two.
    const refusal = '+64 9 555 0300 is shared by 2 people. Unassign all but one before making it direct.';
    const platform = world(
      { updateNumber: () => Promise.reject(new PlatformError('number_has_several_assignees', refusal)) },
      (team) => [
        {
          id: 'num-lobby',
          e164: '+6495550300',
          label: 'Lobby',
          country: 'NZ',
          kind: 'geographic',
          sharing: 'shared',
          assignees: team.slice(3, 4).map(({ id, email, name }) => ({ id, kind: 'member', email, name })),
          created_at: '2026-11-01T09:00:00Z',
          updated_at: '2026-11-01T09:00:00Z',
        },
      ],
    );
    const { user } = renderApp({ platform, initialRoute: NUMBERS });
    const sheet = await openSheet(user, '+64 9 555 0300');

    await user.click(within(sheet).getByRole('radio', { name: 'Direct' }));

    expect(await within(sheet).findByRole('alert')).toHaveTextContent(refusal);
    expect(within(sheet).getByRole('radio', { name: 'Shared' })).toBeChecked();
  });

  it('says when someone else changed the number, and reloads their change', async () => {
    const platform = world();
    const { user } = renderApp({ platform, initialRoute: NUMBERS });
    const sheet = await openSheet(user, '+64 9 555 0101');

    // Someone else renames it while the sheet is open.
    const { etag } = await platform.getNumber(SALES);
    await platform.updateNumber(SALES, etag, { label: 'Front desk' });

    const label = within(sheet).getByRole('textbox', { name: 'Label' });
    await user.clear(label);
    await user.type(label, 'Reception');
    await user.click(within(sheet).getByRole('button', { name: 'Save' }));

    const conflict = await screen.findByTestId('conflict-dialog');
    expect(conflict).toHaveTextContent('Someone else changed +64 9 555 0101');
    expect(conflict).toHaveTextContent('Label: Sales line → Front desk');
    expect(held(platform, '+6495550101').label).toBe('Front desk');

    await user.click(within(conflict).getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(screen.queryByTestId('conflict-dialog')).not.toBeInTheDocument());
    expect(within(sheet).getByRole('textbox', { name: 'Label' })).toHaveValue('Front desk');
  });

  it('says when the numbers can’t be loaded, and tries again', async () => {
    let failures = 1;
    const fake = world();
    const platform = world({
      listNumbers: (query) =>
        failures-- > 0
          ? Promise.reject(new PlatformError('timeout', 'acme.switchboard.example took too long to answer. Try again.'))
          : fake.listNumbers(query),
    });
    const { user } = renderApp({ platform, initialRoute: NUMBERS });

    expect(await screen.findByText('Couldn’t load the phone numbers')).toBeInTheDocument();
    expect(screen.getByText('acme.switchboard.example took too long to answer. Try again.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findAllByTestId('number-row')).toHaveLength(4);
  });

  it('says so when the account has no numbers', async () => {
    const platform = createFakePlatform(
      {},
      { teams: { [LOCAL_WORKSPACE.id]: [fakeMember(0, 'acme.test', { numbers: [] })] }, reserveNumbers: 0 },
    );
    renderApp({ platform, initialRoute: NUMBERS });
    expect(await screen.findByText('No phone numbers yet')).toBeInTheDocument();
    expect(screen.getByTestId('number-count')).toHaveTextContent('0 numbers');
  });

  // axe reads the whole document three times: more than the default 5 s on a busy machine.
  it('the table, the sheet and the handover question have no accessibility violations', async () => {
    const platform = world();
    const { user } = renderApp({ platform, initialRoute: NUMBERS });
    await screen.findAllByTestId('number-row');
    expect(await accessibilityViolations()).toEqual([]);

    const sheet = await openSheet(user, '+64 9 555 0101');
    expect(await accessibilityViolations()).toEqual([]);

    await pick(user, sheet, 'Tom', 'Tomás García');
    await screen.findByTestId('number-handover');
    expect(await accessibilityViolations()).toEqual([]);
  }, 20_000);
});
