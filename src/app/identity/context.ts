import type { Store } from '../../store/port.js';
import type { LedgerEvent } from '../events/event.js';
import type { IdentityReader } from './port.js';

/** What the identity use cases work on: the store to record through, the state to read. */
export interface IdentityDeps {
  readonly store: Store;
  readonly reader: IdentityReader;
  /** Party ids of the bound agreement: a liaison's party must be one of them. */
  readonly parties: readonly string[];
}

export interface ActionContext {
  /** `user:<name>`, `cli:<os user>`, `system`. */
  readonly actor: string;
  readonly nowMs: number;
}

export function eventOf(type: string, ctx: ActionContext, data: Record<string, unknown>): LedgerEvent {
  return { v: 1, type, at: new Date(ctx.nowMs).toISOString(), actor: ctx.actor, data };
}
