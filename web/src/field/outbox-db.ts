/**
 * The outbox on the tablet: IndexedDB, which outlives closing the app and restarting the device.
 * Two object stores: `reports` (QueuedReport by id) and `photos` (the photo Blobs by key, kept
 * apart so listing reports never reads megabytes of pictures). A write resolves when its
 * transaction completes, i.e. when the browser has committed it.
 */
import type { QueuedReport } from './queue.js';

const DB_NAME = 'truceline-field';
const VERSION = 1;

export interface Outbox {
  all(): Promise<QueuedReport[]>;
  put(report: QueuedReport): Promise<void>;
  /** A new report with its photos, in one transaction: both are kept or neither. */
  add(report: QueuedReport, photos: ReadonlyMap<string, Blob>): Promise<void>;
  photo(key: string): Promise<Blob | null>;
  /** Forgets a report and its photos (only for reports the server has the final word on). */
  remove(report: QueuedReport): Promise<void>;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export async function openOutbox(): Promise<Outbox> {
  const open = indexedDB.open(DB_NAME, VERSION);
  open.onupgradeneeded = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains('reports'))
      db.createObjectStore('reports', { keyPath: 'id' });
    if (!db.objectStoreNames.contains('photos')) db.createObjectStore('photos');
  };
  const db = await request(open);
  return {
    async all() {
      const tx = db.transaction('reports', 'readonly');
      return (await request(tx.objectStore('reports').getAll())) as QueuedReport[];
    },
    async put(report) {
      const tx = db.transaction('reports', 'readwrite');
      tx.objectStore('reports').put(report);
      await done(tx);
    },
    async add(report, photos) {
      const tx = db.transaction(['reports', 'photos'], 'readwrite');
      tx.objectStore('reports').put(report);
      for (const [key, blob] of photos) tx.objectStore('photos').put(blob, key);
      await done(tx);
    },
    async photo(key) {
      const tx = db.transaction('photos', 'readonly');
      return ((await request(tx.objectStore('photos').get(key))) as Blob | undefined) ?? null;
    },
    async remove(report) {
      const tx = db.transaction(['reports', 'photos'], 'readwrite');
      tx.objectStore('reports').delete(report.id);
      for (const p of report.photos) tx.objectStore('photos').delete(p.key);
      await done(tx);
    },
  };
}
