import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.host).toBe('127.0.0.1');
    expect(c.store).toEqual({ kind: 'ladybug', dataDir: './data' });
    expect(c.corpus).toBe('./corpus');
    expect(c.writeToken).toBeNull();
    expect(c.corsOrigins).toBeNull();
    expect(c.graphCap).toBe(5000);
    expect(c.logLevel).toBe('info');
    expect(c.console.timeoutMs).toBeGreaterThan(0);
    expect(c.cacheBytes).toBe(64 * 1024 * 1024);
    expect(loadConfig({ CLAIMGRAPH_CACHE_MB: '0' }).cacheBytes).toBe(0);
  });

  it('parses every variable it knows', () => {
    const c = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      CLAIMGRAPH_DATA_DIR: '/tmp/x',
      CLAIMGRAPH_STORE: 'neo4j',
      NEO4J_URL: 'bolt://db:7687',
      NEO4J_PASSWORD: 'pw',
      CLAIMGRAPH_CORPUS: '',
      CLAIMGRAPH_WRITE_TOKEN: 'a-long-enough-secret-token',
      CLAIMGRAPH_CORS_ORIGINS: 'http://localhost:5173, https://example.org',
      CLAIMGRAPH_GRAPH_CAP: '200',
      CLAIMGRAPH_CONSOLE_TIMEOUT_MS: '1500',
      LOG_LEVEL: 'warn',
    });
    expect(c.port).toBe(8080);
    expect(c.host).toBe('0.0.0.0');
    expect(c.store).toEqual({ kind: 'neo4j', url: 'bolt://db:7687', user: 'neo4j', password: 'pw', database: 'neo4j' });
    expect(c.corpus).toBeNull();
    expect(c.writeToken).toBe('a-long-enough-secret-token');
    expect(c.corsOrigins).toEqual(['http://localhost:5173', 'https://example.org']);
    expect(c.graphCap).toBe(200);
    expect(c.console.timeoutMs).toBe(1500);
    expect(c.logLevel).toBe('warn');
  });

  it('lets overrides win over the environment', () => {
    expect(loadConfig({ PORT: '8080' }, { PORT: 0 }).port).toBe(0);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['CLAIMGRAPH_STORE', 'sqlite'],
    ['CLAIMGRAPH_GRAPH_CAP', '-1'],
    ['CLAIMGRAPH_CORS_ORIGINS', 'not a url'],
    ['CLAIMGRAPH_WRITE_TOKEN', 'short'],
    ['LOG_LEVEL', 'loud'],
    ['NEO4J_URL', 'http://x'],
    ['CLAIMGRAPH_INGEST_WORKERS', '-1'],
    ['CLAIMGRAPH_INGEST_WORKERS', '2.5'],
    ['CLAIMGRAPH_INGEST_WORKERS', '65'],
  ])('rejects %s=%s naming the variable and the value', (name, value) => {
    let err: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toContain(name);
    expect((err as ConfigError).message).toContain(JSON.stringify(value));
  });

  it('reports every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(/PORT=.*\n.*LOG_LEVEL=/s);
  });
});

describe('server/main.ts with a bad configuration', () => {
  it('exits 1 with a message naming the variable, without a stack trace', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: 'not-a-port', CLAIMGRAPH_BUILD_CLIENT: 'never' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('PORT="not-a-port"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
