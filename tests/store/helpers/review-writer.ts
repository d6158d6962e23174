/**
 * Child process of the review kill test: opens DATA_DIR's store the way the server does, then
 * records seeded random corrections without end (speaker, kind, date, merge), printing `ack <id>`
 * once recordCorrection has answered (the correction is durable and applied).
 */
import { openIndexedStore, prepareIndex } from '../../../archive/open-indexed-store.ts';
import { recordCorrection } from '../../../archive/review-service.ts';
import { prng } from '../../../bench/prng.ts';
import type { CorrectionAction } from '../../../ingest/review/corrections.ts';

const [dataDir, seedArg] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: review-writer.ts DATA_DIR SEED');
const cfg = { dataDir, store: { kind: 'ladybug' as const, dataDir, bufferPoolBytes: 128 * 1024 * 1024 } };
const r = prng(Number(seedArg ?? 1));
await prepareIndex(cfg);
const { store } = await openIndexedStore(cfg);
process.stdout.write('ready\n');
for (let k = 0; ; k++) {
  const rows = await store.read<{ id: string; articleId: string; start: number; end: number; text: string; kind: string; speakerId: string }>({
    text: 'MATCH (s:Statement) RETURN s.id AS id, s.articleId AS articleId, s.start AS start, s.`end` AS `end`, s.text AS text, s.kind AS kind, s.speakerId AS speakerId ORDER BY id',
    params: {},
  });
  const s = rows[Math.floor(r() * rows.length)]!;
  const target = { id: s.id, articleId: s.articleId, start: s.start, end: s.end, text: s.text };
  const speakers = [...new Set(rows.map((x) => x.speakerId))];
  const pick = r();
  let action: CorrectionAction;
  if (pick < 0.3) action = { op: 'statement.speaker', target, speaker: { name: `Writer ${k}`, type: 'person' } };
  else if (pick < 0.55) action = { op: 'statement.kind', target, kind: s.kind === 'direct' ? 'indirect' : 'direct' };
  else if (pick < 0.8) action = { op: 'statement.date', target, date: `20${10 + (k % 10)}` };
  else {
    const a = speakers[Math.floor(r() * speakers.length)]!;
    const b = speakers.filter((x) => x !== a)[Math.floor(r() * (speakers.length - 1))]!;
    action = { op: 'actor.merge', from: a, into: b };
  }
  const out = await recordCorrection({ store, dataDir }, { action });
  process.stdout.write(`ack ${out.correction.id}\n`);
}
