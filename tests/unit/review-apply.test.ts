/**
 * Applying reviewer corrections to an extraction (ingest/review/apply.ts, the pipeline's `review`
 * stage): every op, target lookup by id then by overlap, orphan reasons, undo, merges of
 * article-local actors, splits by statements and by articles, and positions re-read from the
 * corrected stances. The article is written for this test (invented people); expected values are
 * read off the machine's own extraction, never typed in.
 */
import { describe, expect, it } from 'vitest';
import { correctionId } from '../../archive/corrections-log.ts';
import type { GraphRecords, StatementNode } from '../../cypher/schema.ts';
import { validateGraphRecords } from '../../cypher/schema.ts';
import { hashId } from '../../ingest/ids.ts';
import { extractArticle, toGraphRecords, type ArticleInput } from '../../ingest/index.ts';
import { applyCorrections, combineOutcomes, MIN_ANCHOR_OVERLAP, parseCorrectedDate, settleUndos } from '../../ingest/review/apply.ts';
import type { Correction, CorrectionAction, StatementAnchor } from '../../ingest/review/corrections.ts';
import { Correction as CorrectionSchema } from '../../ingest/review/corrections.ts';
import type { Doc } from '../../ingest/types.ts';

const TEXT = [
  'BAGHDAD — Karel Vostrik said on Monday that American troops should leave Iraq by December.',
  '“We will not accept any delay to the withdrawal,” Vostrik told reporters.',
  'A senior official said the talks with Washington would resume next week.',
  'Mina Okafor, a spokeswoman for the ministry, said the withdrawal plan was unworkable.',
  'Another official said the timetable was realistic and criticized Okafor.',
].join('\n\n');
const INPUT: ArticleInput = { file: 'review-apply.txt', text: TEXT, title: 'Talks', source: 'Test Wire', url: null, published: '2011-05-04' };

const OTHER: ArticleInput = {
  file: 'other.txt',
  text: 'Olivier Brandvold said on Friday that the bridge would reopen in spring.\n\nLena Marsh said the repairs had been rushed.',
  title: 'Bridge',
  source: 'Test Wire',
  url: null,
  published: '2012-03-09',
};

const machineDoc = extractArticle(INPUT);
const machine = toGraphRecords(machineDoc);

let seq = 0;
function correction(action: CorrectionAction, extra: Partial<Correction> = {}): Correction {
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, seq++)).toISOString();
  const c = { format: 'claimgraph-correction/1' as const, id: correctionId(at, 'tester', action), at, by: 'tester', why: null, action, ...extra };
  return CorrectionSchema.parse(c);
}

const anchorOf = (s: StatementNode): StatementAnchor => ({ id: s.id, articleId: s.articleId, start: s.start, end: s.end, text: s.text });
const bySpeaker = (r: GraphRecords, speaker: string) => r.nodes.Statement.filter((s) => s.speakerId === speaker);
const stmt = (r: GraphRecords, id: string) => r.nodes.Statement.find((s) => s.id === id);

function run(corrections: Correction[], input: ArticleInput = INPUT): { doc: Doc; records: GraphRecords } {
  const doc = extractArticle(input, { corrections });
  const records = toGraphRecords(doc);
  // every corrected extraction is still a valid batch for the stores
  validateGraphRecords(records);
  return { doc, records };
}

// the machine's statements this test corrects, found by what they say
const find = (needle: string) => {
  const s = machine.nodes.Statement.find((x) => x.text.includes(needle));
  if (!s) throw new Error(`the extractor no longer finds a statement with “${needle}”: adjust the test article`);
  return s;
};
const vostrikIndirect = find('troops should leave');
const vostrikQuote = find('not accept any delay');
const senior = find('talks with Washington');
const okafor = find('plan was unworkable');
const another = find('timetable was realistic');

