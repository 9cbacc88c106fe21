import { TrucelineError, type ErrorCode } from '../domain/errors.js';

/** Exit codes, chosen from error codes in one place. */
export const EXIT = {
  OK: 0,
  FAILED: 1,
  /** import: some lines were rejected (bad input). */
  REJECTED: 2,
  /** import: some lines conflicted with stored observations. */
  CONFLICT: 3,
  /** import: both rejected and conflicting lines. */
  REJECTED_AND_CONFLICT: 4,
  USAGE: 64,
  INTERRUPTED: 130,
} as const;

const BY_CODE: Partial<Record<ErrorCode, number>> = { VALIDATION: EXIT.FAILED, ID_CONFLICT: EXIT.CONFLICT };

const FS_REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
};

/** One readable line for a failure, and its exit code. */
export function describeFailure(err: unknown): { line: string; exitCode: number } {
  if (err instanceof TrucelineError) {
    const lines = err.issues.length > 1 ? '\n' + err.issues.map((i) => `  ${i.path || '(root)'}: ${i.reason}`).join('\n') : '';
    return { line: `truceline: ${err.issues.length > 1 ? `${err.issues.length} errors` : err.message}${lines}`, exitCode: BY_CODE[err.code] ?? EXIT.FAILED };
  }
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e === 'object' && typeof e.code === 'string' && typeof e.path === 'string') {
    const why = FS_REASONS[e.code] ?? e.message;
    return { line: `truceline: ${e.path}: ${why}`, exitCode: EXIT.FAILED };
  }
  return { line: `truceline: ${(err as Error)?.message ?? String(err)}`, exitCode: EXIT.FAILED };
}
