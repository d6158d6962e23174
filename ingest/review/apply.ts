/**
 * Applying reviewer corrections (issue 12) to one extracted article: a pure function of the
 * machine's Doc and the corrections log, run as the pipeline's last stage (`review`), so ingest,
 * re-ingest, rebuild and live edits all produce the same corrected graph.
 *
 * Corrections apply in log order, each against the result of those before it. Undone ones (and
 * undos themselves) are settled over the whole log first. A statement correction finds its target
 * by the statement's id, else by the best overlap with its anchor's span in the same article (a
 * changed extractor moves boundaries, and so ids), else it is orphaned with a reason. Actor
 * corrections name graph ids (`slug@hash` for article-local actors) and apply in every article
 * that holds the actor. Positions are re-read at the end with the corrected statements and the
 * reviewer's stances, and a statement's "speaks about" relations follow its corrected speaker
 * and span.
 */
import type { ActorType, Stance } from '../../cypher/schema.ts';
import { dayValue, monthValue, parseYmd, yearValue } from '../dates/calendar.ts';
import { hashId, localActorId, statementId } from '../ids.ts';
import { assignStatementDates } from '../stages/dates.ts';
import { readPositions } from '../stages/positions.ts';
import { graphActorId } from '../stages/records.ts';
import { kebab } from '../text/normalize.ts';
import type { Actor, DateValue, Doc, RelationDraft, Span, Stage, StatementDraft } from '../types.ts';
import type { ActorRef, Correction, CorrectionAction, CorrectionOutcome, StatementAnchor } from './corrections.ts';

/** An anchor must overlap a statement by at least this share of their union to find it (intersection over union). */
export const MIN_ANCHOR_OVERLAP = 0.5;
/** An added statement this close to a machine statement is that statement (a newer extractor found it too). */
const SAME_STATEMENT_OVERLAP = 0.9;

export interface ApplyResult {
  doc: Doc;
  /** one per correction that concerns this article (active ones only; undo is settled by `settleUndos`) */
  outcomes: CorrectionOutcome[];
}

/** Which corrections are withdrawn, and by which undo; an undone undo does not withdraw its target. */
export function settleUndos(corrections: readonly Correction[]): { undoneBy: Map<string, string>; unknown: Set<string> } {
  const position = new Map<string, number>();
  corrections.forEach((c, i) => {
    if (!position.has(c.id)) position.set(c.id, i);
  });
  const undoneBy = new Map<string, string>();
  const unknown = new Set<string>();
  // from the end: an undo that is itself undone withdraws nothing
  for (let i = corrections.length - 1; i >= 0; i--) {
    const c = corrections[i]!;
    if (undoneBy.has(c.id) || c.action.op !== 'undo') continue;
    const target = c.action.correction;
    // only an earlier correction can be undone (the log is ordered)
    const at = position.get(target);
    if (at === undefined || at >= i) unknown.add(c.id);
    else if (!undoneBy.has(target)) undoneBy.set(target, c.id);
  }
  return { undoneBy, unknown };
}

/** The corrections still in effect, in log order (undos and what they withdrew left out). */
export function activeCorrections(corrections: readonly Correction[]): Correction[] {
  // one log is applied to every article of a rebuild: settled once per log, not once per article
  const cached = activeCache.get(corrections);
  if (cached) return cached;
  const { undoneBy } = settleUndos(corrections);
  const active = corrections.filter((c) => c.action.op !== 'undo' && !undoneBy.has(c.id));
  activeCache.set(corrections, active);
  return active;
}
const activeCache = new WeakMap<readonly Correction[], Correction[]>();

/** The article a statement or article correction concerns (null: an actor correction or an undo). */
export function articleOf(action: CorrectionAction): string | null {
  switch (action.op) {
    case 'statement.speaker':
    case 'statement.date':
    case 'statement.kind':
    case 'statement.span':
    case 'statement.stance':
    case 'statement.delete':
      return action.target.articleId;
    case 'statement.add':
    case 'article.reviewed':
      return action.articleId;
    default:
      return null;
  }
}

