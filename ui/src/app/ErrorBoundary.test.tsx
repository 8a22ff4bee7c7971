import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { ErrorBoundary } from './ErrorBoundary';

function Broken(): never {
  throw new Error('Cannot read properties of undefined (reading "name")');
}

describe('ErrorBoundary', () => {
  it('replaces a crashed tree with a message and a way out', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <ErrorBoundary>
        <Broken />
      </ErrorBoundary>,
    );

    expect(screen.getByRole('alert')).toHaveTextContent('Switchboard hit a problem it couldn’t recover from');
    expect(screen.getByText(/reading "name"/u)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reload Switchboard' })).toBeInTheDocument();
  });

  it('renders its children when nothing goes wrong', () => {
    render(
      <ErrorBoundary>
        <p>fine</p>
      </ErrorBoundary>,
    );
    expect(screen.getByText('fine')).toBeInTheDocument();
  });
});
