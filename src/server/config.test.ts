import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromEnv, configFromFile, resolveConfig } from './config.js';

describe('server configuration', () => {
  it('has safe defaults: loopback, same-origin CORS, 8 MiB bodies', () => {
    const c = resolveConfig();
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8080, corsOrigins: [], bodyLimitBytes: 8 * 1024 * 1024, secureCookies: 'auto' });
  });

  it('takes flags over environment over file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'truceline-config-')), 'c.json');
    writeFileSync(file, JSON.stringify({ port: 1000, host: '0.0.0.0', corsOrigins: ['https://a.example'] }));
    const env = configFromEnv({ TRUCELINE_PORT: '2000', TRUCELINE_CORS_ORIGINS: 'https://b.example, https://c.example' });
    const c = resolveConfig(configFromFile(file), env, { port: 3000, host: undefined });
    expect(c.port).toBe(3000);
    expect(c.host).toBe('0.0.0.0');
    expect(c.corsOrigins).toEqual(['https://b.example', 'https://c.example']);
  });

  it('names every wrong field', () => {
    expect(() => resolveConfig({ port: 70000, corsOrigins: ['not a url'], unknown: 1 })).toThrow(/port.*corsOrigins|corsOrigins.*port/s);
  });
});