/** Graph ids of the actors a correction changes (whose articles it affects). */
export function actorsChangedBy(action: CorrectionAction): string[] {
  switch (action.op) {
    case 'actor.merge':
      return [action.from];
    case 'actor.split':
      return [action.actor];
    case 'actor.update':
      return [action.actor];
    default:
      return [];
  }
}

/** Graph ids of every existing actor an action names (their name and type are snapshotted with it). */
export function actorsNamedBy(action: CorrectionAction): string[] {
  const refId = (r: ActorRef) => ('id' in r ? [r.id] : []);
  switch (action.op) {
    case 'statement.speaker':
    case 'statement.add':
      return refId(action.speaker);
    case 'actor.merge':
      return [action.from, action.into];
    case 'actor.split':
      return [action.actor, ...refId(action.into)];
    case 'actor.update':
      return [action.actor];
    default:
      return [];
  }
}

/** A corrected date (YYYY, YYYY-MM or YYYY-MM-DD) as a DateValue; null when it is no calendar date. */
export function parseCorrectedDate(value: string): DateValue | null {
  const parts = value.split('-').map(Number);
  const [y, m, d] = parts;
  if (y === undefined || !Number.isInteger(y)) return null;
  if (parts.length === 1) return yearValue(y);
  if (m === undefined || m < 1 || m > 12) return null;
  if (parts.length === 2) return monthValue(y, m);
  if (d === undefined) return null;
  // 2024-02-30 rolls over to March in Date.UTC: not a date
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return dayValue(parseYmd(value));
}

const overlap = (a: Span, b: Span) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
const iou = (a: Span, b: Span) => {
  const o = overlap(a, b);
  return o === 0 ? 0 : o / (Math.max(a.end, b.end) - Math.min(a.start, b.start));
};

/** Working state of one statement while corrections apply. */
interface Working {
  st: StatementDraft;
  deleted: boolean;
  /** issue → reviewer stance */
  stances: Map<string, Stance | null>;
  /** the speaker, span of the machine statement (its "speaks about" relations are found by them) */
  origin: { speakerId: string; start: number; end: number } | null;
  /** speaker, span or existence changed: its "speaks about" relations are redrawn */
  redraw: boolean;
}

class ArticleReview {
  readonly actors: Map<string, Actor>;
  mentions: Doc['mentions'];
  relations: RelationDraft[];
  readonly items: Working[];
  readonly outcomes: CorrectionOutcome[] = [];
  reviewed: boolean | undefined;

  constructor(readonly doc: Doc) {
    this.actors = new Map([...doc.actors].map(([k, a]) => [k, { ...a, aliases: [...a.aliases] }]));
    this.mentions = doc.mentions.map((m) => ({ ...m }));
    this.relations = doc.relations.map((r) => ({ ...r }));
    this.items = doc.statements.map((s) => ({
      st: { ...s, id: s.id ?? statementId(doc.articleId, s.kind, s.start, s.end, s.speakerId) },
      deleted: false,
      stances: new Map(),
      origin: { speakerId: s.speakerId, start: s.start, end: s.end },
      redraw: false,
    }));
    this.reviewed = doc.reviewed;
  }

  private graphId(key: string): string {
    return graphActorId({ ...this.doc, actors: this.actors }, key);
  }

  /** The doc key of the actor with graph id `id`, if this article holds it. */
  keyOf(id: string): string | undefined {
    if (this.actors.has(id) && this.graphId(id) === id) return id;
    for (const k of this.actors.keys()) if (this.graphId(k) === id) return k;
    return undefined;
  }

  /** Whether the actor takes part in the article (a mention, a statement or a relation). */
  holds(key: string): boolean {
    return (
      this.mentions.some((m) => m.actorId === key) ||
      this.items.some((w) => !w.deleted && w.st.speakerId === key) ||
      this.relations.some((r) => r.from === key || r.to === key)
    );
  }

