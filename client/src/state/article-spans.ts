/** Article text split at statement spans (UTF-16 offsets, as stored), for provenance highlighting. */
export interface TextPiece {
  text: string;
  mark: 'selected' | 'other' | null;
  statementId: string | null;
}

/** Splits the text at statement spans; the selected span is marked, others only underlined. */
export function splitBySpans(text: string, spans: readonly { statementId: string; start: number; end: number }[], selected: string | null): TextPiece[] {
  const inText = spans.filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end);
  // the selected span always shows whole: spans overlapping it give way
  const sel = inText.find((s) => s.statementId === selected);
  const valid = inText
    .filter((s) => !sel || s === sel || s.end <= sel.start || s.start >= sel.end)
    .sort((a, b) => a.start - b.start || (a.statementId === selected ? -1 : 1));
  const out: TextPiece[] = [];
  let pos = 0;
  for (const sp of valid) {
    if (sp.start < pos) continue; // overlapping unselected spans: the earlier one wins
    if (sp.start > pos) out.push({ text: text.slice(pos, sp.start), mark: null, statementId: null });
    out.push({ text: text.slice(sp.start, sp.end), mark: sp.statementId === selected ? 'selected' : 'other', statementId: sp.statementId });
    pos = sp.end;
  }
  if (pos < text.length) out.push({ text: text.slice(pos), mark: null, statementId: null });
  return out;
}

/**
 * Where a relation's evidence sits in its article: the stored offsets when they hold the evidence,
 * else the first occurrence of its text (a clipped "…" form matches by its prefix); null if absent.
 */
export function evidenceSpan(text: string, evidence: string | null | undefined, start?: number | null, end?: number | null): { start: number; end: number } | null {
  const clean = (evidence ?? '').replace(/…$/, '').trim();
  if (typeof start === 'number' && typeof end === 'number' && start >= 0 && end <= text.length && start < end) {
    if (!clean || text.slice(start, end).includes(clean.slice(0, 40))) return { start, end };
  }
  if (!clean) return null;
  const at = text.indexOf(clean);
  if (at >= 0) return { start: at, end: at + clean.length };
  return null;
}
