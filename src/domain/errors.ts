// One closed set of error codes for the whole product. Entry points map them to exit codes and
// HTTP statuses with exhaustive switches, so adding a code without a mapping fails the type check.
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'NOT_INITIALIZED',
  'DATABASE_UNAVAILABLE',
  'MIGRATION_MODIFIED',
  'CATALOG_INVALID',
  'FILE_NOT_FOUND',
  'INTEGRITY_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'MFA_REQUIRED',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'COLLECTION_FAILED',
  'INTERNAL',
] as const;
export type TErrorCode = (typeof ERROR_CODES)[number];

export class AttestlyError extends Error {
  readonly code: TErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: TErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AttestlyError';
    this.code = code;
    this.details = details;
  }
}

export function isAttestlyError(error: unknown): error is AttestlyError {
  return error instanceof AttestlyError;
}