  /** The doc key for an ActorRef, adding the actor when the article lacks it; a string is why it cannot. */
  resolve(ref: ActorRef, c: Correction, avoid?: string): string | { error: string } {
    if ('id' in ref) {
      const key = this.keyOf(ref.id);
      if (key) return key;
      const known = c.actors?.[ref.id];
      if (!known) return { error: `actor ${ref.id} is not in this article and the correction does not record it` };
      // as the store held it, provenance included: every article writes the actor alike, in any order
      return this.add(ref.id, { name: known.name, type: known.type, graphId: ref.id, reviewed: known.provenance === 'reviewed' });
    }
    // named the way the actors stage names a phrase ("a resident" → resident)
    let slug = kebab(ref.name.replace(/^(?:the|a|an)\s+/i, '')) || 'unnamed-actor';
    if (avoid !== undefined && (slug === avoid || this.graphId(slug) === this.graphId(avoid))) slug = `${slug}-${c.id.slice(4, 10)}`;
    const existing = this.actors.get(slug);
    if (existing && existing.type === ref.type) return slug;
    if (existing) slug = `${slug}-${ref.type}`;
    if (this.actors.has(slug)) return slug;
    return this.add(slug, { name: ref.name, type: ref.type, reviewed: true });
  }

  private add(key: string, a: { name: string; type: ActorType; graphId?: string; reviewed: boolean }): string {
    // an anonymous source a reviewer names is scoped to its article, like the extractor's
    const local = a.graphId === undefined && a.type === 'anonymous';
    this.actors.set(key, {
      id: key,
      name: a.name,
      type: a.type,
      aliases: [a.name],
      description: null,
      affiliation: null,
      local,
      ...(a.graphId !== undefined ? { graphId: a.graphId } : {}),
      ...(a.reviewed ? { provenance: 'reviewed' as const } : {}),
    });
    return key;
  }

  /** The live statement an anchor names: by id, else by best overlap in this article. */
  find(anchor: StatementAnchor): { item: Working; via: string } | { error: string } {
    const live = this.items.filter((w) => !w.deleted);
    const byId = live.find((w) => w.st.id === anchor.id);
    if (byId) return { item: byId, via: 'id' };
    let best: Working | null = null;
    let score = 0;
    for (const w of live) {
      const s = iou(w.st, anchor);
      if (s > score) {
        score = s;
        best = w;
      }
    }
    if (best && score >= MIN_ANCHOR_OVERLAP) return { item: best, via: `overlap ${score.toFixed(2)}` };
    const gone = this.items.some((w) => w.deleted && w.st.id === anchor.id);
    return {
      error: gone
        ? `statement ${anchor.id} was deleted by an earlier correction`
        : `no statement of ${anchor.articleId} is ${anchor.id} or overlaps [${anchor.start}, ${anchor.end}) by ${MIN_ANCHOR_OVERLAP * 100}%` +
          (best ? ` (best: ${Math.round(score * 100)}%)` : ''),
    };
  }

  touch(w: Working, c: Correction): void {
    w.st.provenance = 'reviewed';
    w.st.corrections = [...(w.st.corrections ?? []), c.id];
  }

  /** Every part `from` plays in the article (or only in `only`'s statements) becomes `into`'s. */
  reassign(from: string, into: string): void {
    for (const m of this.mentions) if (m.actorId === from) m.actorId = into;
    for (const w of this.items) {
      if (w.st.speakerId === from) w.st.speakerId = into;
      // the machine's "speaks about" relations were rewritten too: their origin follows
      if (w.origin?.speakerId === from) w.origin.speakerId = into;
    }
    for (const r of this.relations) {
      if (r.from === from) r.from = into;
      if (r.to === from) r.to = into;
    }
    const a = this.actors.get(from);
    const b = this.actors.get(into);
    if (a && b) b.aliases = [...new Set([...b.aliases, a.name, ...a.aliases])];
  }

