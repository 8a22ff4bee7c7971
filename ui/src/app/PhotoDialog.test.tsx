// The photo dialog against the fake: choosing or dropping a photo, framing and saving it (with progress,
// failures and conflicts), removing it, and the avatar showing everywhere the member is shown.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { Member, SaveProgress, Versioned } from '../platform';
import { createFakePlatform, fakeMember, LOCAL_WORKSPACE, type FakePlatform, type FakeWorld } from '../platform/fake';
import { renderApp } from '../test/render';
import { withViewport } from '../test/viewport';

withViewport();

type User = ReturnType<typeof userEvent.setup>;

const ME = LOCAL_WORKSPACE.userId;
const ACCOUNT = { page: 'settings', tab: 'account' } as const;
const MEMBERS = { page: 'members', tab: 'members' } as const;
const OLD_PHOTO = `/v1/members/${ME}/avatar?v=1`;

function world(options: { myPhoto?: string | null; photos?: FakeWorld['photos'] } = {}): FakePlatform {
  const team: Member[] = [
    fakeMember(0, 'acme.nz', {
      id: ME,
      name: 'Aroha Ngata',
      email: 'aroha@acme.nz',
      role: 'owner',
      avatar_url: options.myPhoto ?? null,
      numbers: [],
      groups: [],
    }),
    fakeMember(1, 'acme.nz', { name: 'Jordan Lee', email: 'jordan@acme.nz', role: 'member', numbers: [], groups: [] }),
  ];
  return createFakePlatform({}, { teams: { [LOCAL_WORKSPACE.id]: team }, photos: options.photos ?? {} });
}

/** The photo `<img>` of the avatar inside `container`, if it shows one. */
function photoIn(container: HTMLElement): HTMLImageElement | null {
  return container.querySelector<HTMLImageElement>('img.avatar__photo');
}

function settingsProfile(): HTMLElement {
  return screen.getByRole('region', { name: 'Profile' });
}

async function openFromSettings(user: User): Promise<HTMLElement> {
  await user.click(await screen.findByRole('button', { name: 'Change photo' }));
  return screen.findByRole('dialog', { name: 'Profile photo' });
}

/** Chooses a photo in the prompt and waits for the framing step. */
async function choose(user: User, dialog: HTMLElement): Promise<void> {
  await user.click(within(dialog).getByRole('button', { name: 'Choose a photo…' }));
  await within(dialog).findByRole('button', { name: 'Save photo' });
}

function preview(dialog: HTMLElement): HTMLImageElement | null {
  return dialog.querySelector<HTMLImageElement>('img.photo-frame-image');
}

/** The crop of the last save. */
function lastCrop(platform: FakePlatform): unknown {
  return platform.requests.filter((request) => request.method === 'savePhoto').at(-1)?.args[1];
}

