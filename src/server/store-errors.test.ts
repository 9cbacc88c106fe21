import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TrucelineError } from '../domain/errors.js';
import { classifyStoreError, RETRY_AFTER_S } from './store-errors.js';

const coded = (code: string, message = 'store error') => Object.assign(new Error(message), { code });

describe('classifyStoreError', () => {
  it.each([
    // PostgreSQL SQLSTATEs
    ['08006', 'unavailable'], // connection_failure
    ['08001', 'unavailable'], // sqlclient_unable_to_establish_sqlconnection
    ['08P01', 'unavailable'], // protocol_violation (class 08)
    ['57P01', 'unavailable'], // admin_shutdown
    ['57P02', 'unavailable'], // crash_shutdown
    ['57P03', 'unavailable'], // cannot_connect_now (starting up, recovering)
    ['53300', 'unavailable'], // too_many_connections
    ['53100', 'storage-full'], // disk_full
    ['25006', 'read-only'], // read_only_sql_transaction (a hot standby)
    // SQLite (better-sqlite3 codes, extended ones included)
    ['SQLITE_BUSY', 'unavailable'],
    ['SQLITE_BUSY_SNAPSHOT', 'unavailable'],
    ['SQLITE_LOCKED', 'unavailable'],
    ['SQLITE_IOERR', 'unavailable'],
    ['SQLITE_IOERR_WRITE', 'unavailable'],
    ['SQLITE_CANTOPEN', 'unavailable'],
    ['SQLITE_FULL', 'storage-full'],
    ['SQLITE_READONLY', 'read-only'],
    ['SQLITE_READONLY_DBMOVED', 'read-only'],
    // sockets under node-postgres
    ['ECONNREFUSED', 'unavailable'],
    ['ECONNRESET', 'unavailable'],
    ['EPIPE', 'unavailable'],
  ] as const)('%s means %s', (code, kind) => {
    expect(classifyStoreError(coded(code))).toEqual({ kind, code, retryAfterS: RETRY_AFTER_S[kind] });
  });

  it.each([
    ['23505', 'unique_violation: a bug or a conflict, not an outage'],
    ['42P01', 'undefined_table: a bug'],
    ['22P02', 'invalid_text_representation: bad input reached SQL'],
    ['40001', 'serialization_failure: retried by the adapter, not an outage'],
    ['SQLITE_CONSTRAINT_PRIMARYKEY', 'a constraint: a bug'],
    ['SQLITE_ERROR', 'SQL error: a bug'],
    ['SQLITE_CORRUPT', 'corruption needs an operator and must stay loud (500)'],
    ['ENOENT', 'a missing file is not the database going away'],
  ])('%s is not an availability error (%s)', (code) => {
    expect(classifyStoreError(coded(code))).toBeNull();
  });

  it.each([
    'Connection terminated unexpectedly',
    'Connection terminated',
    'timeout exceeded when trying to connect',
    'Client has encountered a connection error and is not queryable',
    'Connection terminated due to connection timeout',
  ])("node-postgres' '%s' (no code) means unavailable", (message) => {
    expect(classifyStoreError(new Error(message))).toEqual({ kind: 'unavailable', code: 'pg-connection', retryAfterS: 5 });
  });

  it('follows the cause chain and AggregateError members', () => {
    expect(classifyStoreError(new Error('write failed', { cause: coded('57P01') }))?.code).toBe('57P01');
    expect(classifyStoreError(new AggregateError([new Error('x'), coded('ECONNREFUSED')], 'all addresses failed'))?.code).toBe('ECONNREFUSED');
  });

  it('stops at a cycle of causes instead of looping', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(classifyStoreError(a)).toBeNull();
  });

  it('leaves domain errors, plain errors and non-errors alone', () => {
    expect(classifyStoreError(new TrucelineError('VALIDATION', 'bad'))).toBeNull();
    expect(classifyStoreError(new Error('ECONNREFUSED somewhere in a message'))).toBeNull();
    expect(classifyStoreError(null)).toBeNull();
    expect(classifyStoreError('SQLITE_FULL')).toBeNull();
    expect(classifyStoreError({ code: 42 })).toBeNull();
  });

  it('classifies the errors a real SQLite file raises when it cannot grow or be written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'truceline-store-errors-'));
    try {
      const db = new Database(join(dir, 'x.db'));
      db.exec('CREATE TABLE t (v BLOB)');
      db.pragma('max_page_count = 4');
      let full: unknown = null;
      try {
        for (let i = 0; i < 100; i++) db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(4096));
      } catch (err) {
        full = err;
      }
      expect(classifyStoreError(full)?.kind).toBe('storage-full');
      db.close();
      const ro = new Database(join(dir, 'x.db'), { readonly: true });
      let readOnly: unknown = null;
      try {
        ro.prepare('DELETE FROM t').run();
      } catch (err) {
        readOnly = err;
      }
      expect(classifyStoreError(readOnly)?.kind).toBe('read-only');
      ro.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
