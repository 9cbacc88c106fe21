import { mkdtempSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_AGREEMENT_FILE, initMission, openMission, resolveDataDir } from './mission.js';
import { decodeLeaf } from './events/event.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'truceline-mission-'));

describe('mission data directory', () => {
  it('binds the demo agreement to a fresh directory and says so', async () => {
    const dir = fresh();
    const m = await openMission(dir);
    expect(m.agreement.id).toBe(JSON.parse(readFileSync(DEMO_AGREEMENT_FILE, 'utf8')).id);
    expect(m.notes.join('\n')).toMatch(/bound the demo agreement/);
    expect(m.origin).toBe(`truceline.local/${m.agreement.id}`);
    await m.close();
    const again = await openMission(dir);
    expect(again.notes).toEqual([]);
    await again.close();
  });

  it('creates the mission key readable by its owner only, and keeps it', async () => {
    const dir = fresh();
    const m = await openMission(dir);
    const file = join(dir, 'keys', 'mission.ed25519.pem');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const pub = m.publicKey.export({ type: 'spki', format: 'der' }).toString('hex');
    await m.close();
    const again = await openMission(dir);
    expect(again.publicKey.export({ type: 'spki', format: 'der' }).toString('hex')).toBe(pub);
    await again.close();
  });

  it('records the binding in the ledger by digest, with the document kept', async () => {
    const m = await openMission(fresh());
    const first = decodeLeaf((await m.store.ledger.entry(0))!);
    expect(first).toMatchObject({ type: 'agreement.bound', data: { id: m.agreement.id } });
    const digest = (first as unknown as { data: { digest: string } }).data.digest;
    expect(await m.store.getMeta('agreement_digest')).toBe(digest);
    expect(await m.store.getDocument(digest)).not.toBeNull();
    await m.close();
  });

  it('refuses to re-bind a directory to a different agreement', async () => {
    const dir = fresh();
    (await openMission(dir)).close();
    const other = JSON.parse(readFileSync(DEMO_AGREEMENT_FILE, 'utf8'));
    other.title = `${other.title} (changed)`;
    const file = join(dir, 'other.json');
    writeFileSync(file, JSON.stringify(other));
    await expect(initMission(dir, file)).rejects.toMatchObject({ code: 'ID_CONFLICT' });
  });

  it('binds the given agreement on init, and init again is a no-op', async () => {
    const dir = fresh();
    const m = await initMission(dir, DEMO_AGREEMENT_FILE);
    expect(m.notes.join()).not.toMatch(/demo agreement/);
    const size = await m.store.ledger.size();
    await m.close();
    const again = await initMission(dir, DEMO_AGREEMENT_FILE);
    expect(await again.store.ledger.size()).toBe(size);
    await again.close();
  });

  it('reports an unreadable agreement file with its name', async () => {
    const dir = fresh();
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"id": ');
    await expect(initMission(join(dir, 'd'), file)).rejects.toThrow(/broken\.json/);
  });

  it('takes --data, then TRUCELINE_DATA, then ./data', () => {
    expect(resolveDataDir('/x/y')).toBe('/x/y');
    const saved = process.env.TRUCELINE_DATA;
    process.env.TRUCELINE_DATA = '/from/env';
    expect(resolveDataDir()).toBe('/from/env');
    delete process.env.TRUCELINE_DATA;
    expect(resolveDataDir()).toBe(join(process.cwd(), 'data'));
    if (saved !== undefined) process.env.TRUCELINE_DATA = saved;
  });
});