  apply(c: Correction): void {
    const a = c.action;
    const out = (status: CorrectionOutcome['status'], reason?: string): void => {
      this.outcomes.push({ id: c.id, status, ...(reason ? { reason } : {}) });
    };
    const here = articleOf(a);
    if (here !== null && here !== this.doc.articleId) return;
    const text = this.doc.input.text;
    const withTarget = (anchor: StatementAnchor, fn: (w: Working) => string | void) => {
      const f = this.find(anchor);
      if ('error' in f) return out('orphaned', f.error);
      const problem = fn(f.item);
      if (problem) return out('orphaned', problem);
      this.touch(f.item, c);
      out('applied', `found by ${f.via}`);
    };
    switch (a.op) {
      case 'statement.speaker':
        return withTarget(a.target, (w) => {
          const key = this.resolve(a.speaker, c);
          if (typeof key !== 'string') return key.error;
          w.st.speakerId = key;
          w.redraw = true;
        });
      case 'statement.date':
        return withTarget(a.target, (w) => {
          const d = parseCorrectedDate(a.date);
          if (!d) return `${a.date} is not a calendar date`;
          Object.assign(w.st, { date: d, dateBasis: 'explicit', dateEvidence: a.evidence ?? null });
        });
      case 'statement.kind':
        return withTarget(a.target, (w) => {
          w.st.kind = a.kind;
        });
      case 'statement.span':
        return withTarget(a.target, (w) => {
          if (a.end > text.length) return `span [${a.start}, ${a.end}) is past the article's end (${text.length})`;
          Object.assign(w.st, { start: a.start, end: a.end, text: text.slice(a.start, a.end) });
          w.redraw = true;
        });
      case 'statement.stance':
        return withTarget(a.target, (w) => {
          w.stances.set(a.issue, a.stance);
        });
      case 'statement.delete':
        return withTarget(a.target, (w) => {
          w.deleted = true;
          w.redraw = true;
        });
      case 'statement.add': {
        if (a.end > text.length) return out('orphaned', `span [${a.start}, ${a.end}) is past the article's end (${text.length})`);
        const key = this.resolve(a.speaker, c);
        if (typeof key !== 'string') return out('orphaned', key.error);
        const span = { start: a.start, end: a.end };
        const same = this.items.find((w) => !w.deleted && iou(w.st, span) >= SAME_STATEMENT_OVERLAP);
        const fields = { kind: a.kind, start: a.start, end: a.end, text: text.slice(a.start, a.end), speakerId: key, ...(a.cue ? { cue: a.cue } : {}) };
        if (same) {
          // the extractor finds it now: the reviewer's version of it, under the machine's id
          Object.assign(same.st, fields);
          same.redraw = true;
          if (a.date) this.setDate(same, a.date);
          this.touch(same, c);
          return out('applied', `the extractor also finds it (${same.st.id})`);
        }
        const speaker = this.actors.get(key)!;
        const w: Working = {
          st: {
            ...fields,
            cue: a.cue ?? '',
            speakerMention: speaker.name,
            attribution: span,
            id: hashId('st', c.id),
          },
          deleted: false,
          stances: new Map(),
          origin: null,
          redraw: true,
        };
        this.items.push(w);
        if (a.date) {
          if (!this.setDate(w, a.date)) {
            this.items.pop();
            return out('orphaned', `${a.date} is not a calendar date`);
          }
        } else this.dateLikeMachine(w);
        this.touch(w, c);
        return out('applied');
      }
      case 'actor.merge': {
        const from = this.keyOf(a.from);
        if (!from || !this.holds(from)) return;
        const into = this.resolve({ id: a.into }, c);
        if (typeof into !== 'string') {
          // the target is unknown: keep `from` as it is rather than lose its statements
          const known = this.actors.get(from)!;
          const key = this.add(a.into, { name: known.name, type: known.type, graphId: a.into, reviewed: true });
          this.reassign(from, key);
          return out('applied', `merged into ${a.into}, whose name the correction does not record`);
        }
        for (const w of this.items) if (!w.deleted && w.st.speakerId === from) this.touch(w, c);
        this.reassign(from, into);
        return out('applied');
      }
      case 'actor.split': {
        const actor = this.keyOf(a.actor);
        if (!actor) return;
        const mine = a.statements.filter((s) => s.articleId === this.doc.articleId);
        const whole = a.articles.includes(this.doc.articleId);
        if (!mine.length && !whole) return;
        const into = this.resolve(a.into, c, actor);
        if (typeof into !== 'string') return out('orphaned', into.error);
        const missed: string[] = [];
        let moved = 0;
        for (const anchor of mine) {
          const f = this.find(anchor);
          if ('error' in f) {
            missed.push(f.error);
            continue;
          }
          if (f.item.st.speakerId !== actor) {
            missed.push(`statement ${f.item.st.id} is not ${a.actor}'s`);
            continue;
          }
          f.item.st.speakerId = into;
          f.item.redraw = true;
          this.touch(f.item, c);
          moved++;
        }
        if (whole) {
          const before = this.items.filter((w) => !w.deleted && w.st.speakerId === actor);
          this.reassign(actor, into);
          for (const w of before) this.touch(w, c);
          moved += before.length + 1;
        }
        if (moved === 0) return out('orphaned', missed.join('; '));
        return out('applied', missed.length ? `not found: ${missed.join('; ')}` : undefined);
      }
      case 'actor.update': {
        const key = this.keyOf(a.actor);
        if (!key || !this.holds(key)) return;
        const actor = this.actors.get(key)!;
        const name = a.name ?? actor.name;
        this.actors.set(key, {
          ...actor,
          name,
          type: a.type ?? actor.type,
          aliases: [...new Set([name, ...actor.aliases])],
          provenance: 'reviewed',
          // the graph id stays: corrections and links name it
          graphId: this.graphId(key),
        });
        return out('applied');
      }
      case 'article.reviewed':
        this.reviewed = a.reviewed;
        return out('applied');
      case 'undo':
        return;
    }
  }

