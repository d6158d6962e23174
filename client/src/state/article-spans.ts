/** Article text split at statement spans (UTF-16 offsets, as stored), for provenance highlighting. */
export interface TextPiece {
  text: string;
  mark: 'selected' | 'other' | null;
  statementId: string | null;
}

/** Splits the text at statement spans; the selected span is marked, others only underlined. */
export function splitBySpans(text: string, spans: readonly { statementId: string; start: number; end: number }[], selected: string | null): TextPiece[] {
  const valid = spans
    .filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end)
    .sort((a, b) => a.start - b.start || (a.statementId === selected ? -1 : 1));
  const out: TextPiece[] = [];
  let pos = 0;
  for (const sp of valid) {
    if (sp.start < pos) continue; // overlapping span: the earlier (or selected) one wins
    if (sp.start > pos) out.push({ text: text.slice(pos, sp.start), mark: null, statementId: null });
    out.push({ text: text.slice(sp.start, sp.end), mark: sp.statementId === selected ? 'selected' : 'other', statementId: sp.statementId });
    pos = sp.end;
  }
  if (pos < text.length) out.push({ text: text.slice(pos), mark: null, statementId: null });
  return out;
}