describe('review stage: statement corrections', () => {
  it('without corrections the stage changes nothing', () => {
    expect(run([]).records).toEqual(machine);
    expect(machine.nodes.Statement.every((s) => s.provenance === 'machine' && s.corrections?.length === 0)).toBe(true);
  });

  it('speaker → a new actor: the statement keeps its machine id, is reviewed, and names the correction', () => {
    const c = correction({ op: 'statement.speaker', target: anchorOf(okafor), speaker: { name: 'Pavla Renn', type: 'person' } });
    const { doc, records } = run([c]);
    expect(doc.reviewOutcomes).toEqual([{ id: c.id, status: 'applied', reason: 'found by id' }]);
    const s = stmt(records, okafor.id)!;
    expect(s.speakerId).toBe('pavla-renn');
    expect(s.provenance).toBe('reviewed');
    expect(s.corrections).toEqual([c.id]);
    expect(records.rels.SAID.find((x) => x.to === okafor.id)!.from).toBe('pavla-renn');
    expect(records.nodes.Actor.find((a) => a.id === 'pavla-renn')).toMatchObject({ name: 'Pavla Renn', type: 'person', provenance: 'reviewed' });
    // the position follows the speaker: Okafor no longer holds the one her statement gave
    const before = machine.rels.HOLDS_POSITION.filter((p) => p.statementIds.includes(okafor.id));
    expect(before.length).toBeGreaterThan(0);
    for (const p of before) {
      expect(records.rels.HOLDS_POSITION.find((x) => x.from === 'pavla-renn' && x.to === p.to)?.statementIds).toEqual([okafor.id]);
      expect(records.rels.HOLDS_POSITION.some((x) => x.from === okafor.speakerId && x.to === p.to)).toBe(false);
    }
    // everything else is the machine's
    expect(records.nodes.Statement.filter((x) => x.id !== okafor.id)).toEqual(machine.nodes.Statement.filter((x) => x.id !== okafor.id));
  });

  it('speaker → a graph actor of another article: needs the recorded name and type, else orphaned', () => {
    const bare = correction({ op: 'statement.speaker', target: anchorOf(senior), speaker: { id: 'lena-marsh' } });
    expect(run([bare]).doc.reviewOutcomes![0]).toMatchObject({ status: 'orphaned', reason: expect.stringContaining('lena-marsh') });
    expect(stmt(run([bare]).records, senior.id)!.speakerId).toBe(senior.speakerId);
    const known = correction(
      { op: 'statement.speaker', target: anchorOf(senior), speaker: { id: 'lena-marsh' } },
      { actors: { 'lena-marsh': { name: 'Lena Marsh', type: 'person' } } },
    );
    const { records } = run([known]);
    expect(stmt(records, senior.id)!.speakerId).toBe('lena-marsh');
    expect(records.nodes.Actor.find((a) => a.id === 'lena-marsh')).toMatchObject({ name: 'Lena Marsh', type: 'person' });
    // the anonymous speaker had only this statement: its own "speaks about" went with it
    expect(records.rels.RELATES.some((x) => x.kind === 'speaks_about' && x.from === senior.speakerId)).toBe(false);
  });

  it('date: granularity, day range and basis explicit; no calendar date is orphaned', () => {
    const c = correction({ op: 'statement.date', target: anchorOf(senior), date: '2011-04', evidence: 'in April' });
    const s = stmt(run([c]).records, senior.id)!;
    expect(s).toMatchObject({ date: '2011-04', granularity: 'month', dateFrom: '2011-04-01', dateTo: '2011-04-30', dateBasis: 'explicit', dateEvidence: 'in April' });
    const said = run([c]).records.rels.SAID.find((x) => x.to === senior.id)!;
    expect(said).toMatchObject({ date: '2011-04', dateFrom: '2011-04-01', dateTo: '2011-04-30' });
    const bad = correction({ op: 'statement.date', target: anchorOf(senior), date: '2011-02-30' });
    expect(run([bad]).doc.reviewOutcomes![0]).toMatchObject({ status: 'orphaned', reason: expect.stringContaining('not a calendar date') });
    expect(parseCorrectedDate('2012')).toEqual({ value: '2012', granularity: 'year', from: '2012-01-01', to: '2012-12-31' });
    expect(parseCorrectedDate('2012-02-29')?.granularity).toBe('day');
    expect(parseCorrectedDate('2012-13')).toBeNull();
  });

  it('kind', () => {
    const c = correction({ op: 'statement.kind', target: anchorOf(okafor), kind: 'direct' });
    const s = stmt(run([c]).records, okafor.id)!;
    expect(s.kind).toBe('direct');
    expect(s.provenance).toBe('reviewed');
  });

  it('span: new text, same id; a later correction anchored on the old span still finds it (by id)', () => {
    // the reviewer drops the article: "talks with Washington would resume next week"
    const start = TEXT.indexOf('talks with Washington');
    const end = senior.end;
    expect(start).toBeGreaterThan(senior.start);
    const span = correction({ op: 'statement.span', target: anchorOf(senior), start, end });
    const kind = correction({ op: 'statement.kind', target: anchorOf(senior), kind: 'direct' });
    const { doc, records } = run([span, kind]);
    const s = stmt(records, senior.id)!;
    expect(s).toMatchObject({ start, end, text: TEXT.slice(start, end), kind: 'direct' });
    expect(s.corrections).toEqual([span.id, kind.id]);
    expect(doc.reviewOutcomes!.map((o) => o.status)).toEqual(['applied', 'applied']);
    // past the article's end: orphaned
    const far = correction({ op: 'statement.span', target: anchorOf(senior), start, end: TEXT.length + 5 });
    expect(run([far]).doc.reviewOutcomes![0]!.status).toBe('orphaned');
  });

  it('stance: sets the statement’s stance and re-aggregates the position; null takes the issue off', () => {
    const abouts = machine.rels.ABOUT.filter((a) => a.from === vostrikIndirect.id);
    expect(abouts.length).toBeGreaterThan(0);
    const issue = abouts[0]!.to;
    const flipped = abouts[0]!.stance === 'support' ? 'oppose' : 'support';
    const before = machine.rels.HOLDS_POSITION.find((p) => p.from === vostrikIndirect.speakerId && p.to === issue)!;
    expect(before).toBeDefined();
    // both of Vostrik's statements on the issue agree after the flip, or not: the position is what they add up to
    const otherStance = machine.rels.ABOUT.find((a) => a.from === vostrikQuote.id && a.to === issue)?.stance;
    const c = correction({ op: 'statement.stance', target: anchorOf(vostrikIndirect), issue, stance: flipped });
    const { records } = run([c]);
    expect(records.rels.ABOUT.find((a) => a.from === vostrikIndirect.id && a.to === issue)!.stance).toBe(flipped);
    const pos = records.rels.HOLDS_POSITION.find((p) => p.from === vostrikIndirect.speakerId && p.to === issue)!;
    const expected = otherStance && otherStance !== 'neutral' && otherStance !== flipped ? 'mixed' : flipped;
    expect(pos.stance).toBe(expected);
    // off the issue: no ABOUT, and the position rests on the other statement alone (or is gone)
    const off = correction({ op: 'statement.stance', target: anchorOf(vostrikIndirect), issue, stance: null });
    const r2 = run([off]).records;
    expect(r2.rels.ABOUT.some((a) => a.from === vostrikIndirect.id && a.to === issue)).toBe(false);
    const p2 = r2.rels.HOLDS_POSITION.find((p) => p.from === vostrikIndirect.speakerId && p.to === issue);
    expect(p2?.statementIds ?? []).not.toContain(vostrikIndirect.id);
    // a stance on an issue the text does not name is added
    const added = correction({ op: 'statement.stance', target: anchorOf(senior), issue: 'withdrawal-timeline', stance: 'support' });
    const r3 = run([added]).records;
    expect(r3.rels.ABOUT.find((a) => a.from === senior.id && a.to === 'withdrawal-timeline')?.stance).toBe('support');
    expect(r3.rels.HOLDS_POSITION.find((p) => p.from === senior.speakerId && p.to === 'withdrawal-timeline')?.statementIds).toEqual([senior.id]);
  });

  it('add: id from the correction, dated like the machine’s statements when no date is given', () => {
    // a new statement inside the first sentence, whose "on Monday" lies outside every statement
    const phrase = 'Iraq by December';
    const s0 = TEXT.indexOf(phrase);
    const c = correction({ op: 'statement.add', articleId: machine.nodes.Article[0]!.id, start: s0, end: s0 + phrase.length, kind: 'indirect', speaker: { name: 'Press Office', type: 'organization' }, cue: 'said' });
    const { records, doc } = run([c]);
    expect(doc.reviewOutcomes![0]!.status).toBe('applied');
    const s = stmt(records, hashId('st', c.id))!;
    expect(s).toMatchObject({ speakerId: 'press-office', provenance: 'reviewed', corrections: [c.id], cue: 'said', text: phrase });
    // its sentence has "on Monday": the dates stage's own reading gives that day, not the publication date
    expect(s.dateBasis).not.toBe('publication');
    expect(s.date).toBe(vostrikIndirect.date);
    expect(records.nodes.Statement).toHaveLength(machine.nodes.Statement.length + 1);
    // with a date
    const dated = correction({ op: 'statement.add', articleId: s.articleId, start: s0, end: s0 + 13, kind: 'direct', speaker: { name: 'Press Office', type: 'organization' }, date: '2011-05-01' });
    expect(stmt(run([dated]).records, hashId('st', dated.id))).toMatchObject({ date: '2011-05-01', dateBasis: 'explicit' });
    // one the extractor finds already is that statement, under the machine's id
    const again = correction({ op: 'statement.add', articleId: s.articleId, start: vostrikQuote.start, end: vostrikQuote.end, kind: 'direct', speaker: { name: 'Karel Vostrik', type: 'person' } });
    const r3 = run([again]).records;
    expect(r3.nodes.Statement).toHaveLength(machine.nodes.Statement.length);
    expect(stmt(r3, vostrikQuote.id)!.provenance).toBe('reviewed');
  });

  it('delete: the statement and its edges go; a later correction of it is orphaned with the reason', () => {
    const del = correction({ op: 'statement.delete', target: anchorOf(another) });
    const kind = correction({ op: 'statement.kind', target: anchorOf(another), kind: 'direct' });
    const { records, doc } = run([del, kind]);
    expect(stmt(records, another.id)).toBeUndefined();
    expect(records.rels.SAID.some((x) => x.to === another.id) || records.rels.ABOUT.some((x) => x.from === another.id)).toBe(false);
    expect(records.rels.HOLDS_POSITION.some((p) => p.statementIds.includes(another.id))).toBe(false);
    // its speaker spoke only there: no "speaks about" of it is left
    expect(records.rels.RELATES.some((x) => x.kind === 'speaks_about' && x.from === another.speakerId)).toBe(false);
    expect(doc.reviewOutcomes![1]).toMatchObject({ status: 'orphaned', reason: expect.stringContaining('deleted by an earlier correction') });
  });

  it('target lookup: a stale id with an overlapping span is found by overlap; no overlap is orphaned', () => {
    const shifted: StatementAnchor = { ...anchorOf(okafor), id: 'st_0000000000000000', start: okafor.start + 2, end: okafor.end + 3 };
    const c = correction({ op: 'statement.kind', target: shifted, kind: 'direct' });
    const { doc, records } = run([c]);
    expect(doc.reviewOutcomes![0]).toMatchObject({ status: 'applied', reason: expect.stringMatching(/^found by overlap/) });
    expect(stmt(records, okafor.id)!.kind).toBe('direct');
    const far: StatementAnchor = { ...shifted, start: 0, end: 8, text: TEXT.slice(0, 8) };
    const orphan = correction({ op: 'statement.kind', target: far, kind: 'direct' });
    expect(run([orphan]).doc.reviewOutcomes![0]).toMatchObject({ status: 'orphaned', reason: expect.stringContaining('overlaps') });
    // below the threshold: orphaned, never a wrong statement
    const len = okafor.end - okafor.start;
    const slight: StatementAnchor = { ...shifted, start: okafor.end - Math.floor(len * MIN_ANCHOR_OVERLAP * 0.5), end: okafor.end + len };
    expect(run([correction({ op: 'statement.kind', target: slight, kind: 'direct' })]).doc.reviewOutcomes![0]!.status).toBe('orphaned');
  });

  it('extractor upgrade: statement boundaries (and so ids) move; corrections made before still apply by overlap', () => {
    const c1 = correction({ op: 'statement.speaker', target: anchorOf(okafor), speaker: { name: 'Pavla Renn', type: 'person' } });
    const c2 = correction({ op: 'statement.stance', target: anchorOf(vostrikIndirect), issue: 'withdrawal-timeline', stance: 'support' });
    // the "new extractor": every statement one word shorter at its start, so every id differs
    const upgraded: Doc = {
      ...machineDoc,
      corrections: [c1, c2],
      statements: machineDoc.statements.map((s) => {
        const cut = s.text.indexOf(' ') + 1;
        const { id: _id, ...rest } = s;
        return { ...rest, start: s.start + cut, text: s.text.slice(cut) };
      }),
    };
    const newIds = toGraphRecords(upgraded).nodes.Statement.map((s) => s.id);
    expect(newIds.some((id) => machine.nodes.Statement.some((m) => m.id === id))).toBe(false);
    const out = applyCorrections(upgraded, [c1, c2]);
    expect(out.outcomes.map((o) => o.status)).toEqual(['applied', 'applied']);
    const r = toGraphRecords(out.doc);
    const moved = r.nodes.Statement.find((s) => s.start > okafor.start && s.end === okafor.end)!;
    expect(moved.speakerId).toBe('pavla-renn');
    expect(r.rels.ABOUT.find((a) => a.to === 'withdrawal-timeline' && r.nodes.Statement.find((s) => s.id === a.from)!.end === vostrikIndirect.end)?.stance).toBe('support');
  });
});

