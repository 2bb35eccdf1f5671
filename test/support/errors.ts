import { AttestlyError } from '../../src/domain/errors.ts';

/** Runs fn and returns the AttestlyError it throws; fails the test when it throws nothing or something else. */
export function errorOf(fn: () => unknown): AttestlyError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AttestlyError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

/** Awaits a promise that must reject with an AttestlyError, and returns that error. */
export async function rejectionOf(promise: Promise<unknown>): Promise<AttestlyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AttestlyError)) throw new Error(`expected an AttestlyError, got ${String(error)}`);
  return error;
}
