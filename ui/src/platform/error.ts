// The one error type the UI sees from the backend. Rust sends errors across IPC as `{code, message,
// fields?}` (see bindings.ts `IpcError`); components branch on `code` — a union the compiler checks
// against the Rust catalogue — never on message text.
import type { ErrorCode, IpcError } from './bindings';

export type { ErrorCode } from './bindings';

/** Codes the UI itself produces; the backend's own codes pass through unchanged. */
export const INTERNAL: ErrorCode = 'internal';
export const NOT_IN_APP: ErrorCode = 'not_in_app';

/** Per-field problems keyed by the request's field name, as the server reported them. */
export type FieldErrors = Partial<Record<string, string[]>>;

export class PlatformError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldErrors;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; fields?: FieldErrors }) {
    super(message, options);
    this.name = 'PlatformError';
    this.code = code;
    this.fields = options?.fields ?? {};
  }

  /** The server's first problem with `field`, if it named one. */
  fieldError(field: string): string | undefined {
    return this.fields[field]?.[0];
  }
}

/** Whether `error` is a PlatformError with this code. */
export function hasCode(error: unknown, code: ErrorCode): error is PlatformError {
  return error instanceof PlatformError && error.code === code;
}

function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>)['code'] === 'string' &&
    typeof (value as Record<string, unknown>)['message'] === 'string'
  );
}

function isFieldErrors(value: unknown): value is FieldErrors {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((v) => Array.isArray(v) && v.every((s) => typeof s === 'string'))
  );
}

const GENERIC_MESSAGE =
  'Something went wrong inside Switchboard. Try again; if it keeps happening, restart the app.';

/**
 * Turns whatever a rejected IPC call produced into a PlatformError. A well-formed `{code, message}`
 * keeps its code (and its field errors); anything else (a bare string, a JS Error, undefined) becomes
 * code `internal`, with the original value kept as `cause` for debugging.
 */
export function toPlatformError(reason: unknown): PlatformError {
  if (reason instanceof PlatformError) return reason;
  if (isIpcError(reason)) {
    const fields = isFieldErrors(reason.fields) ? reason.fields : {};
    return new PlatformError(reason.code, reason.message, { cause: reason, fields });
  }
  if (typeof reason === 'string' && reason.trim() !== '') {
    return new PlatformError(INTERNAL, reason, { cause: reason });
  }
  return new PlatformError(INTERNAL, GENERIC_MESSAGE, { cause: reason });
}
