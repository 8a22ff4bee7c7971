import { describe, expect, it } from 'vitest';

import { INTERNAL, PlatformError, toPlatformError } from './error';

describe('toPlatformError', () => {
  it('keeps the code and message of an IPC error', () => {
    const error = toPlatformError({ code: 'keychain_locked', message: 'Your keychain is locked.' });
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ code: 'keychain_locked', message: 'Your keychain is locked.' });
  });

  it('keeps the per-field problems the server named', () => {
    const error = toPlatformError({
      code: 'validation_failed',
      message: 'validation failed',
      fields: { email: ['is not an email address'] },
    });
    expect(error.code).toBe('validation_failed');
    expect(error.fieldError('email')).toBe('is not an email address');
    expect(error.fieldError('name')).toBeUndefined();
  });

  it('passes a PlatformError through unchanged', () => {
    const original = new PlatformError('offline', 'No network.');
    expect(toPlatformError(original)).toBe(original);
  });

  it('turns a bare string into an internal error with that message', () => {
    expect(toPlatformError('command app_info not found')).toMatchObject({
      code: INTERNAL,
      message: 'command app_info not found',
    });
  });

  it.each([undefined, null, 42, new TypeError('boom'), { code: 7, message: 'x' }, { message: 'no code' }])(
    'turns %o into an internal error that keeps the original as its cause',
    (reason) => {
      const error = toPlatformError(reason);
      expect(error.code).toBe(INTERNAL);
      expect(error.message).not.toBe('');
      expect(error.cause).toBe(reason);
    },
  );
});
