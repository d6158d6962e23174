/**
 * Review mode's state and the corrections it sends, as pure producers (tested directly in
 * tests/unit/review-state.test.ts). The DOM parts (edit-controls, dialogs, queue) only read this
 * state and call these builders; nothing here touches graph attributes.
 */
import type { ActorType, Stance, StatementKind } from '../../../cypher/schema.ts';
import type { ActorRef, CorrectionAction, StatementAnchor } from '../../../ingest/review/corrections.ts';

type Exhaustive<Declared, Listed> = [Exclude<Declared, Listed>] extends [never] ? true : { missing: Exclude<Declared, Listed> };
/** listed here, not imported, so zod stays out of the page (see state/vocab.ts) */
export const STATEMENT_KINDS = ['direct', 'indirect'] as const satisfies readonly StatementKind[];
const kindsComplete: Exhaustive<StatementKind, (typeof STATEMENT_KINDS)[number]> = true;
void kindsComplete;

/** The fields of a statement a correction needs (StatementView has them all). */
export interface ReviewableStatement {
  id: string;
  text: string;
  kind: StatementKind;
  date: string;
  start: number;
  end: number;
  speaker: { id: string; name: string };
  article: { id: string };
  issues: readonly { id: string; stance: Stance }[];
  /** added by the review API; absent on older servers (read as machine) */
  provenance?: unknown;
}

export function isReviewed(st: { id: string; provenance?: unknown }): boolean {
  return st.provenance === 'reviewed';
}

/** One reviewer action as the undo stack keeps it: one or more corrections undone together. */
export interface UndoEntry {
  ids: readonly string[];
  label: string;
}

export interface ReviewState {
  /** review mode: edit controls shown */
  on: boolean;
  /** a statement whose editor is open */
  editing: string | null;
  /** this session's corrections, newest last */
  undo: readonly UndoEntry[];
  /** queue filter: null = every reason */
  queueReason: string | null;
  /** a write is in flight: controls are disabled, shortcuts ignored */
  busy: boolean;
  message: { kind: 'ok' | 'error'; text: string } | null;
}

export const INITIAL_REVIEW: ReviewState = { on: false, editing: null, undo: [], queueReason: null, busy: false, message: null };
export const UNDO_DEPTH = 50;

export function setMode(s: ReviewState, on: boolean): ReviewState {
  return { ...s, on, editing: on ? s.editing : null, message: null };
}

export function startEdit(s: ReviewState, statementId: string): ReviewState {
  if (!s.on || s.busy) return s;
  return { ...s, editing: statementId, message: null };
}

export function cancelEdit(s: ReviewState): ReviewState {
  return { ...s, editing: null };
}

export function begin(s: ReviewState): ReviewState {
  return { ...s, busy: true, message: null };
}

/** Corrections recorded for one reviewer action: one undo entry (the oldest go past UNDO_DEPTH). */
export function recorded(s: ReviewState, ids: readonly string[], label: string): ReviewState {
  if (!ids.length) return { ...s, busy: false, editing: null, message: { kind: 'ok', text: 'Nothing changed.' } };
  const undo = [...s.undo, { ids: [...ids], label }].slice(-UNDO_DEPTH);
  return { ...s, busy: false, editing: null, undo, message: { kind: 'ok', text: `Saved: ${label}.` } };
}

export function lastUndo(s: ReviewState): UndoEntry | null {
  return s.undo[s.undo.length - 1] ?? null;
}

/** The last entry was withdrawn on the server. */
export function undone(s: ReviewState): ReviewState {
  const last = lastUndo(s);
  if (!last) return { ...s, busy: false };
  return { ...s, busy: false, undo: s.undo.slice(0, -1), message: { kind: 'ok', text: `Undone: ${last.label}.` } };
}

export function failed(s: ReviewState, text: string): ReviewState {
  return { ...s, busy: false, message: { kind: 'error', text } };
}

export function setQueueReason(s: ReviewState, reason: string | null): ReviewState {
  return { ...s, queueReason: s.queueReason === reason ? null : reason };
}

