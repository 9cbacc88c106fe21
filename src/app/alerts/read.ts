/**
 * Typed reads of the alerts area through the Store port (its methods answer `unknown`, as the
 * port keeps no app types). A store without the area holds no alerts.
 */
import type { Store } from '../../store/port.js';
import type {
  StoredAlert,
  StoredAlertEvent,
  StoredConsultation,
  StoredDelivery,
} from './records.js';

export async function listAlerts(store: Store): Promise<StoredAlert[]> {
  return ((await store.listAlerts?.()) ?? []) as StoredAlert[];
}

export async function getAlert(store: Store, id: string): Promise<StoredAlert | null> {
  return ((await store.getAlert?.(id)) ?? null) as StoredAlert | null;
}

export async function listDeliveries(store: Store, alertId?: string): Promise<StoredDelivery[]> {
  return ((await store.listAlertDeliveries?.(alertId)) ?? []) as StoredDelivery[];
}

export async function listAlertEvents(store: Store, alertId?: string): Promise<StoredAlertEvent[]> {
  return ((await store.listAlertEvents?.(alertId)) ?? []) as StoredAlertEvent[];
}

export async function listConsultations(store: Store): Promise<StoredConsultation[]> {
  return ((await store.listConsultations?.()) ?? []) as StoredConsultation[];
}

export async function getConsultation(
  store: Store,
  id: string,
): Promise<StoredConsultation | null> {
  return ((await store.getConsultation?.(id)) ?? null) as StoredConsultation | null;
}
