import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { PlatformError } from '../platform';
import { FirstLaunch, validateSignIn, type SignInDetails } from './FirstLaunch';
import { createQueryClient } from './queryClient';

function renderFirstLaunch(
  onOpenLocal: () => Promise<void> = () => Promise.resolve(),
  onSignIn: (details: SignInDetails) => Promise<void> = () => Promise.resolve(),
) {
  const user = userEvent.setup();
  render(
    <QueryClientProvider client={createQueryClient()}>
      <FirstLaunch onOpenLocal={onOpenLocal} onSignIn={onSignIn} />
    </QueryClientProvider>,
  );
  return user;
}

describe('the first-launch screen', () => {
  it('offers the local workspace and signing in to a server', async () => {
    const onOpenLocal = vi.fn(() => Promise.resolve());
    const user = renderFirstLaunch(onOpenLocal);

    expect(screen.getByRole('heading', { name: 'Welcome to Switchboard' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Open a local workspace/u }));
    expect(onOpenLocal).toHaveBeenCalledOnce();
  });

  it('shows progress while the local workspace opens, and its error', async () => {
    let fail: (error: Error) => void = () => undefined;
    const user = renderFirstLaunch(
      () =>
        new Promise((_resolve, reject) => {
          fail = reject;
        }),
    );

    await user.click(screen.getByRole('button', { name: /Open a local workspace/u }));
    expect(screen.getByText('Opening the local workspace…')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Sign in to a server/u })).toBeDisabled();

    fail(new PlatformError('keychain_locked', 'Your keychain is locked. Unlock it and try again.'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Your keychain is locked.');
    expect(screen.getByRole('button', { name: /Open a local workspace/u })).toBeEnabled();
  });

  it('signs in with the server URL, email and password', async () => {
    const onSignIn = vi.fn<(details: SignInDetails) => Promise<void>>(() => Promise.resolve());
    const user = renderFirstLaunch(undefined, onSignIn);

    await user.click(screen.getByRole('button', { name: /Sign in to a server/u }));
    await user.type(screen.getByLabelText('Server URL'), '  https://acme.switchboard.example ');
    await user.type(screen.getByLabelText('Email'), 'aroha@acme.nz');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(onSignIn).toHaveBeenCalledWith({
      serverUrl: 'https://acme.switchboard.example',
      email: 'aroha@acme.nz',
      password: 'correct horse',
    });
  });

  it('says what is missing before asking the server, and shows the server’s answer', async () => {
    const onSignIn = vi.fn(() =>
      Promise.reject(new PlatformError('invalid_credentials', 'That email and password don’t match.')),
    );
    const user = renderFirstLaunch(undefined, onSignIn);

    await user.click(screen.getByRole('button', { name: /Sign in to a server/u }));
    await user.type(screen.getByLabelText('Server URL'), 'acme');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(onSignIn).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Server URL')).toHaveFocus();
    expect(screen.getByLabelText('Server URL')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Server URL')).toHaveAccessibleDescription(/starting with https:\/\//u);
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Enter the email address you sign in with.');

    await user.clear(screen.getByLabelText('Server URL'));
    await user.type(screen.getByLabelText('Server URL'), 'http://127.0.0.1:8080');
    await user.type(screen.getByLabelText('Email'), 'jordan@acme.nz');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('That email and password don’t match.');

    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByRole('button', { name: /Open a local workspace/u })).toBeInTheDocument();
  });
});

describe('validateSignIn', () => {
  it.each([
    ['', 'a@b', 'p', ['serverUrl']],
    ['ftp://acme', 'a@b', 'p', ['serverUrl']],
    ['https://acme.example', 'not-an-email', '', ['email', 'password']],
    ['https://acme.example:8443/base', 'a@b.c', 'p', []],
  ])('%j %j %j → %j', (serverUrl, email, password, fields) => {
    expect(Object.keys(validateSignIn({ serverUrl, email, password })).sort()).toEqual(fields);
  });
});
