import { readFileSync } from 'node:fs';
import { extractArticle } from './ingest/pipeline.ts';
const text = readFileSync('corpus/000_eff734b93091762e.txt', 'utf8');
const d = extractArticle({ file: 'x', text, title: 't', source: 's', url: null, published: '2011-10-22' });
console.log(d.mentions.slice(0, 8).map(m => [m.text, m.actorId, m.via, m.start]));
console.log(d.statements.slice(0, 4).map(s => [s.speakerId, s.speakerMention, s.cue, s.text, s.start]));
