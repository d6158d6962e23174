/**
 * AppState <-> URL query string. Decoding is forgiving: unknown or malformed values are dropped
 * (a hand-edited link still opens), and encoding omits defaults so links stay short.
 */
import type { ActorType, Stance } from '../../../cypher/schema.ts';
import { ACTOR_TYPES, STANCES } from './vocab.ts';
import { DEFAULT_STATE, TABS, type AppState, type MonthRange, type Tab } from './app-state.ts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
// anonymous sources have article-scoped ids ("us-official@286c73e0")
const ID = /^[\w.:@-]{1,200}$/;
const MAX_QUERY = 20000;

function list<T extends string>(raw: string | null, allowed: readonly T[] | null): T[] {
  if (!raw) return [];
  const out: T[] = [];
  for (const part of raw.split(',')) {
    const v = part.trim();
    if (!v || out.includes(v as T)) continue;
    if (allowed ? (allowed as readonly string[]).includes(v) : ID.test(v)) out.push(v as T);
  }
  return out;
}

function range(from: string | null, to: string | null): MonthRange | null {
  if (!from || !to || !MONTH.test(from) || !MONTH.test(to)) return null;
  return from <= to ? { from, to } : { from: to, to: from };
}

function pairOf(raw: string | null): [string, string] | null {
  const parts = (raw ?? '').split('~');
  if (parts.length !== 2 || !parts.every((p) => ID.test(p)) || parts[0] === parts[1]) return null;
  return [parts[0]!, parts[1]!];
}

const flag = (raw: string | null, dflt: boolean) => (raw === '1' ? true : raw === '0' ? false : dflt);

export function decodeState(search: string): AppState {
  const q = new URLSearchParams(search);
  const view = q.get('view');
  const tab = q.get('tab');
  const actor = q.get('actor');
  const query = q.get('q');
  return {
    view: view === 'claims' ? 'claims' : 'actors',
    tab: (TABS as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'graph',
    actor: actor && ID.test(actor) ? actor : null,
    pair: pairOf(q.get('pair')),
    range: range(q.get('from'), q.get('to')),
    types: list<ActorType>(q.get('types'), ACTOR_TYPES),
    issues: list<string>(q.get('issues'), null),
    stances: list<Stance>(q.get('stances'), STANCES),
    sizeBy: q.get('size') === 'statements' ? 'statements' : 'degree',
    speaksAbout: flag(q.get('speaks'), DEFAULT_STATE.speaksAbout),
    isolated: flag(q.get('isolated'), DEFAULT_STATE.isolated),
    group: q.get('group') === 'office' ? 'office' : 'actor',
    changesBy: q.get('changes') === 'office' ? 'office' : 'actor',
    query: query && query.length <= MAX_QUERY ? query : null,
  };
}

/** Returns "?a=b…" or "" when everything is at its default. */
export function encodeState(state: AppState): string {
  const q = new URLSearchParams();
  if (state.view !== DEFAULT_STATE.view) q.set('view', state.view);
  if (state.tab !== DEFAULT_STATE.tab) q.set('tab', state.tab);
  if (state.actor) q.set('actor', state.actor);
  if (state.pair) q.set('pair', state.pair.join('~'));
  if (state.range) {
    q.set('from', state.range.from);
    q.set('to', state.range.to);
  }
  if (state.types.length) q.set('types', state.types.join(','));
  if (state.issues.length) q.set('issues', state.issues.join(','));
  if (state.stances.length) q.set('stances', state.stances.join(','));
  if (state.sizeBy !== DEFAULT_STATE.sizeBy) q.set('size', state.sizeBy);
  if (state.speaksAbout !== DEFAULT_STATE.speaksAbout) q.set('speaks', state.speaksAbout ? '1' : '0');
  if (state.isolated !== DEFAULT_STATE.isolated) q.set('isolated', state.isolated ? '1' : '0');
  if (state.group !== DEFAULT_STATE.group) q.set('group', state.group);
  if (state.changesBy !== DEFAULT_STATE.changesBy) q.set('changes', state.changesBy);
  if (state.query) q.set('q', state.query);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function sameState(a: AppState, b: AppState): boolean {
  return encodeState(a) === encodeState(b);
}

/**
 * Whether moving from `prev` to `next` deserves its own history entry: discrete choices do,
 * continuous ones (brush dragging, typing a query) replace the current entry.
 */
export function isHistoryWorthy(prev: AppState, next: AppState): boolean {
  return (
    prev.view !== next.view ||
    prev.tab !== next.tab ||
    prev.actor !== next.actor ||
    prev.pair?.join() !== next.pair?.join() ||
    prev.sizeBy !== next.sizeBy ||
    prev.speaksAbout !== next.speaksAbout ||
    prev.isolated !== next.isolated ||
    prev.group !== next.group ||
    prev.changesBy !== next.changesBy ||
    prev.types.join() !== next.types.join() ||
    prev.issues.join() !== next.issues.join() ||
    prev.stances.join() !== next.stances.join()
  );
}
