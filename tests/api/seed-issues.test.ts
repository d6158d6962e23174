/**
 * `npm start` over a user's corpus that declares its own issues (issues.json beside manifest.json):
 * the first-start seeding reads the articles against those issues, not the built-in US–Iraq set.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveCorpus, type TestServer } from './harness.ts';

let corpus: string;
let server: TestServer;

beforeAll(async () => {
  corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-seed-issues-'));
  fs.writeFileSync(
    path.join(corpus, 'council.txt'),
    'RIVERTON — The city council met on Tuesday to debate rent control.\n\n' +
      'Mayor Lina Ortiz said she strongly supports rent control for older buildings. ' +
      'Councilman Dev Patel said he opposes rent control because it would discourage new housing.\n',
  );
  fs.writeFileSync(path.join(corpus, 'manifest.json'), JSON.stringify([{ file: 'council.txt', title: 'Council debates rent control', source: 'Riverton Daily', published: '2023-05-10' }]));
  fs.writeFileSync(
    path.join(corpus, 'issues.json'),
    JSON.stringify({ issues: [{ id: 'rent-control', label: 'Rent control', description: 'Caps on rent increases', terms: ['rent control', 'rent caps'] }] }),
  );
  server = await serveCorpus({ CLAIMGRAPH_CORPUS: corpus });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  fs.rmSync(corpus, { recursive: true, force: true });
});

describe('first-start seeding with a declared issue set', () => {
  it('stores the declared issues and the stances read against them', async () => {
    const res = await fetch(`${server.url}/api/issues`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as unknown;
    const text = JSON.stringify(body);
    expect(text).toContain('rent-control');
    expect(text).not.toContain('us-troop-presence');
    const positions = await server.store.read<{ actor: string; stance: string }>({
      text: "MATCH (a:Actor)-[p:HOLDS_POSITION]->(:Issue {id: 'rent-control'}) RETURN a.name AS actor, p.stance AS stance ORDER BY actor",
      params: {},
    });
    expect(positions.map((p) => p.stance).sort()).toEqual(['oppose', 'support']);
  });
});