describe('review stage: actor corrections', () => {
  const officialId = another.speakerId; // official@…: article-local
  const seniorId = senior.speakerId;

  it('merge of two article-local actors: statements, mentions and relations move; the merged actor is gone; self-relations dropped', () => {
    expect(officialId).toMatch(/@[0-9a-f]{8}$/);
    expect(seniorId).toMatch(/@[0-9a-f]{8}$/);
    const c = correction({ op: 'actor.merge', from: officialId, into: seniorId });
    const { records, doc } = run([c]);
    expect(doc.reviewOutcomes).toEqual([{ id: c.id, status: 'applied' }]);
    expect(records.nodes.Actor.some((a) => a.id === officialId)).toBe(false);
    expect(bySpeaker(records, seniorId).map((s) => s.id).sort()).toEqual([senior.id, another.id].sort());
    expect(stmt(records, another.id)!.corrections).toEqual([c.id]);
    expect(records.rels.RELATES.some((x) => x.from === officialId || x.to === officialId)).toBe(false);
    expect(records.rels.HOLDS_POSITION.some((p) => p.from === officialId)).toBe(false);
    const moved = machine.rels.HOLDS_POSITION.filter((p) => p.from === officialId);
    for (const p of moved) expect(records.rels.HOLDS_POSITION.some((x) => x.from === seniorId && x.to === p.to)).toBe(true);
  });

  it('merge into an actor a statement talks about drops the self-relation', () => {
    const about = machine.rels.RELATES.find((x) => x.kind === 'speaks_about' && x.from === officialId)!;
    expect(about).toBeDefined();
    const c = correction({ op: 'actor.merge', from: officialId, into: about.to });
    const { records } = run([c]);
    expect(records.rels.RELATES.some((x) => x.from === x.to)).toBe(false);
    expect(bySpeaker(records, about.to).map((s) => s.id)).toContain(another.id);
  });

  it('merge across articles: the article without the target writes it with the recorded name', () => {
    const c = correction({ op: 'actor.merge', from: 'karel-vostrik', into: 'olivier-brandvold' }, { actors: { 'olivier-brandvold': { name: 'Olivier Brandvold', type: 'person' } } });
    const { records } = run([c]);
    expect(bySpeaker(records, 'olivier-brandvold').map((s) => s.id).sort()).toEqual([vostrikIndirect.id, vostrikQuote.id].sort());
    expect(records.nodes.Actor.find((a) => a.id === 'olivier-brandvold')).toMatchObject({ name: 'Olivier Brandvold', type: 'person' });
    expect(records.nodes.Actor.find((a) => a.id === 'olivier-brandvold')!.aliases).toContain('Karel Vostrik');
    // the other article does not hold karel-vostrik: the merge does not concern it
    expect(run([c], OTHER).doc.reviewOutcomes).toEqual([]);
    expect(combineOutcomes([c], [[]])[0]).toMatchObject({ status: 'orphaned', reason: expect.stringContaining('karel-vostrik') });
  });

  it('split by statements: the named statements move to a new actor, the others stay', () => {
    const c = correction({ op: 'actor.split', actor: 'karel-vostrik', into: { name: 'Karel Vostrik', type: 'person' }, statements: [anchorOf(vostrikQuote)], articles: [] });
    const { records, doc } = run([c]);
    expect(doc.reviewOutcomes![0]!.status).toBe('applied');
    const newId = stmt(records, vostrikQuote.id)!.speakerId;
    // the same name as the split actor: a distinct id all the same
    expect(newId).not.toBe('karel-vostrik');
    expect(newId.startsWith('karel-vostrik-')).toBe(true);
    expect(stmt(records, vostrikIndirect.id)!.speakerId).toBe('karel-vostrik');
    expect(records.nodes.Actor.find((a) => a.id === newId)?.name).toBe('Karel Vostrik');
  });

  it('split by articles: all of the actor’s part in the article moves; other articles keep it', () => {
    const art = machine.nodes.Article[0]!.id;
    const c = correction({ op: 'actor.split', actor: 'karel-vostrik', into: { name: 'Karol Vostrik', type: 'person' }, statements: [], articles: [art] });
    const { records } = run([c]);
    expect(bySpeaker(records, 'karel-vostrik')).toEqual([]);
    expect(bySpeaker(records, 'karol-vostrik').map((s) => s.id).sort()).toEqual([vostrikIndirect.id, vostrikQuote.id].sort());
    expect(records.rels.MENTIONS.some((m) => m.to === 'karel-vostrik')).toBe(false);
    expect(records.rels.RELATES.some((x) => x.from === 'karel-vostrik' || x.to === 'karel-vostrik')).toBe(false);
    expect(records.nodes.Actor.some((a) => a.id === 'karel-vostrik')).toBe(false);
    // an article it does not name is untouched
    const other = run([c], OTHER).records;
    expect(other).toEqual(toGraphRecords(extractArticle(OTHER)));
  });

  it('update: name and type change, the graph id stays (also for a local actor)', () => {
    const c = correction({ op: 'actor.update', actor: officialId, name: 'Ministry of Interior', type: 'organization' });
    const { records } = run([c]);
    expect(records.nodes.Actor.find((a) => a.id === officialId)).toMatchObject({ name: 'Ministry of Interior', type: 'organization', provenance: 'reviewed' });
    expect(stmt(records, another.id)!.speakerId).toBe(officialId);
  });

  it('article.reviewed marks the document', () => {
    const c = correction({ op: 'article.reviewed', articleId: machine.nodes.Article[0]!.id, reviewed: true });
    expect(run([c]).doc.reviewed).toBe(true);
    expect(run([c], OTHER).doc.reviewed).toBeUndefined();
  });
});