  private setDate(w: Working, value: string): boolean {
    const d = parseCorrectedDate(value);
    if (!d) return false;
    Object.assign(w.st, { date: d, dateBasis: 'explicit', dateEvidence: null });
    return true;
  }

  /** Dates an added statement the way the dates stage dates the machine's. */
  private dateLikeMachine(w: Working): void {
    const live = this.items.filter((x) => !x.deleted);
    const at = live.indexOf(w);
    const dated = assignStatementDates({ ...this.doc, statements: live.map((x) => x.st) }, this.doc.times)[at]!;
    Object.assign(w.st, { date: dated.date, dateBasis: dated.dateBasis, dateEvidence: dated.dateEvidence ?? null });
  }

  /** The corrected document: statements, relations and positions re-derived. */
  finish(): Doc {
    const keep = this.items.filter((w) => !w.deleted);
    const index = new Map<Working, number>();
    keep.forEach((w, i) => index.set(w, i));
    const oldIndex = new Map<number, number>();
    this.items.forEach((w, i) => {
      const j = index.get(w);
      if (j !== undefined) oldIndex.set(i, j);
    });
    // relations: statement indexes follow the renumbering; "speaks about" of redrawn statements is redrawn
    const stale = new Set(
      this.items.filter((w) => w.redraw && w.origin).map((w) => `${w.origin!.speakerId}\u0000${w.origin!.start}\u0000${w.origin!.end}`),
    );
    const redrawn = new Set(this.items.filter((w) => w.redraw).map((w) => this.items.indexOf(w)));
    let relations: RelationDraft[] = [];
    for (const r of this.relations) {
      if (r.kind === 'speaks_about' && r.statementIndex === undefined && stale.has(`${r.from}\u0000${r.start}\u0000${r.end}`)) continue;
      // a proxy's "speaks for" hangs on its statement's speaker: redrawn statements lose it
      if (r.kind === 'speaks_for' && r.statementIndex !== undefined && redrawn.has(r.statementIndex)) continue;
      const { statementIndex, ...rest } = r;
      const j = statementIndex === undefined ? undefined : oldIndex.get(statementIndex);
      relations.push(j === undefined ? rest : { ...rest, statementIndex: j });
    }
    for (const w of keep) if (w.redraw) relations.push(...this.speaksAbout(w.st));
    // a merge can make an actor relate to itself: not a relation
    relations = relations.filter((r) => r.from !== r.to);
    const overrides = new Map<number, Map<string, Stance | null>>();
    keep.forEach((w, i) => {
      if (w.stances.size) overrides.set(i, w.stances);
    });
    const base: Doc = {
      ...this.doc,
      actors: this.actors,
      mentions: this.mentions,
      statements: keep.map((w) => w.st),
      relations,
      ...(this.reviewed !== undefined ? { reviewed: this.reviewed } : {}),
    };
    return readPositions(base, overrides);
  }

