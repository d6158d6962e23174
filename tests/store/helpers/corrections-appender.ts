/**
 * Child process of the corrections-log kill test: appends corrections to DATA_DIR's log without
 * end, a few in flight at once, and prints `ack <id>` once each append has resolved (the point at
 * which the API would answer the reviewer).
 */
import { CorrectionsLog } from '../../../archive/corrections-log.ts';

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: corrections-appender.ts DATA_DIR');
const log = CorrectionsLog.at(dataDir);
let n = 0;
async function worker(w: number): Promise<void> {
  for (;;) {
    const i = n++;
    const c = await log.append(
      { why: `kill trial ${w}:${i} `.padEnd(200, 'x'), action: { op: 'article.reviewed', articleId: 'art_0123456789abcdef', reviewed: i % 2 === 0 } },
      'appender',
    );
    process.stdout.write(`ack ${c.id}\n`);
  }
}
process.stdout.write('ready\n');
void Promise.all([0, 1, 2, 3].map(worker));
