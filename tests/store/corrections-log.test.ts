/**
 * The corrections log (archive/corrections-log.ts): round trip, content-derived ids, fsync before
 * an append resolves, serialised concurrent appends, a torn last line (ignored, then cut by the
 * next append), damaged lines in the middle (reported by number, the rest kept), and a writer
 * SIGKILLed mid-append losing no acknowledged correction.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CORRECTIONS_LOG, CorrectionsLog, correctionId } from '../../archive/corrections-log.ts';
import { prng } from '../../bench/prng.ts';
import type { CorrectionRequest } from '../../ingest/review/corrections.ts';
import { tmpDirs } from './helpers/tmp-dirs.ts';

const tmp = tmpDirs('claimgraph-corrections-');

const ART = 'art_00112233445566aa';
const req = (i: number): CorrectionRequest => ({ why: `check ${i}`, action: { op: 'article.reviewed', articleId: ART, reviewed: i % 2 === 0 } });
const logFile = (dir: string) => path.join(dir, 'archive', CORRECTIONS_LOG);

describe('CorrectionsLog', () => {
  it('appends JSON lines and reads them back in order; ids are the hash of at, by and action', async () => {
    const dir = tmp();
    const log = new CorrectionsLog(dir);
    const at = new Date('2026-03-01T10:00:00.000Z');
    const a = await log.append({ by: 'ana', action: { op: 'statement.delete', target: { id: 'st_1', articleId: ART, start: 3, end: 9, text: 'abcdef' } } }, 'fallback', { at });
    const b = await log.append(req(1), 'bo');
    expect(a.by).toBe('ana');
    expect(b.by).toBe('bo');
    expect(a.id).toBe(correctionId(at.toISOString(), 'ana', a.action));
    expect(a.why).toBeNull();
    const lines = fs.readFileSync(logFile(dir), 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    const r = new CorrectionsLog(dir).readAll();
    expect(r).toEqual({ corrections: [a, b], problems: [], torn: false });
  });

  it('the same record twice in one millisecond gets two ids', async () => {
    const log = new CorrectionsLog(tmp());
    const at = new Date('2026-03-01T10:00:00.000Z');
    const x = await log.append(req(0), 'ana', { at });
    const y = await log.append(req(0), 'ana', { at });
    expect(x.id).not.toBe(y.id);
    expect(Date.parse(y.at) - Date.parse(x.at)).toBe(1);
  });

  it('an append resolves only after its line is fsync’d, and the directory entry of a new file too', async () => {
    const dir = tmp();
    const steps: string[] = [];
    const log = new CorrectionsLog(dir, { onStep: (s) => steps.push(s) });
    const p = log.append(req(0), 'ana').then(() => steps.push('resolved'));
    await p;
    expect(steps).toEqual(['write', 'fsync-file', 'fsync-dir', 'done', 'resolved']);
    steps.length = 0;
    await log.append(req(1), 'ana').then(() => steps.push('resolved'));
    // an existing file: no directory fsync needed
    expect(steps).toEqual(['write', 'fsync-file', 'done', 'resolved']);
  });

  it('concurrent appends are serialised: every line whole, ids unique, order = acknowledgement order', async () => {
    const dir = tmp();
    const log = CorrectionsLog.at(dir);
    const acked: string[] = [];
    await Promise.all(Array.from({ length: 60 }, (_, i) => log.append(req(i), `r${i % 3}`).then((c) => acked.push(c.id))));
    const r = new CorrectionsLog(dir).readAll();
    expect(r.problems).toEqual([]);
    expect(r.corrections.map((c) => c.id)).toEqual(acked);
    expect(new Set(acked).size).toBe(60);
  });

  it('a torn last line is ignored with a warning, and cut off by the next append', async () => {
    const dir = tmp();
    const log = new CorrectionsLog(dir);
    const a = await log.append(req(0), 'ana');
    const b = await log.append(req(1), 'ana');
    const full = fs.readFileSync(logFile(dir), 'utf8');
    // a crash in the middle of the second line's write
    fs.writeFileSync(logFile(dir), full.slice(0, full.length - 40));
    const torn = new CorrectionsLog(dir).readAll();
    expect(torn.torn).toBe(true);
    expect(torn.corrections).toEqual([a]);
    expect(torn.problems).toHaveLength(1);
    expect(torn.problems[0]).toMatch(/:2: torn last line/);
    const c = await new CorrectionsLog(dir).append(req(2), 'ana');
    const after = new CorrectionsLog(dir).readAll();
    expect(after).toEqual({ corrections: [a, c], problems: [], torn: false });
    expect(b.id).not.toBe(c.id);
  });

  it('damaged lines in the middle are reported by line number; the good ones around them are kept', async () => {
    const dir = tmp();
    const log = new CorrectionsLog(dir);
    const good = [];
    for (let i = 0; i < 5; i++) good.push(await log.append(req(i), 'ana'));
    const lines = fs.readFileSync(logFile(dir), 'utf8').split('\n');
    lines[1] = '{"format":"claimgraph-correction/1", not json';
    lines[3] = JSON.stringify({ ...JSON.parse(lines[3]!), action: { op: 'statement.kind', kind: 'loud' } });
    fs.writeFileSync(logFile(dir), [...lines.slice(0, 5), lines[0], ''].join('\n'));
    const r = new CorrectionsLog(dir).readAll();
    expect(r.corrections.map((c) => c.id)).toEqual([good[0]!.id, good[2]!.id, good[4]!.id]);
    expect(r.problems).toHaveLength(3);
    expect(r.problems[0]).toMatch(/:2: not valid JSON/);
    expect(r.problems[1]).toMatch(/:4: not a correction record/);
    expect(r.problems[2]).toMatch(/:6: repeats correction/);
    expect(r.torn).toBe(false);
  });

  it('a missing log reads as empty', () => {
    expect(new CorrectionsLog(tmp()).readAll()).toEqual({ corrections: [], problems: [], torn: false });
  });
});

const APPENDER = fileURLToPath(new URL('./helpers/corrections-appender.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Starts the appender, lets it acknowledge `acks` corrections (plus a seeded random pause), SIGKILLs it; returns what it acknowledged. */
function killTrial(dir: string, acks: number, extraMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', TSX, APPENDER, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let buf = '';
    let stderr = '';
    let killing = false;
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.startsWith('ack ')) acked.push(line.slice(4));
      }
      if (!killing && acked.length >= acks) {
        killing = true;
        setTimeout(() => proc.kill('SIGKILL'), extraMs);
      }
    });
    proc.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`appender ended by itself (${code}): ${stderr}`));
      else resolve(acked);
    });
  });
}

describe('CorrectionsLog under SIGKILL', () => {
  it('a writer killed mid-append loses no acknowledged correction (seeded trials)', async () => {
    const r = prng(12);
    const dir = tmp();
    let total = 0;
    for (let trial = 0; trial < 4; trial++) {
      const acked = await killTrial(dir, 5 + Math.floor(r() * 20), Math.floor(r() * 30));
      total += acked.length;
      const read = new CorrectionsLog(dir).readAll();
      const ids = new Set(read.corrections.map((c) => c.id));
      for (const id of acked) expect(ids.has(id)).toBe(true);
      // the only damage a kill may leave is a torn last line, never a bad middle line
      expect(read.problems.filter((p) => !/torn last line/.test(p))).toEqual([]);
    }
    expect(total).toBeGreaterThan(20);
  }, 120_000);
});
