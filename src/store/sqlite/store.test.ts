import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStoreContract } from '../port.contract.js';
import { SqliteStore } from './store.js';

describeStoreContract('sqlite', async () => SqliteStore.open(join(mkdtempSync(join(tmpdir(), 'truceline-store-')), 'test.db'), { synchronous: 'NORMAL' }));
