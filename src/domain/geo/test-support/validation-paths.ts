// Tests only: what a call's VALIDATION error names, so tests can assert on it without
// depending on message wording.
import { TrucelineError } from '../../errors.js';

/**
 * The field paths named by the VALIDATION error that `call` throws; throws itself if the call
 * returns normally or fails any other way.
 */
export function validationPaths(call: () => unknown): string[] {
  try {
    call();
  } catch (e) {
    if (e instanceof TrucelineError && e.code === 'VALIDATION') return e.issues.map((i) => i.path);
    throw e;
  }
  throw new Error('expected a VALIDATION error, but the call returned');
}
