import { expect, it } from 'vitest';
import { startDemoStream } from './demo.js';
import { startTestServer } from './test-harness.js';

it('serve --demo files the simulator\'s observations through intake, and stops on request', async () => {
  const s = await startTestServer();
  const lines: string[] = [];
  const demo = startDemoStream(s.app, s.mission, (l) => lines.push(l), { days: 0.5, speed: 1_000_000, seed: 3 });
  const deadline = Date.now() + 20_000;
  while ((await s.mission.store.countObservations()) < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await demo.stop();
  const stored = await s.mission.store.countObservations();
  expect(stored).toBeGreaterThanOrEqual(20);
  expect(lines.at(-1)).toMatch(/demo stream (stopped|ended) after \d+ stored observations/);
  const page = await (await s.fetch('/api/v1/observations?limit=5', { as: await s.session('monitor') })).json() as { features: { properties: { source: { kind: string } } }[] };
  expect(page.features).toHaveLength(5);
  await s.close();
});