  private speaksAbout(st: StatementDraft): RelationDraft[] {
    const out: RelationDraft[] = [];
    const seen = new Set<string>();
    for (const m of this.mentions) {
      if (m.start < st.start || m.end > st.end || m.actorId === st.speakerId || seen.has(m.actorId)) continue;
      seen.add(m.actorId);
      out.push({
        kind: 'speaks_about',
        from: st.speakerId,
        to: m.actorId,
        title: null,
        date: st.date ?? this.doc.publication,
        evidence: st.text.length > 300 ? `${st.text.slice(0, 297)}…` : st.text,
        start: st.start,
        end: st.end,
      });
    }
    return out;
  }
}

/** Whether a correction can concern this article (cheap: a rebuild asks it of every article). */
function mayConcern(c: Correction, articleId: string, graphIds: ReadonlySet<string>): boolean {
  const a = c.action;
  const own = articleOf(a);
  if (own !== null) return own === articleId;
  if (a.op === 'actor.split') return a.articles.includes(articleId) || a.statements.some((s) => s.articleId === articleId);
  return actorsChangedBy(a).some((id) => graphIds.has(id));
}

/** Applies the corrections (the whole log, in log order) to one article's extraction. */
export function applyCorrections(doc: Doc, corrections: readonly Correction[]): ApplyResult {
  // most articles of a rebuild have no correction: they pass through untouched, positions not re-read
  const graphIds = new Set([...doc.actors.keys()].map((k) => graphActorId(doc, k)));
  const active = activeCorrections(corrections);
  // all of them once one does: a merge or a speaker change can bring in an actor later ones name
  if (!active.some((c) => mayConcern(c, doc.articleId, graphIds))) return { doc: { ...doc, reviewOutcomes: [] }, outcomes: [] };
  const review = new ArticleReview(doc);
  for (const c of active) review.apply(c);
  const out = review.finish();
  return { doc: { ...out, reviewOutcomes: review.outcomes }, outcomes: review.outcomes };
}

/** The pipeline stage: applies `doc.corrections` when there are any. */
export const reviewStage: Stage = (doc) => (doc.corrections?.length ? applyCorrections(doc, doc.corrections).doc : doc);

/**
 * Each correction's status over a set of articles, from their per-article outcomes: applied in
 * some article → applied; undone → undone; otherwise orphaned, with the first reason given.
 * `evaluated`: the articles whose outcomes are given (a statement correction of another article is
 * reported as not evaluated, not as orphaned).
 */
export function combineOutcomes(
  corrections: readonly Correction[],
  perArticle: readonly CorrectionOutcome[][],
  evaluated?: ReadonlySet<string>,
): CorrectionOutcome[] {
  const { undoneBy, unknown } = settleUndos(corrections);
  const byId = new Map<string, CorrectionOutcome[]>();
  for (const list of perArticle) for (const o of list) byId.set(o.id, [...(byId.get(o.id) ?? []), o]);
  return corrections.map((c): CorrectionOutcome => {
    const by = undoneBy.get(c.id);
    if (by) return { id: c.id, status: 'undone', reason: `withdrawn by ${by}` };
    if (c.action.op === 'undo') {
      return unknown.has(c.id) ? { id: c.id, status: 'orphaned', reason: `no earlier correction ${c.action.correction} in the log` } : { id: c.id, status: 'applied' };
    }
    const got = byId.get(c.id) ?? [];
    const applied = got.filter((o) => o.status === 'applied');
    if (applied.length) {
      const reasons = [...new Set(applied.map((o) => o.reason).filter((r): r is string => !!r))];
      return { id: c.id, status: 'applied', ...(reasons.length ? { reason: reasons.join('; ') } : {}) };
    }
    const orphan = got.find((o) => o.status === 'orphaned');
    if (orphan) return orphan;
    const article = articleOf(c.action);
    if (article !== null) {
      return {
        id: c.id,
        status: 'orphaned',
        reason: evaluated && !evaluated.has(article) ? `article ${article} was not evaluated` : `article ${article} is not in the archive`,
      };
    }
    return { id: c.id, status: 'orphaned', reason: `no article holds actor ${actorsChangedBy(c.action).join(', ')}` };
  });
}

/** The graph id a new actor of an article gets (tests and the review service use it). */
export const reviewedLocalActorId = localActorId;
