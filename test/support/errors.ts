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
