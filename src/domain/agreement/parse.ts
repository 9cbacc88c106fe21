/**
 * `parseAgreement`: the one entry point from untrusted JSON to an `Agreement`.
 */
import { validationError, type FieldIssue } from '../errors.js';
import { toFieldIssues } from './issues.js';
import { referenceIssues } from './references.js';
import { agreementSchema, type Agreement } from './schema.js';

type Checked = { agreement: Agreement; issues: [] } | { agreement: null; issues: FieldIssue[] };

function check(json: unknown): Checked {
  const result = agreementSchema.safeParse(json);
  const issues = result.success ? [] : toFieldIssues(result.error.issues, json);
  if (json !== null && typeof json === 'object' && !Array.isArray(json))
    issues.push(...referenceIssues(json));
  if (result.success && issues.length === 0) return { agreement: result.data, issues: [] };
  return { agreement: null, issues };
}

/**
 * Every problem with `json` as an agreement: schema issues first, then cross-references.
 * Empty when the agreement is valid.
 */
export function agreementIssues(json: unknown): FieldIssue[] {
  return check(json).issues;
}

/**
 * Parses and validates an agreement (an already JSON-decoded value).
 *
 * @throws TrucelineError with code VALIDATION listing every issue with its JSON path, e.g.
 *   `lineOfContact[3][1]: latitude 95 is outside [-90, 90]`.
 */
export function parseAgreement(json: unknown): Agreement {
  const checked = check(json);
  if (checked.agreement === null) throw validationError(checked.issues, 'agreement');
  return checked.agreement;
}
