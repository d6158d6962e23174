/**
 * Last stage, records: a finished Doc → the graph records a store writes (cypher/schema.ts).
 * Ids are content-derived; anonymous sources and documents are scoped to their article, since
 * "a US official" of 2011 is not the one of 2024.
 */
import { emptyGraphRecords, type GraphRecords, type NodeRecord } from '../../cypher/schema.ts';
import { localActorId, statementId } from '../ids.ts';
import { DEFAULT_ISSUE_SET, type IssueSet } from '../positions/issue-set.ts';
import type { DateValue, Doc } from '../types.ts';

const dated = (d: DateValue, articleId: string) => ({ date: d.value, dateFrom: d.from, dateTo: d.to, articleId });

/** The id an actor has in the graph. */
export function graphActorId(doc: Doc, id: string): string {
  const a = doc.actors.get(id);
  if (a?.graphId) return a.graphId;
  return a && (a.local || a.type === 'anonymous') ? localActorId(doc.articleId, id) : id;
}

export function issueLabel(id: string, set: IssueSet = DEFAULT_ISSUE_SET): { label: string; description: string } {
  const known = set.issues.find((i) => i.id === id);
  if (known) return { label: known.label, description: known.description };
  const slug = id.replace(/^other:/, '').replace(/-/g, ' ');
  return { label: slug.charAt(0).toUpperCase() + slug.slice(1), description: 'An issue outside the declared issue set.' };
}

export function toGraphRecords(doc: Doc): GraphRecords {
  const r = emptyGraphRecords();
  const { input, articleId } = doc;
  const aid = (id: string) => graphActorId(doc, id);
  r.nodes.Article.push({
    id: articleId,
    file: input.file,
    title: input.title,
    source: input.source,
    url: input.url,
    published: input.published,
    text: input.text,
    chars: input.text.length,
    complete: true,
  });

  // actors that are mentioned or speak
  const forms = new Map<string, Map<string, number>>();
  for (const m of doc.mentions) {
    const f = forms.get(m.actorId) ?? new Map<string, number>();
    f.set(m.text, (f.get(m.text) ?? 0) + 1);
    forms.set(m.actorId, f);
  }
  const used = new Set([...forms.keys(), ...doc.statements.map((s) => s.speakerId), ...doc.positions.map((p) => p.actorId), ...doc.relations.flatMap((x) => [x.from, x.to])]);
  for (const id of used) {
    const a = doc.actors.get(id);
    if (!a) continue;
    const actor: NodeRecord<'Actor'> = {
      id: aid(id),
      name: a.name,
      type: a.type,
      aliases: [...new Set([a.name, ...a.aliases, ...(forms.get(id)?.keys() ?? [])])],
      description: a.description,
      affiliation: a.affiliation,
      ...(a.provenance ? { provenance: a.provenance } : {}),
    };
    r.nodes.Actor.push(actor);
    const f = forms.get(id);
    if (f) r.rels.MENTIONS.push({ from: articleId, to: actor.id, articleId, forms: [...f.keys()], count: [...f.values()].reduce((x, y) => x + y, 0) });
  }

  const issueSet = doc.issueSet ?? DEFAULT_ISSUE_SET;
  const issues = new Set<string>(issueSet.issues.map((i) => i.id));
  const stIds: string[] = [];
  for (const s of doc.statements) {
    const d = s.date ?? doc.publication;
    const id = s.id ?? statementId(articleId, s.kind, s.start, s.end, s.speakerId);
    stIds.push(id);
    r.nodes.Statement.push({
      id,
      text: s.text,
      kind: s.kind,
      cue: s.cue || 'said',
      start: s.start,
      end: s.end,
      date: d.value,
      granularity: d.granularity,
      dateBasis: s.dateBasis ?? 'publication',
      dateEvidence: s.dateEvidence ?? null,
      dateFrom: d.from,
      dateTo: d.to,
      articleId,
      speakerId: aid(s.speakerId),
      speakerMention: s.speakerMention,
      rule: s.rule ?? null,
      provenance: s.provenance ?? 'machine',
      corrections: s.corrections ?? [],
    });
    r.rels.SAID.push({ from: aid(s.speakerId), to: id, ...dated(d, articleId) });
    r.rels.REPORTED_IN.push({ from: id, to: articleId, articleId });
    for (const i of s.issues ?? []) {
      issues.add(i.id);
      r.rels.ABOUT.push({ from: id, to: i.id, stance: i.stance, articleId });
    }
  }
  for (const p of doc.positions) {
    issues.add(p.issue);
    r.rels.HOLDS_POSITION.push({
      from: aid(p.actorId),
      to: p.issue,
      ...dated(p.date, articleId),
      stance: p.stance,
      statementIds: p.statementIndexes.map((i) => stIds[i]).filter((x): x is string => !!x),
      evidence: p.evidence,
    });
  }
  for (const x of doc.relations) {
    r.rels.RELATES.push({ from: aid(x.from), to: aid(x.to), ...dated(x.date, articleId), kind: x.kind, title: x.title, evidence: x.evidence, start: x.start, end: x.end, rule: x.rule ?? null });
  }
  for (const id of issues) r.nodes.Issue.push({ id, ...issueLabel(id, issueSet) });
  return r;
}