describe('undo and outcomes', () => {
  it('undo withdraws a correction; undoing the undo brings it back; an undo of nothing is orphaned', () => {
    const c = correction({ op: 'statement.kind', target: anchorOf(okafor), kind: 'direct' });
    const u = correction({ op: 'undo', correction: c.id });
    const uu = correction({ op: 'undo', correction: u.id });
    const stray = correction({ op: 'undo', correction: 'cor_ffffffffffffffff' });
    expect(run([c, u]).records).toEqual(machine);
    expect(stmt(run([c, u, uu]).records, okafor.id)!.kind).toBe('direct');
    const per = [run([c, u, uu, stray]).doc.reviewOutcomes!];
    const all = combineOutcomes([c, u, uu, stray], per);
    expect(all.map((o) => o.status)).toEqual(['applied', 'undone', 'applied', 'orphaned']);
    expect(combineOutcomes([c, u], [run([c, u]).doc.reviewOutcomes!])[0]).toMatchObject({ status: 'undone', reason: `withdrawn by ${u.id}` });
    // an undo can only name an earlier correction
    const early = correction({ op: 'undo', correction: 'cor_eeeeeeeeeeeeeeee' });
    expect(settleUndos([early]).unknown.has(early.id)).toBe(true);
  });

  it('corrections apply in log order: the later of two speaker changes wins', () => {
    const a = correction({ op: 'statement.speaker', target: anchorOf(okafor), speaker: { name: 'Pavla Renn', type: 'person' } });
    const b = correction({ op: 'statement.speaker', target: anchorOf(okafor), speaker: { name: 'Ivo Strand', type: 'person' } });
    expect(stmt(run([a, b]).records, okafor.id)!.speakerId).toBe('ivo-strand');
    expect(stmt(run([b, a]).records, okafor.id)!.speakerId).toBe('pavla-renn');
    // the actor only the overridden correction named is not written
    expect(run([a, b]).records.nodes.Actor.some((x) => x.id === 'pavla-renn')).toBe(false);
  });

  it('a statement correction of another article does not concern this one, and is reported as not evaluated', () => {
    const c = correction({ op: 'statement.kind', target: anchorOf(okafor), kind: 'direct' });
    expect(run([c], OTHER).doc.reviewOutcomes).toEqual([]);
    expect(combineOutcomes([c], [[]], new Set())[0]).toMatchObject({ status: 'orphaned', reason: expect.stringContaining('not evaluated') });
  });
});

describe('chains', () => {
  it('a merge into an actor that a later merge moves on: both apply in an article that held only the first', () => {
    const a = correction({ op: 'actor.merge', from: 'karel-vostrik', into: 'olivier-brandvold' }, { actors: { 'olivier-brandvold': { name: 'Olivier Brandvold', type: 'person' } } });
    const b = correction({ op: 'actor.merge', from: 'olivier-brandvold', into: 'lena-marsh' }, { actors: { 'lena-marsh': { name: 'Lena Marsh', type: 'person' } } });
    const u = correction({ op: 'actor.update', actor: 'lena-marsh', name: 'Lena Marsh-Vostrik' });
    const { records, doc } = run([a, b, u]);
    expect(doc.reviewOutcomes!.map((o) => o.status)).toEqual(['applied', 'applied', 'applied']);
    expect(bySpeaker(records, 'lena-marsh').map((s) => s.id).sort()).toEqual([vostrikIndirect.id, vostrikQuote.id].sort());
    expect(records.nodes.Actor.find((x) => x.id === 'lena-marsh')?.name).toBe('Lena Marsh-Vostrik');
    expect(records.nodes.Actor.some((x) => x.id === 'olivier-brandvold' || x.id === 'karel-vostrik')).toBe(false);
  });
});