describe('the photo dialog', () => {
  it('chooses, frames and saves the user’s photo, which then shows in Settings, the header and the members list', async () => {
    const { user, platform } = renderApp({ platform: world(), initialRoute: ACCOUNT });
    await screen.findByRole('heading', { name: 'Profile' });
    expect(photoIn(settingsProfile())).toBeNull();

    const dialog = await openFromSettings(user);
    expect(within(dialog).getByText('Drag a photo here')).toBeVisible();
    expect(within(dialog).getByText('JPEG, PNG or WebP, up to 30 MB')).toBeVisible();
    // Without a photo there is nothing to remove.
    expect(within(dialog).queryByRole('button', { name: 'Remove photo' })).toBeNull();

    await choose(user, dialog);
    const [photoId] = platform.world.photos.openIds();
    expect(preview(dialog)).toHaveAttribute('src', platform.photoPreviewSrc(photoId ?? ''));
    expect(within(dialog).getByRole('slider', { name: 'Zoom' })).toHaveValue('1');

    await user.click(within(dialog).getByRole('button', { name: 'Save photo' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Profile photo' })).toBeNull());
    // The 4000 × 3000 photo, framed as it opened: the largest centred square.
    expect(lastCrop(platform)).toEqual({ x: 500, y: 0, width: 3000, height: 3000 });
    expect(await screen.findByText('Photo saved')).toBeInTheDocument();
    // The dialog let go of the photo.
    expect(platform.world.photos.openIds()).toEqual([]);

    const saved = (await platform.me()).value.avatar_url ?? '';
    expect(saved).not.toBe('');
    await waitFor(() => expect(photoIn(settingsProfile())).toHaveAttribute('src', platform.avatarSrc(ME, saved, 128)));
    expect(photoIn(screen.getByRole('button', { name: 'Account menu' }))).toHaveAttribute('src', platform.avatarSrc(ME, saved, 64));
    // Until the image has loaded, the initials show under it.
    expect(settingsProfile()).toHaveTextContent('AN');
    expect(photoIn(settingsProfile())).not.toHaveAttribute('data-loaded');
    fireEvent.load(photoIn(settingsProfile()) as HTMLImageElement);
    expect(photoIn(settingsProfile())).toHaveAttribute('data-loaded');

    await user.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('button', { name: 'Admin' }));
    const row = (await screen.findAllByTestId('member-row')).find((candidate) => within(candidate).queryByText('Aroha Ngata'));
    expect(photoIn(row as HTMLElement)).toHaveAttribute('src', platform.avatarSrc(ME, saved, 64));
  });

  it('shows the initials again when the photo can’t be shown', async () => {
    renderApp({ platform: world({ myPhoto: OLD_PHOTO }), initialRoute: ACCOUNT });
    await screen.findByRole('heading', { name: 'Profile' });
    const image = await waitFor(() => {
      const found = photoIn(settingsProfile());
      if (found === null) throw new Error('no photo yet');
      return found;
    });
    fireEvent.error(image);
    expect(photoIn(settingsProfile())).toBeNull();
    expect(settingsProfile()).toHaveTextContent('AN');
  });

  it('keeps the framing when a save fails, says why, and saves it on the next try', async () => {
    const platform = world();
    platform.world.photos.saveFailures.push('offline');
    const { user } = renderApp({ platform, initialRoute: ACCOUNT });
    const dialog = await openFromSettings(user);
    await choose(user, dialog);
    // Zoomed in by the keyboard, so the retry must send the same framing, not the first one.
    const frame = dialog.querySelector('.photo-frame') as HTMLElement;
    fireEvent.keyDown(frame, { key: '+' });
    fireEvent.keyDown(frame, { key: '=' });
    expect(within(dialog).getByRole('slider', { name: 'Zoom' })).toHaveValue('1.5');
    fireEvent.keyDown(frame, { key: '-' });
    expect(within(dialog).getByRole('slider', { name: 'Zoom' })).toHaveValue('1.25');

    await user.click(within(dialog).getByRole('button', { name: 'Save photo' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Couldn’t reach the server');
    expect(preview(dialog)).not.toBeNull();
    expect(within(dialog).getByRole('slider', { name: 'Zoom' })).toHaveValue('1.25');
    const failed = lastCrop(platform);

    await user.click(within(dialog).getByRole('button', { name: 'Save photo' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Profile photo' })).toBeNull());
    expect(lastCrop(platform)).toEqual(failed);
    expect(platform.calls.savePhoto).toBe(2);
    await waitFor(() => expect(photoIn(settingsProfile())).not.toBeNull());
  });

  it('shows preparing, then upload progress, while saving', async () => {
    let report: (progress: SaveProgress) => void = () => undefined;
    let finish: (member: Versioned<Member>) => void = () => undefined;
    const base = world();
    const platform = createFakePlatform(
      {
        savePhoto: (photoId, crop, memberId, etag, onProgress) => {
          report = onProgress;
          return new Promise((resolve) => {
            finish = resolve;
          }).then(() => base.savePhoto(photoId, crop, memberId, etag, () => undefined));
        },
        pickPhoto: () => base.pickPhoto(),
      },
      { teams: { [LOCAL_WORKSPACE.id]: base.world.members() } },
    );
    const { user } = renderApp({ platform, initialRoute: ACCOUNT });
    const dialog = await openFromSettings(user);
    await choose(user, dialog);
    await user.click(within(dialog).getByRole('button', { name: 'Save photo' }));
    expect(await within(dialog).findByText('Preparing photo…')).toBeVisible();
    expect(within(dialog).getByRole('button', { name: /Saving/u })).toBeDisabled();
    expect(within(dialog).getByRole('slider', { name: 'Zoom' })).toBeDisabled();

    act(() => report({ stage: 'uploading', sent: 12_000, total: 48_000 }));
    expect(within(dialog).getByText('Uploading… 25 %')).toBeVisible();
    expect(within(dialog).getByRole('progressbar', { name: 'Upload progress' })).toHaveAttribute('value', '25');
    act(() => finish({} as Versioned<Member>));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Profile photo' })).toBeNull());
  });

  it('lights the drop zone while a file is dragged over it, and frames the dropped photo', async () => {
    const { user, platform } = renderApp({ platform: world(), initialRoute: ACCOUNT });
    const dialog = await openFromSettings(user);
    const zone = within(dialog).getByTestId('photo-drop');
    zone.getBoundingClientRect = () => DOMRect.fromRect({ x: 100, y: 100, width: 300, height: 200 });

    act(() => platform.world.photos.emit({ type: 'over', x: 50, y: 50 }));
    expect(within(dialog).getByText('Drag a photo here')).toBeVisible();
    act(() => platform.world.photos.emit({ type: 'over', x: 200, y: 150 }));
    expect(within(dialog).getByText('Drop to use this photo')).toBeVisible();
    expect(zone).toHaveAttribute('data-over');
    act(() => platform.world.photos.emit({ type: 'leave' }));
    expect(within(dialog).getByText('Drag a photo here')).toBeVisible();

    act(() => platform.world.photos.emit({ type: 'drop', x: 200, y: 150 }));
    await within(dialog).findByRole('button', { name: 'Save photo' });
    expect(platform.calls.openDroppedPhoto).toBe(1);
    await user.click(within(dialog).getByRole('button', { name: 'Save photo' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Profile photo' })).toBeNull());
    // The dropped photo is 3000 × 4000.
    expect(lastCrop(platform)).toEqual({ x: 0, y: 500, width: 3000, height: 3000 });
  });

  it('says in plain words why a dropped file can’t be used, and lets the user choose another', async () => {
    const { user, platform } = renderApp({ platform: world({ photos: { dropped: 'photo_not_an_image' } }), initialRoute: ACCOUNT });
    const dialog = await openFromSettings(user);
    act(() => platform.world.photos.emit({ type: 'drop', x: 0, y: 0 }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('This isn’t an image. Choose a JPEG, PNG or WebP photo.');
    expect(within(dialog).getByText('Drag a photo here')).toBeVisible();

    await choose(user, dialog);
    expect(within(dialog).queryByRole('alert')).toBeNull();
  });

  it('stays on the prompt when the file dialog is cancelled', async () => {
    const { user, platform } = renderApp({ platform: world({ photos: { picked: null } }), initialRoute: ACCOUNT });
    const dialog = await openFromSettings(user);
    // A click anywhere on the zone opens the file dialog too.
    await user.click(within(dialog).getByText('Drag a photo here'));
    await waitFor(() => expect(platform.calls.pickPhoto).toBe(1));
    expect(within(dialog).getByText('Drag a photo here')).toBeVisible();
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(within(dialog).queryByRole('button', { name: 'Save photo' })).toBeNull();
  });

  it('goes back to choose another photo, letting go of the first, and closing lets go of the second', async () => {
    const { user, platform } = renderApp({ platform: world(), initialRoute: ACCOUNT });
    const dialog = await openFromSettings(user);
    await choose(user, dialog);
    const [first] = platform.world.photos.openIds();
    await user.click(within(dialog).getByRole('button', { name: 'Choose another photo' }));
    expect(within(dialog).getByText('Drag a photo here')).toBeVisible();
    await waitFor(() => expect(platform.world.photos.openIds()).not.toContain(first));

    await choose(user, dialog);
    expect(platform.world.photos.openIds()).toHaveLength(1);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog', { name: 'Profile photo' })).toBeNull();
    await waitFor(() => expect(platform.world.photos.openIds()).toEqual([]));
    expect(platform.calls.savePhoto).toBe(0);
  });

  it('removes the user’s photo after asking, and the initials come back', async () => {
    const { user, platform } = renderApp({ platform: world({ myPhoto: OLD_PHOTO }), initialRoute: ACCOUNT });
    await waitFor(() => expect(photoIn(screen.getByRole('region', { name: 'Profile' }))).not.toBeNull());
    const dialog = await openFromSettings(user);
    await user.click(within(dialog).getByRole('button', { name: 'Remove photo' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Remove photo?' });
    await user.click(within(confirm).getByRole('button', { name: 'Remove photo' }));

    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Profile photo' })).toBeNull());
    expect(await screen.findByText('Photo removed')).toBeInTheDocument();
    await waitFor(() => expect(photoIn(settingsProfile())).toBeNull());
    expect(settingsProfile()).toHaveTextContent('AN');
    expect(photoIn(screen.getByRole('button', { name: 'Account menu' }))).toBeNull();
    expect((await platform.me()).value.avatar_url).toBeNull();
  });

  it('says so when the profile changed meanwhile, and saves against the new version next time', async () => {
    const { user, platform } = renderApp({ platform: world(), initialRoute: ACCOUNT });
    const dialog = await openFromSettings(user);
    await choose(user, dialog);
    // Someone (another window) changes the profile while the photo is being framed.
    await platform.updateMe((await platform.me()).etag, { name: 'Aroha N.' });
    const reads = platform.calls.me;

    await user.click(within(dialog).getByRole('button', { name: 'Save photo' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Someone else changed your profile while you were framing this photo.',
    );
    // The profile is read again, so the next save is made against what is saved now.
    await waitFor(() => expect(platform.calls.me).toBeGreaterThan(reads));
    await user.click(within(dialog).getByRole('button', { name: 'Save photo' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Profile photo' })).toBeNull());
    expect((await platform.me()).value.avatar_url).not.toBeNull();
  });

  it('lets an admin set a member’s photo from their profile, which the list then shows', async () => {
    const { user, platform } = renderApp({ platform: world(), initialRoute: MEMBERS });
    const jordanRow = () =>
      screen.getAllByTestId('member-row').find((candidate) => within(candidate).queryByText('Jordan Lee')) as HTMLElement;
    await screen.findAllByTestId('member-row');
    expect(photoIn(jordanRow())).toBeNull();
    await user.click(jordanRow());
    const sheet = await screen.findByRole('dialog', { name: 'Jordan Lee' });
    const change = within(sheet).getByRole('button', { name: 'Change photo' });
    await waitFor(() => expect(change).toBeEnabled());
    await user.click(change);

    const dialog = await screen.findByRole('dialog', { name: 'Photo for Jordan Lee' });
    await choose(user, dialog);
    await user.click(within(dialog).getByRole('button', { name: 'Save photo' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Photo for Jordan Lee' })).toBeNull());

    const jordan = platform.world.members().find((member) => member.name === 'Jordan Lee');
    const saved = jordan?.avatar_url ?? '';
    expect(saved).not.toBe('');
    expect(photoIn(sheet)).toHaveAttribute('src', platform.avatarSrc(jordan?.id ?? '', saved, 128));
    await waitFor(() => expect(photoIn(jordanRow())).toHaveAttribute('src', platform.avatarSrc(jordan?.id ?? '', saved, 64)));
  });
});
