import { rmSync } from 'node:fs';
import { expect, it } from 'vitest';
import { json, sampleObservation, startTestServer } from '../src/server/test-harness.js';

it('graceful close: stops accepting, finishes the in-flight batch (committed), then the store closes', async () => {
  const s = await startTestServer();
  const monitor = await s.session('monitor');
  const batch = Array.from({ length: 10_000 }, (_, i) => sampleObservation(i));
  const inFlight = s.fetch('/api/v1/observations', { method: 'POST', as: monitor, json: batch });
  // Long enough for the request to reach its handler (10,000 items take over a second to file).
  await new Promise((r) => setTimeout(r, 400));
  const closing = s.app.close();
  const res = await inFlight;
  expect(res.status).toBe(200);
  expect((await json(res)).summary.stored).toBe(10_000);
  await closing;
  await expect(fetch(`${s.base}/healthz`)).rejects.toThrow();
  expect(await s.mission.store.countObservations()).toBe(10_000);
  await s.mission.close();
  rmSync(s.dataDir, { recursive: true, force: true });
});
