import type { z } from 'zod';
import { AttestlyError } from '../../../domain/errors.ts';

// Turns what the SDK throws into COLLECTION_FAILED with AWS's own message, so a scan reports the account
// as not collected (never as green) and says which IAM action to grant.

/** The call being made: its IAM action (`iam:GenerateCredentialReport`) and, for regional APIs, the region. */
export interface TAwsCall {
  action: string;
  region?: string;
}

/** Error codes that mean the caller lacks a permission (IAM, S3, KMS, EC2 spell it differently). */
const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
  'AuthorizationErrorException',
]);

/** Error codes that mean the credentials themselves are unusable. */
const BAD_CREDENTIALS = new Set([
  'UnrecognizedClient',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidAccessKeyId',
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'AuthFailure',
  'InvalidToken',
]);

/** The default chain found no credentials at all (no environment variables, profile or role). */
const NO_CREDENTIALS = 'CredentialsProviderError';

/** Failures of the connection rather than of a request: AWS was not reached. */
const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'TimeoutError',
]);

interface TSdkError {
  name: string;
  message: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

function asSdkError(error: unknown): TSdkError | undefined {
  if (!(error instanceof Error)) return undefined;
  const e = error as Error & Partial<TSdkError>;
  // The SDK attaches $metadata to every error it passes on, even our own; only an HTTP status proves AWS
  // answered.
  const answered = e.$metadata?.httpStatusCode !== undefined;
  if (
    answered ||
    e.name === NO_CREDENTIALS ||
    BAD_CREDENTIALS.has(e.name) ||
    NETWORK.has(e.name) ||
    (e.code && NETWORK.has(e.code))
  )
    return e as TSdkError;
  return undefined;
}

/** The SDK's error code (`NoSuchEntity`), or undefined when the error did not come from AWS. */
export function awsErrorCode(error: unknown): string | undefined {
  return asSdkError(error)?.name;
}

/** AWS names the exact action it refused in most denials ("not authorized to perform: kms:DescribeKey"). */
function deniedAction(message: string): string | undefined {
  return /perform: ([a-z0-9-]+:[A-Za-z0-9]+)/.exec(message)?.[1];
}

export function toCollectionError(error: unknown, call: TAwsCall): unknown {
  if (error instanceof AttestlyError) return error;
  const e = asSdkError(error);
  // Anything else is a bug in the collector (or an unrecorded request in tests): let it surface as such.
  if (!e) return error;
  const where = call.region ? ` in ${call.region}` : '';
  const details: Record<string, unknown> = {
    // Node's socket errors are all named Error; their code says what happened.
    code: e.code && NETWORK.has(e.code) ? e.code : e.name,
    action: call.action,
    ...(call.region ? { region: call.region } : {}),
    ...(e.$metadata?.httpStatusCode ? { httpStatus: e.$metadata.httpStatusCode } : {}),
    ...(e.$metadata?.requestId ? { requestId: e.$metadata.requestId } : {}),
  };
  if (ACCESS_DENIED.has(e.name)) {
    const permission = deniedAction(e.message) ?? call.action;
    return new AttestlyError('COLLECTION_FAILED', `AWS denied ${permission}${where}: ${e.message}`, {
      ...details,
      permission,
    });
  }
  if (e.name === NO_CREDENTIALS)
    return new AttestlyError(
      'COLLECTION_FAILED',
      `no AWS credentials for ${call.action}: ${e.message}`,
      details,
    );
  if (BAD_CREDENTIALS.has(e.name)) {
    return new AttestlyError(
      'COLLECTION_FAILED',
      `AWS rejected the credentials (${e.name}) on ${call.action}${where}: ${e.message}`,
      details,
    );
  }
  if (e.$metadata?.httpStatusCode === undefined)
    return new AttestlyError(
      'COLLECTION_FAILED',
      `could not reach AWS for ${call.action}${where}: ${e.message}`,
      details,
    );
  return new AttestlyError(
    'COLLECTION_FAILED',
    `AWS ${call.action}${where} failed (${e.name}): ${e.message}`,
    details,
  );
}

/** Runs one AWS call (or a whole paginated listing) and maps its failure. */
export async function send<T>(call: TAwsCall, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toCollectionError(error, call);
  }
}

/** Like send, but the listed error codes mean "not configured" (NoSuchEntity …) and give null. */
export async function sendOrAbsent<T>(
  call: TAwsCall,
  absentCodes: readonly string[],
  run: () => Promise<T>,
): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    const code = awsErrorCode(error);
    if (code && absentCodes.includes(code)) return null;
    throw toCollectionError(error, call);
  }
}

/** Parses one response; a shape we do not expect fails the collection with where it differs. */
export function parseResponse<S extends z.ZodType>(schema: S, value: unknown, call: TAwsCall): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AttestlyError(
    'COLLECTION_FAILED',
    `AWS ${call.action}${call.region ? ` in ${call.region}` : ''} returned an unexpected response at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    { action: call.action, ...(call.region ? { region: call.region } : {}) },
  );
}
