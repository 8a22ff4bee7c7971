import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { busyWords } from './QuitDialog';
import { renderApp } from '../test/render';

describe('quitting while work is under way', () => {
  it('says what is still going, updates as it goes, and waits to close by itself', async () => {
    const { platform } = renderApp();
    expect(screen.queryByTestId('quit-dialog')).not.toBeInTheDocument();

    act(() => platform.world.quit.ask({ sending: 2, uploading: 0, waiting: 0 }));
    const dialog = await screen.findByTestId('quit-dialog');
    expect(within(dialog).getByRole('heading')).toHaveTextContent('Still sending invites');
    expect(dialog).toHaveTextContent('2 invites are still sending…');
    expect(within(dialog).getByRole('status')).toHaveTextContent('Switchboard will close by itself when that’s done.');
    expect(dialog).toHaveTextContent('If you quit now, they stay queued and are sent the next time you open Switchboard.');

    // One arrived; the other's server stopped answering, so it waits for the next launch.
    act(() => platform.world.quit.ask({ sending: 1, uploading: 0, waiting: 1 }));
    expect(dialog).toHaveTextContent('1 invite is still sending…');
    expect(dialog).toHaveTextContent(
      '1 queued invite can’t be sent right now; it stays queued and goes the next time you open Switchboard.',
    );
    expect(platform.world.quit.answers).toEqual([]);

    // Done: the app quits by itself, without an answer.
    act(() => platform.world.quit.finish());
    expect(platform.world.quit.quit).toBe(true);
    expect(platform.world.quit.answers).toEqual([]);
  });

  it('quits at once on “Quit anyway”', async () => {
    const { platform, user } = renderApp();
    act(() => platform.world.quit.ask({ sending: 0, uploading: 1, waiting: 0 }));
    const dialog = await screen.findByTestId('quit-dialog');
    expect(within(dialog).getByRole('heading')).toHaveTextContent('Still uploading');
    expect(dialog).toHaveTextContent('Your photo is still uploading…');
    expect(dialog).toHaveTextContent('Quitting now stops the upload: the photo isn’t saved.');

    await user.click(within(dialog).getByRole('button', { name: 'Quit anyway' }));
    expect(platform.world.quit.answers).toEqual([{ request: 1, answer: 'now' }]);
    expect(platform.world.quit.quit).toBe(true);
  });

  it('stays open on “Keep open” (or Escape), and a later close asks again', async () => {
    const { platform, user } = renderApp();
    act(() => platform.world.quit.ask({ sending: 3, uploading: 1, waiting: 0 }));
    const dialog = await screen.findByTestId('quit-dialog');
    expect(within(dialog).getByRole('heading')).toHaveTextContent('Still working');

    await user.click(within(dialog).getByRole('button', { name: 'Keep open' }));
    await waitFor(() => expect(screen.queryByTestId('quit-dialog')).not.toBeInTheDocument());
    expect(platform.world.quit.answers).toEqual([{ request: 1, answer: 'stay' }]);
    expect(platform.world.quit.quit).toBe(false);

    act(() => platform.world.quit.ask({ sending: 1, uploading: 0, waiting: 0 }));
    expect(await screen.findByTestId('quit-dialog')).toHaveTextContent('1 invite is still sending…');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('quit-dialog')).not.toBeInTheDocument());
    expect(platform.world.quit.answers).toEqual([
      { request: 1, answer: 'stay' },
      { request: 2, answer: 'stay' },
    ]);
  });

  it('words the counts', () => {
    expect(busyWords({ sending: 1, uploading: 0, waiting: 0 }).going).toEqual(['1 invite is still sending…']);
    expect(busyWords({ sending: 0, uploading: 2, waiting: 3 }).going).toEqual([
      '2 photos are still uploading…',
      '3 queued invites can’t be sent right now; they stay queued and go the next time you open Switchboard.',
    ]);
    expect(busyWords({ sending: 1, uploading: 0, waiting: 0 }).ifQuit).toEqual([
      'If you quit now, it stays queued and is sent the next time you open Switchboard.',
    ]);
  });
});