// ---- correction builders ------------------------------------------------------------------------

export function anchorOf(st: Pick<ReviewableStatement, 'id' | 'article' | 'start' | 'end' | 'text'>): StatementAnchor {
  return { id: st.id, articleId: st.article.id, start: st.start, end: st.end, text: st.text };
}

/** A date as the log takes it (YYYY, YYYY-MM or YYYY-MM-DD, a real day), else null. */
export function parseDate(input: string): string | null {
  const s = input.trim();
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
  if (!m) return null;
  const [, y, mo, d] = m;
  if (mo !== undefined && (Number(mo) < 1 || Number(mo) > 12)) return null;
  if (mo !== undefined && d !== undefined) {
    const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
    if (day.getUTCMonth() !== Number(mo) - 1 || day.getUTCDate() !== Number(d)) return null;
  }
  return s;
}

/** What the statement editor holds when Enter is pressed. */
export interface EditForm {
  /** null: the speaker is unchanged */
  speaker: ActorRef | null;
  date: string;
  kind: StatementKind;
  /** per issue the statement is about: its stance, or null (not about that issue) */
  stances: Readonly<Record<string, Stance | null>>;
}

export type EditResult = { ok: true; actions: CorrectionAction[] } | { ok: false; error: string; field: 'date' | 'speaker' };

/** The corrections an edit makes: one per changed field, none when nothing changed. */
export function editActions(st: ReviewableStatement, form: EditForm): EditResult {
  const target = anchorOf(st);
  const actions: CorrectionAction[] = [];
  if (form.speaker) {
    if ('id' in form.speaker ? form.speaker.id !== st.speaker.id : true) {
      if ('name' in form.speaker && !form.speaker.name.trim()) return { ok: false, error: 'Name the new speaker.', field: 'speaker' };
      actions.push({ op: 'statement.speaker', target, speaker: form.speaker });
    }
  }
  if (form.date.trim() !== st.date) {
    const date = parseDate(form.date);
    if (!date) return { ok: false, error: 'Dates are YYYY, YYYY-MM or YYYY-MM-DD.', field: 'date' };
    actions.push({ op: 'statement.date', target, date });
  }
  if (form.kind !== st.kind) actions.push({ op: 'statement.kind', target, kind: form.kind });
  const before = new Map(st.issues.map((i) => [i.id, i.stance]));
  for (const [issue, stance] of Object.entries(form.stances)) {
    if ((before.get(issue) ?? null) !== stance) actions.push({ op: 'statement.stance', target, issue, stance });
  }
  return { ok: true, actions };
}

export function deleteAction(st: Pick<ReviewableStatement, 'id' | 'article' | 'start' | 'end' | 'text'>): CorrectionAction {
  return { op: 'statement.delete', target: anchorOf(st) };
}

export function spanAction(st: Pick<ReviewableStatement, 'id' | 'article' | 'start' | 'end' | 'text'>, span: { start: number; end: number }): CorrectionAction | null {
  if (span.end <= span.start || (span.start === st.start && span.end === st.end)) return null;
  return { op: 'statement.span', target: anchorOf(st), start: span.start, end: span.end };
}

export function addAction(articleId: string, span: { start: number; end: number }, kind: StatementKind, speaker: ActorRef, cue: string): CorrectionAction {
  const c = cue.trim();
  return { op: 'statement.add', articleId, start: span.start, end: span.end, kind, speaker, ...(c ? { cue: c } : {}) };
}

export function mergeAction(from: string, into: string): CorrectionAction | null {
  return from === into ? null : { op: 'actor.merge', from, into };
}

export function splitAction(actor: string, into: ActorRef, statements: readonly Pick<ReviewableStatement, 'id' | 'article' | 'start' | 'end' | 'text'>[], articles: readonly string[]): CorrectionAction | null {
  if ('id' in into && into.id === actor) return null;
  if (!statements.length && !articles.length) return null;
  return { op: 'actor.split', actor, into, statements: statements.map(anchorOf), articles: [...articles] };
}

