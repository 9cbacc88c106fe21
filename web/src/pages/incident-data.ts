/**
 * What the incident page reads besides the incident itself: its verification workflow
 * (GET /api/v1/incidents/:id/workflow), as far as the page shows it. A role that may not read it
 * (401, 403) or an incident without one it may see (404) is "hidden", not an error.
 */
import { ApiError } from '../api/client.js';
import { incidentWorkflowUrl } from '../api/urls.js';

export interface WorkflowEventView {
  readonly type: string;
  readonly seq?: number;
  readonly at?: string;
  readonly by?: string;
  readonly role?: string;
  readonly party?: string | null;
  readonly reason?: string;
  readonly from?: string;
  readonly to?: string;
}

export interface ReplyWindowView {
  readonly party: string;
  readonly deadline: string;
  readonly status: 'open' | 'replied' | 'lapsed';
  readonly reply: { readonly by: string; readonly at: string; readonly text: string } | null;
}

export interface FindingView {
  readonly id: string;
  readonly attributedTo?: string | null;
  readonly superseded?: boolean;
  readonly reply: ReplyWindowView | null;
}

export interface WorkflowView {
  readonly status: string;
  readonly round: number;
  readonly events: readonly { readonly ledgerIndex: number; readonly event: WorkflowEventView }[];
  /** Mission staff get the whole state; a liaison only its party's findings. */
  readonly state?: { readonly findings?: readonly FindingView[] };
  readonly findings?: readonly FindingView[];
}

export type WorkflowLoad =
  | { readonly status: 'loading' }
  | { readonly status: 'hidden' }
  | { readonly status: 'ready'; readonly workflow: WorkflowView }
  | { readonly status: 'error'; readonly detail: string };

export async function loadWorkflow(id: string, signal: AbortSignal): Promise<WorkflowLoad> {
  const res = await fetch(incidentWorkflowUrl(id), {
    signal,
    credentials: 'same-origin',
    headers: { accept: 'application/json, application/problem+json' },
  });
  if (res.status === 401 || res.status === 403 || res.status === 404) return { status: 'hidden' };
  if (!res.ok) {
    const problem = (await res.json().catch(() => null)) as { detail?: string } | null;
    return {
      status: 'error',
      detail:
        new ApiError(res.status, null).message + (problem?.detail ? `: ${problem.detail}` : ''),
    };
  }
  return { status: 'ready', workflow: (await res.json()) as WorkflowView };
}

/** Every finding's reply window, whichever form the workflow came in. */
export function replyWindows(w: WorkflowView): { finding: string; window: ReplyWindowView }[] {
  const findings = w.state?.findings ?? w.findings ?? [];
  return findings.flatMap((f) => (f.reply ? [{ finding: f.id, window: f.reply }] : []));
}
