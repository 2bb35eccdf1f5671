import { z } from 'zod';
import { AttestlyError, isAttestlyError, type TErrorCode } from '../../domain/errors.ts';

/** The HTTP status of each error code; exhaustive, so a new code must be mapped here. */
export function httpStatusFor(code: TErrorCode): number {
  switch (code) {
    case 'INVALID_INPUT':
    case 'CATALOG_INVALID':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
    case 'MFA_REQUIRED':
      return 403;
    case 'NOT_FOUND':
    case 'FILE_NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'NOT_INITIALIZED':
    case 'INTEGRITY_FAILURE':
      return 422;
    case 'RATE_LIMITED':
      return 429;
    case 'COLLECTION_FAILED':
      return 502;
    case 'DATABASE_UNAVAILABLE':
    case 'MIGRATION_MODIFIED':
      return 503;
    case 'INTERNAL':
      return 500;
    default: {
      const unmapped: never = code;
      return unmapped;
    }
  }
}

export const ZErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

interface FastifyishError {
  code?: string;
  statusCode?: number;
  message?: string;
  validation?: Array<{ instancePath?: string; message?: string; params?: unknown }>;
  validationContext?: string;
}

/** Turns anything thrown into one of our errors: known framework errors keep their meaning, the rest are INTERNAL. */
export function toAttestlyError(error: unknown): AttestlyError {
  if (isAttestlyError(error)) return error;
  const e = (error ?? {}) as FastifyishError;
  if (e.validation) {
    const issues = e.validation.map((v) => ({
      path: `${e.validationContext ?? ''}${v.instancePath ?? ''}`,
      message: v.message,
    }));
    const first = issues[0];
    return new AttestlyError(
      'INVALID_INPUT',
      first ? `${first.path || 'request'}: ${first.message}` : 'invalid request',
      {
        issues,
      },
    );
  }
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AttestlyError('INVALID_INPUT', 'the request body is not valid JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
      return new AttestlyError('PAYLOAD_TOO_LARGE', 'the request is larger than this server accepts');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AttestlyError('UNSUPPORTED_MEDIA_TYPE', 'this content type is not accepted here');
  }
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return new AttestlyError('INVALID_INPUT', e.message ?? 'bad request');
  }
  return new AttestlyError('INTERNAL', 'internal error');
}

export function errorBody(error: AttestlyError): z.infer<typeof ZErrorBody> {
  return {
    error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
  };
}
