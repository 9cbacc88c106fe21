/**
 * Errors that callers branch on carry a code from a closed set; HTTP status and CLI exit codes
 * are chosen from the code in one place at the edge (src/server/problem.ts, src/cli/exit.ts).
 */
export type ErrorCode =
  | 'VALIDATION'
  | 'ID_CONFLICT'
  | 'NOT_FOUND'
  | 'ILLEGAL_TRANSITION'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'ROOT_MISMATCH'
  | 'BAD_SIGNATURE'
  | 'INCONSISTENT'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE';

/** One thing wrong with an input: where (a JSON path such as `bearing.fromDeg`) and why. */
export interface FieldIssue {
  readonly path: string;
  readonly reason: string;
}

export class TrucelineError extends Error {
  override readonly name = 'TrucelineError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
  }
}

/** A validation failure naming every field that is wrong, not just the first. */
export function validationError(issues: readonly FieldIssue[], what = 'input'): TrucelineError {
  const summary = issues.map((i) => `${i.path || '(root)'}: ${i.reason}`).join('; ');
  return new TrucelineError('VALIDATION', `invalid ${what}: ${summary}`, issues);
}
