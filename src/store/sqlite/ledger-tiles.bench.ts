/**
 * SQLite append cost: one leaf per transaction (how events arrive) against one batch, and against
 * the floor of inserting the entry rows alone.
 */
import Database from 'better-sqlite3';
import { bench, describe } from 'vitest';
import { SqliteLedger } from './ledger-tiles.js';

const leaves = Array.from({ length: 2_000 }, (_, i) => new TextEncoder().encode(`{"i":${i},"type":"bench","v":1}`));

describe('append 2,000 leaves to SQLite (in memory)', () => {
  bench('baseline: INSERT entry rows only, one transaction each', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE e (idx INTEGER PRIMARY KEY, leaf BLOB NOT NULL)');
    const insert = db.prepare('INSERT INTO e VALUES (?, ?)');
    const one = db.transaction((i: number) => insert.run(i, Buffer.from(leaves[i]!)));
    for (let i = 0; i < leaves.length; i++) one(i);
    db.close();
  });
  bench('SqliteLedger.append, one leaf per transaction', () => {
    const db = new Database(':memory:');
    const ledger = new SqliteLedger(db, { createSchema: true });
    for (const l of leaves) ledger.append([l]);
    db.close();
  });
  bench('SqliteLedger.append, one batch', () => {
    const db = new Database(':memory:');
    new SqliteLedger(db, { createSchema: true }).append(leaves);
    db.close();
  });
});