export function updateAction(actor: { id: string; name: string; type: ActorType }, name: string, type: ActorType): CorrectionAction | null {
  const n = name.trim();
  const patch = { ...(n && n !== actor.name ? { name: n } : {}), ...(type !== actor.type ? { type } : {}) };
  if (!('name' in patch) && !('type' in patch)) return null;
  return { op: 'actor.update', actor: actor.id, ...patch };
}

/** A short human description of a correction (status line, undo button). */
export function describeAction(a: CorrectionAction, actorName: (id: string) => string = (id) => id): string {
  const ref = (r: ActorRef) => ('id' in r ? actorName(r.id) : `new ${r.type} “${r.name}”`);
  const clip = (t: string) => (t.length > 40 ? `“${t.slice(0, 39)}…”` : `“${t}”`);
  switch (a.op) {
    case 'statement.speaker':
      return `speaker of ${clip(a.target.text)} → ${ref(a.speaker)}`;
    case 'statement.date':
      return `date of ${clip(a.target.text)} → ${a.date}`;
    case 'statement.kind':
      return `${clip(a.target.text)} is ${a.kind === 'direct' ? 'a quote' : 'reported speech'}`;
    case 'statement.span':
      return `span of ${clip(a.target.text)} → ${a.start}–${a.end}`;
    case 'statement.stance':
      return a.stance ? `${clip(a.target.text)}: ${a.stance} on ${a.issue}` : `${clip(a.target.text)}: not about ${a.issue}`;
    case 'statement.add':
      return `statement added for ${ref(a.speaker)}`;
    case 'statement.delete':
      return `deleted ${clip(a.target.text)}`;
    case 'actor.merge':
      return `merged ${actorName(a.from)} into ${actorName(a.into)}`;
    case 'actor.split':
      return `split ${a.statements.length + a.articles.length} item${a.statements.length + a.articles.length === 1 ? '' : 's'} off ${actorName(a.actor)} to ${ref(a.into)}`;
    case 'actor.update':
      return `${actorName(a.actor)} → ${[a.name, a.type].filter(Boolean).join(', ')}`;
    case 'article.reviewed':
      return a.reviewed ? 'article marked reviewed' : 'article unmarked';
    case 'undo':
      return `undo of ${a.correction}`;
  }
}

// ---- the queue -----------------------------------------------------------------------------

/** Reasons the server gives, in its order of uncertainty; unknown reasons follow, by name. */
export const QUEUE_REASONS: Readonly<Record<string, string>> = {
  'unresolved-speaker': 'Unresolved speaker',
  'rare-rule': 'Rare rule',
  'stance-disagreement': 'Stance disagrees',
  'publication-date': 'Dated by publication',
};

export function reasonLabel(reason: string): string {
  return QUEUE_REASONS[reason] ?? reason.replace(/[-_]+/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** The count chips: known reasons first (server order), then others, zero counts left out. */
export function queueChips(counts: Readonly<Record<string, number>>): { reason: string; label: string; count: number }[] {
  const known = Object.keys(QUEUE_REASONS);
  return Object.entries(counts)
    .filter(([r, n]) => r !== 'total' && n > 0)
    .sort(([a], [b]) => {
      const ia = known.indexOf(a);
      const ib = known.indexOf(b);
      return (ia < 0 ? known.length : ia) - (ib < 0 ? known.length : ib) || a.localeCompare(b);
    })
    .map(([reason, count]) => ({ reason, label: reasonLabel(reason), count }));
}

/** Queue items for a reason (null: all), keeping the server's order; reviewed ones leave. */
export function filterQueue<T extends { statement: { id: string; provenance?: unknown }; reasons: readonly string[] }>(items: readonly T[], reason: string | null): T[] {
  return items.filter((i) => !isReviewed(i.statement) && (reason === null || i.reasons.includes(reason)));
}

/** Ctrl/Cmd-Z outside text fields and editors (those keep their own undo). */
export function isUndoKey(e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }, targetIsText: boolean): boolean {
  return !targetIsText && (e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'z';
}
