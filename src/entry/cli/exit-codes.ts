import type { TErrorCode } from '../../domain/errors.ts';

/** The process exit status for each error code; the switch is exhaustive so a new code must be mapped. */
export function exitCodeFor(code: TErrorCode): number {
  switch (code) {
    case 'INVALID_INPUT':
      return 2;
    case 'NOT_FOUND':
    case 'FILE_NOT_FOUND':
      return 3;
    case 'CONFLICT':
      return 4;
    case 'NOT_INITIALIZED':
      return 5;
    case 'DATABASE_UNAVAILABLE':
      return 6;
    case 'MIGRATION_MODIFIED':
    case 'CATALOG_INVALID':
      return 7;
    case 'INTEGRITY_FAILURE':
      return 8;
    case 'COLLECTION_FAILED':
      return 10;
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
    case 'MFA_REQUIRED':
      return 9;
    case 'RATE_LIMITED':
    case 'PAYLOAD_TOO_LARGE':
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 2;
    case 'INTERNAL':
      return 70;
    default: {
      const unmapped: never = code;
      return unmapped;
    }
  }
}
