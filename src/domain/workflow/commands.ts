/**
 * The commands of the incident verification workflow, as a zod schema so that the HTTP layer and
 * `transition` check them the same way. Every command carries `reason`: the "why" that the
 * resulting event records beside who and when. For a reply, a dispute or a site-visit report the
 * reason is the text itself.
 */
import { z } from 'zod';
import { validationError } from '../errors.js';
import { toFieldIssues } from '../agreement/issues.js';
import { parseInstant } from '../observation/time.js';

const instantSchema = z.string().superRefine((text, ctx) => {
  const parsed = parseInstant(text);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
});

const text = z.string().trim().min(1);
const id = z.string().trim().min(1);
/** Evidence references: observation ids, evidence SHA-256 digests, document ids. */
const evidence = z.array(id);

export const OUTCOMES = ['verified', 'not_verified', 'inconclusive'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const DISPUTE_OUTCOMES = ['upheld', 'rejected'] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

/** What a verified assessment concludes; only a verified outcome carries one. */
export const findingDraftSchema = z.strictObject({
  summary: text,
  /** The party the violation is attributed to (an agreement party id), or null: undetermined. */
  attributedTo: id.nullable(),
  /** Provision references (`ceasefire`, `withdrawal:wd-mlrs`, …) the finding says were broken. */
  provisions: z.array(id),
  /** An escalation-relevant finding needs the chief monitor's sign-off before it stands. */
  escalationRelevant: z.boolean(),
});
export type FindingDraft = z.infer<typeof findingDraftSchema>;

export const workflowCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('triage'), reason: text }),
  z.strictObject({
    type: z.literal('assign_analyst'),
    analyst: id,
    dueAt: instantSchema.optional(),
    reason: text,
  }),
  z.strictObject({ type: z.literal('start_investigation'), reason: text }),
  z.strictObject({
    type: z.literal('request_site_visit'),
    patrol: id,
    dueBy: instantSchema,
    reason: text,
  }),
  z.strictObject({
    type: z.literal('report_site_visit'),
    visitId: id,
    evidence: evidence.optional(),
    reason: text,
  }),
  z
    .strictObject({
      type: z.literal('propose_assessment'),
      outcome: z.enum(OUTCOMES),
      finding: findingDraftSchema.optional(),
      reason: text,
    })
    .superRefine((c, ctx) => {
      if (c.finding && c.outcome !== 'verified') {
        ctx.addIssue({
          code: 'custom',
          path: ['finding'],
          message: `only a verified outcome carries a finding, got outcome '${c.outcome}'`,
        });
      }
    }),
  z.strictObject({ type: z.literal('withdraw_proposal'), reason: text }),
  z.strictObject({ type: z.literal('return_proposal'), reason: text }),
  z.strictObject({ type: z.literal('confirm_assessment'), reason: text }),
  z.strictObject({ type: z.literal('sign_off'), reason: text }),
  z.strictObject({ type: z.literal('decline_sign_off'), reason: text }),
  z.strictObject({ type: z.literal('reopen'), evidence: evidence.min(1), reason: text }),
  z.strictObject({
    type: z.literal('reply'),
    findingId: id,
    evidence: evidence.optional(),
    reason: text,
  }),
  z.strictObject({
    type: z.literal('file_dispute'),
    findingId: id,
    evidence: evidence.min(1),
    reason: text,
  }),
  z.strictObject({ type: z.literal('start_dispute_review'), disputeId: id, reason: text }),
  z.strictObject({
    type: z.literal('decide_dispute'),
    disputeId: id,
    outcome: z.enum(DISPUTE_OUTCOMES),
    reason: text,
  }),
]);

export type WorkflowCommand = z.infer<typeof workflowCommandSchema>;
export type CommandType = WorkflowCommand['type'];
export type CommandOf<T extends CommandType> = Extract<WorkflowCommand, { type: T }>;

/**
 * Checks a command (typed or straight from JSON).
 *
 * @throws TrucelineError VALIDATION naming each wrong field, e.g. `reopen: evidence: needs at least 1 item(s), got 0`.
 */
export function parseWorkflowCommand(json: unknown): WorkflowCommand {
  const result = workflowCommandSchema.safeParse(json);
  if (result.success) return result.data;
  const kind =
    typeof json === 'object' && json !== null && 'type' in json
      ? String((json as { type: unknown }).type)
      : 'workflow';
  throw validationError(toFieldIssues(result.error.issues, json), `${kind} command`);
}
