/** Review mode's pure producers (client/src/review/review-state.ts): edits → corrections, undo stack, queue. */
import { describe, expect, it } from 'vitest';
import { CorrectionAction } from '../../ingest/review/corrections.ts';
import {
  INITIAL_REVIEW,
  UNDO_DEPTH,
  addAction,
  begin,
  cancelEdit,
  describeAction,
  editActions,
  failed,
  filterQueue,
  isUndoKey,
  lastUndo,
  mergeAction,
  parseDate,
  queueChips,
  recorded,
  setMode,
  setQueueReason,
  spanAction,
  splitAction,
  startEdit,
  undone,
  updateAction,
  type ReviewableStatement,
} from '../../client/src/review/review-state.ts';

const st: ReviewableStatement = {
  id: 'st_1',
  text: 'all troops will leave',
  kind: 'direct',
  date: '2011-10-21',
  start: 40,
  end: 61,
  speaker: { id: 'person:barack-obama', name: 'Barack Obama' },
  article: { id: 'art_0123456789abcdef' },
  issues: [{ id: 'troops', stance: 'support' }],
};
const same = { speaker: null, date: st.date, kind: st.kind, stances: { troops: 'support' as const } };

describe('editActions', () => {
  it('an unchanged form makes no correction', () => {
    expect(editActions(st, same)).toEqual({ ok: true, actions: [] });
    // picking the same speaker again is no change either
    expect(editActions(st, { ...same, speaker: { id: st.speaker.id } })).toEqual({ ok: true, actions: [] });
  });

  it('one correction per changed field, each anchored on the statement, and each valid for the server schema', () => {
    const r = editActions(st, { speaker: { id: 'person:nouri-al-maliki' }, date: ' 2011-10 ', kind: 'indirect', stances: { troops: null } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.actions.map((a) => a.op)).toEqual(['statement.speaker', 'statement.date', 'statement.kind', 'statement.stance']);
    for (const a of r.actions) {
      expect(CorrectionAction.safeParse(a).success).toBe(true);
      expect('target' in a && a.target).toEqual({ id: 'st_1', articleId: st.article.id, start: 40, end: 61, text: st.text });
    }
    expect(r.actions[1]).toMatchObject({ date: '2011-10' });
    expect(r.actions[3]).toMatchObject({ issue: 'troops', stance: null });
  });

  it('a new speaker is named with a type; a stance on a further issue is added', () => {
    const r = editActions(st, { ...same, speaker: { name: 'Olivier Le Gall', type: 'person' }, stances: { troops: 'support', 'oil-deal': 'oppose' } });
    expect(r.ok && r.actions).toEqual([
      { op: 'statement.speaker', target: expect.any(Object), speaker: { name: 'Olivier Le Gall', type: 'person' } },
      { op: 'statement.stance', target: expect.any(Object), issue: 'oil-deal', stance: 'oppose' },
    ]);
  });

  it('refuses a bad date or a blank new name, saying which field', () => {
    expect(editActions(st, { ...same, date: '2011-02-30' })).toMatchObject({ ok: false, field: 'date' });
    expect(editActions(st, { ...same, date: 'last Friday' })).toMatchObject({ ok: false, field: 'date' });
    expect(editActions(st, { ...same, speaker: { name: '  ', type: 'person' } })).toMatchObject({ ok: false, field: 'speaker' });
  });
});

describe('parseDate', () => {
  it('takes the three granularities and real days only', () => {
    expect(['2011', '2011-10', '2012-02-29'].map(parseDate)).toEqual(['2011', '2011-10', '2012-02-29']);
    expect(['2011-13', '2011-02-29', '2011-10-32', '11-10-21', '2011/10/21', ''].map(parseDate)).toEqual([null, null, null, null, null, null]);
  });
});

describe('other builders', () => {
  it('span, add, merge, split and update produce schema-valid corrections, or null when they would change nothing', () => {
    const span = spanAction(st, { start: 38, end: 62 });
    const add = addAction(st.article.id, { start: 100, end: 130 }, 'indirect', { id: 'person:leon-panetta' }, ' said ');
    const merge = mergeAction('person:le-gall', 'person:olivier-le-gall');
    const split = splitAction('person:le-gall', { name: 'Jean Le Gall', type: 'person' }, [st], []);
    const update = updateAction({ id: 'person:sff', name: 'Scottish Fishermen’s Federation', type: 'person' }, 'Scottish Fishermen’s Federation', 'organization');
    for (const a of [span, add, merge, split, update]) expect(CorrectionAction.safeParse(a).success, JSON.stringify(a)).toBe(true);
    expect(add).toMatchObject({ cue: 'said' });
    expect(update).toEqual({ op: 'actor.update', actor: 'person:sff', type: 'organization' });
    expect(spanAction(st, { start: 40, end: 61 })).toBeNull();
    expect(spanAction(st, { start: 50, end: 50 })).toBeNull();
    expect(mergeAction('a', 'a')).toBeNull();
    expect(splitAction('a', { id: 'a' }, [st], [])).toBeNull();
    expect(splitAction('a', { id: 'b' }, [], [])).toBeNull();
    expect(updateAction({ id: 'a', name: 'A', type: 'person' }, ' A ', 'person')).toBeNull();
    expect('cue' in addAction(st.article.id, { start: 1, end: 2 }, 'direct', { id: 'x' }, '  ')).toBe(false);
  });

  it('describes corrections with actor names', () => {
    const names = (id: string) => ({ 'person:le-gall': 'Le Gall', 'person:olivier-le-gall': 'Olivier Le Gall' })[id] ?? id;
    expect(describeAction(mergeAction('person:le-gall', 'person:olivier-le-gall')!, names)).toBe('merged Le Gall into Olivier Le Gall');
    const sp = editActions(st, { ...same, speaker: { id: 'person:olivier-le-gall' } });
    expect(sp.ok && describeAction(sp.actions[0]!, names)).toBe('speaker of “all troops will leave” → Olivier Le Gall');
  });
});

describe('review state', () => {
  it('edits open only in review mode and close when it is left', () => {
    expect(startEdit(INITIAL_REVIEW, 'st_1').editing).toBeNull();
    const on = startEdit(setMode(INITIAL_REVIEW, true), 'st_1');
    expect(on.editing).toBe('st_1');
    expect(cancelEdit(on).editing).toBeNull();
    expect(setMode(on, false).editing).toBeNull();
    // no second edit while a write is in flight
    expect(startEdit(begin(setMode(INITIAL_REVIEW, true)), 'st_1').editing).toBeNull();
  });

  it('undo takes back one reviewer action (all its corrections) at a time, newest first', () => {
    let s = begin(setMode(INITIAL_REVIEW, true));
    s = recorded(s, ['cor_a'], 'first');
    expect(s.busy).toBe(false);
    s = recorded(begin(s), ['cor_b', 'cor_c'], 'second');
    expect(lastUndo(s)).toEqual({ ids: ['cor_b', 'cor_c'], label: 'second' });
    s = undone(begin(s));
    expect(lastUndo(s)?.label).toBe('first');
    expect(s.message).toEqual({ kind: 'ok', text: 'Undone: second.' });
    s = undone(s);
    expect(lastUndo(s)).toBeNull();
    expect(undone(s).undo).toEqual([]);
    // nothing recorded: nothing to undo
    expect(recorded(s, [], 'x').undo).toEqual([]);
  });

  it('keeps the newest UNDO_DEPTH actions; a failure keeps the stack and says why', () => {
    let s = INITIAL_REVIEW;
    for (let i = 0; i < UNDO_DEPTH + 5; i++) s = recorded(s, [`cor_${i}`], `n${i}`);
    expect(s.undo.length).toBe(UNDO_DEPTH);
    expect(s.undo[0]!.label).toBe('n5');
    const f = failed(begin(s), 'Unauthorized');
    expect(f).toMatchObject({ busy: false, message: { kind: 'error', text: 'Unauthorized' } });
    expect(f.undo).toBe(s.undo);
  });

  it('picking the active queue reason again clears it', () => {
    const s = setQueueReason(INITIAL_REVIEW, 'rare-rule');
    expect(s.queueReason).toBe('rare-rule');
    expect(setQueueReason(s, 'rare-rule').queueReason).toBeNull();
    expect(setQueueReason(s, 'unresolved-speaker').queueReason).toBe('unresolved-speaker');
  });
});

describe('queue', () => {
  it('chips: known reasons in uncertainty order, then the rest by name; zero and total left out', () => {
    const chips = queueChips({ total: 9, 'stance-disagreement': 2, zeta: 1, 'unresolved-speaker': 5, alpha: 1, 'rare-rule': 0 });
    expect(chips.map((c) => c.reason)).toEqual(['unresolved-speaker', 'stance-disagreement', 'alpha', 'zeta']);
    expect(chips[0]).toEqual({ reason: 'unresolved-speaker', label: 'Unresolved speaker', count: 5 });
    expect(chips[2]!.label).toBe('Alpha');
  });

  it('filters by reason in the server order and drops reviewed statements', () => {
    const items = [
      { statement: { id: 'a' }, reasons: ['rare-rule'] },
      { statement: { id: 'b', provenance: 'reviewed' }, reasons: ['rare-rule'] },
      { statement: { id: 'c', provenance: 'machine' }, reasons: ['unresolved-speaker', 'rare-rule'] },
    ];
    expect(filterQueue(items, 'rare-rule').map((i) => i.statement.id)).toEqual(['a', 'c']);
    expect(filterQueue(items, 'unresolved-speaker').map((i) => i.statement.id)).toEqual(['c']);
    expect(filterQueue(items, null).map((i) => i.statement.id)).toEqual(['a', 'c']);
  });
});

describe('isUndoKey', () => {
  const k = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
  it('Ctrl-Z and Cmd-Z, not in text fields, not with Shift (redo) or alone', () => {
    expect(isUndoKey(k('z', { ctrlKey: true }), false)).toBe(true);
    expect(isUndoKey(k('Z', { metaKey: true }), false)).toBe(true);
    expect(isUndoKey(k('z', { ctrlKey: true }), true)).toBe(false);
    expect(isUndoKey(k('z', { ctrlKey: true, shiftKey: true }), false)).toBe(false);
    expect(isUndoKey(k('z'), false)).toBe(false);
  });
});
