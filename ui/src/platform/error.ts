// The one error type the UI sees from the backend. Rust sends errors across IPC as `{code, message}`
// (see bindings.ts `IpcError`); components branch on `code`, never on message text.
import type { IpcError } from './bindings';

/** Codes the UI itself produces; the backend's own codes pass through unchanged. */
export const INTERNAL = 'internal';
export const NOT_IN_APP = 'not_in_app';

export class PlatformError extends Error implements IpcError {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PlatformError';
    this.code = code;
  }
}

function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>)['code'] === 'string' &&
    typeof (value as Record<string, unknown>)['message'] === 'string'
  );
}

const GENERIC_MESSAGE =
  'Something went wrong inside Switchboard. Try again; if it keeps happening, restart the app.';

/**
 * Turns whatever a rejected IPC call produced into a PlatformError. A well-formed `{code, message}`
 * keeps its code; anything else (a bare string, a JS Error, undefined) becomes code `internal`, with the
 * original value kept as `cause` for debugging.
 */
export function toPlatformError(reason: unknown): PlatformError {
  if (reason instanceof PlatformError) return reason;
  if (isIpcError(reason)) return new PlatformError(reason.code, reason.message, { cause: reason });
  if (typeof reason === 'string' && reason.trim() !== '') {
    return new PlatformError(INTERNAL, reason, { cause: reason });
  }
  return new PlatformError(INTERNAL, GENERIC_MESSAGE, { cause: reason });
}
