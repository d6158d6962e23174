/** Draws stanceChart() rows as SVG: x = time, one row per issue, a mark per position coloured by stance. */
import { s } from '../dom.ts';
import { STANCE_COLORS } from '../settings.ts';
import { dayFraction, type StanceChart } from '../state/stance-chart.ts';

const ROW_H = 22;
const LABEL_W = 120;

export function stanceChartSvg(chart: StanceChart, width: number): SVGSVGElement | null {
  if (!chart.extent || !chart.rows.length) return null;
  const extent = chart.extent;
  const height = chart.rows.length * ROW_H + 18;
  const plotW = Math.max(40, width - LABEL_W - 12);
  // scales down with its panel (width 100%, viewBox keeps proportions): it never overflows
  const svg = s('svg', { class: 'stance-chart', width: '100%', viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'xMinYMin meet', role: 'img', 'data-testid': 'stance-chart' });
  const desc: string[] = [];
  chart.rows.forEach((row, r) => {
    const y = r * ROW_H + ROW_H / 2;
    const label = s('text', { x: 0, y: y + 4, class: 'row-label' });
    label.textContent = row.label.length > 18 ? `${row.label.slice(0, 17)}…` : row.label;
    svg.append(label, s('line', { x1: LABEL_W, x2: LABEL_W + plotW, y1: y, y2: y, class: 'row-line' }));
    for (const m of row.marks) {
      const x0 = LABEL_W + plotW * dayFraction(m.dateFrom, extent);
      const x1 = LABEL_W + plotW * dayFraction(m.dateTo, extent);
      const x = (x0 + x1) / 2;
      // a thin bar shows how uncertain the date is; the dot is the mark
      if (x1 - x0 > 2) svg.append(s('line', { x1: x0, x2: x1, y1: y, y2: y, stroke: STANCE_COLORS[m.stance], 'stroke-width': 4, 'stroke-opacity': 0.5 }));
      const dot = s('circle', { cx: x, cy: y, r: 5, fill: STANCE_COLORS[m.stance], class: 'mark' });
      const title = s('title');
      title.textContent = `${row.label}: ${m.stance} (${m.dateFrom === m.dateTo ? m.dateFrom : `${m.dateFrom} – ${m.dateTo}`})${m.evidence ? ` — “${m.evidence}”` : ''}`;
      dot.append(title);
      svg.append(dot);
    }
    desc.push(`${row.label}: ${row.marks.map((m) => `${m.stance} ${m.dateFrom.slice(0, 7)}`).join(', ')}${row.changes ? ` (changed ${row.changes}×)` : ''}`);
  });
  const axisY = chart.rows.length * ROW_H + 12;
  for (const [t, anchor, x] of [[extent.from, 'start', LABEL_W], [extent.to, 'end', LABEL_W + plotW]] as const) {
    const el = s('text', { x, y: axisY, 'text-anchor': anchor, class: 'axis-label' });
    el.textContent = t.slice(0, 7);
    svg.append(el);
  }
  svg.setAttribute('aria-label', `Positions over time. ${desc.join('. ')}`);
  return svg;
}
