/**
 * The timeline strip: statements per month as an SVG histogram, with a brush to pick a month range.
 * Pointer: drag on the strip to draw a range, drag a handle to move one end, drag inside to slide.
 * Keyboard: each handle is a slider (arrows = a month, PageUp/PageDown = a year, Home/End).
 */
import { h, s, clear } from '../dom.ts';
import type { MonthRange } from '../state/app-state.ts';
import {
  clampMonth,
  formatMonth,
  monthFromIndex,
  monthHistogram,
  monthIndex,
  normaliseRange,
  stepHandle,
  type Dated,
  type MonthBin,
} from '../state/time-range.ts';

export interface TimelineStripOptions {
  onChange: (range: MonthRange | null, final: boolean) => void;
}

const PAD_X = 12;
const AXIS_H = 16;

export class TimelineStrip {
  readonly el: HTMLElement;
  private readonly svg: SVGSVGElement;
  private bins: MonthBin[] = [];
  private domain: MonthRange = { from: '2008-01', to: '2024-12' };
  private range: MonthRange | null = null;
  private width = 800;
  private readonly height: number;
  private readonly handleFrom: HTMLElement;
  private readonly handleTo: HTMLElement;
  private readonly selection: HTMLElement;
  private readonly caption: HTMLElement;
  private readonly clearBtn: HTMLButtonElement;
  private drag: { mode: 'new' | 'from' | 'to' | 'move'; anchor: number; start: MonthRange } | null = null;

  constructor(height: number, private readonly opts: TimelineStripOptions) {
    this.height = height;
    this.svg = s('svg', { class: 'timeline-svg', height, 'aria-hidden': 'true' });
    this.selection = h('div', { class: 'brush-selection', hidden: true });
    this.handleFrom = this.makeHandle('from', 'Start of date range');
    this.handleTo = this.makeHandle('to', 'End of date range');
    this.caption = h('span', { class: 'timeline-caption', 'aria-live': 'polite', 'data-testid': 'range-caption' });
    this.clearBtn = h('button', { type: 'button', class: 'link-button', 'data-testid': 'clear-range', hidden: true }, 'Clear date range');
    this.clearBtn.addEventListener('click', () => this.set(null, true));
    const area = h('div', { class: 'timeline-area', 'data-testid': 'timeline' }, this.svg, this.selection, this.handleFrom, this.handleTo);
    area.style.height = `${height}px`;
    this.el = h(
      'section',
      { class: 'timeline', 'aria-label': 'Timeline of statements' },
      h('div', { class: 'timeline-head' }, h('h2', {}, 'Statements over time'), this.caption, this.clearBtn, h('span', { class: 'muted small' }, 'Drag on the bars to pick a range; handles move with arrow keys.')),
      area,
    );
    area.addEventListener('pointerdown', (e) => this.pointerDown(e, area));
    area.addEventListener('pointermove', (e) => this.pointerMove(e, area));
    area.addEventListener('pointerup', (e) => this.pointerUp(e, area));
    area.addEventListener('pointercancel', (e) => this.pointerUp(e, area));
    new ResizeObserver(() => {
      const w = area.clientWidth;
      if (w > 0 && w !== this.width) {
        this.width = w;
        this.draw();
      }
    }).observe(area);
  }

  private makeHandle(which: 'from' | 'to', label: string): HTMLElement {
    const el = h('div', { class: `brush-handle brush-${which}`, role: 'slider', tabindex: 0, 'aria-label': label, 'data-testid': `brush-${which}` });
    el.addEventListener('keydown', (e) => {
      const base = this.range ?? this.domain;
      const next = stepHandle(base, which, e.key, this.domain);
      if (!next) return;
      e.preventDefault();
      this.set(normaliseRange(next, this.domain), true);
    });
    return el;
  }

  setData(items: readonly Dated[], domain: MonthRange): void {
    this.domain = domain;
    this.bins = monthHistogram(items, domain);
    this.draw();
  }

  getRange(): MonthRange | null {
    return this.range;
  }

  /** Sets the range without notifying when `notify` is false (restoring from the URL). */
  set(range: MonthRange | null, notify: boolean, final = true): void {
    this.range = range ? { from: clampMonth(range.from, this.domain), to: clampMonth(range.to, this.domain) } : null;
    this.drawBrush();
    if (notify) this.opts.onChange(this.range, final);
  }

  private x(month: string, edge: 'start' | 'end'): number {
    const n = monthIndex(this.domain.to) - monthIndex(this.domain.from) + 1;
    const i = monthIndex(month) - monthIndex(this.domain.from) + (edge === 'end' ? 1 : 0);
    return PAD_X + ((this.width - 2 * PAD_X) * i) / n;
  }

  private monthAt(px: number): string {
    const n = monthIndex(this.domain.to) - monthIndex(this.domain.from) + 1;
    const i = Math.floor(((px - PAD_X) / Math.max(1, this.width - 2 * PAD_X)) * n);
    return clampMonth(monthFromIndex(monthIndex(this.domain.from) + i), this.domain);
  }

  private draw(): void {
    clear(this.svg);
    this.svg.setAttribute('width', String(this.width));
    this.svg.setAttribute('viewBox', `0 0 ${this.width} ${this.height}`);
    const barArea = this.height - AXIS_H - 4;
    const max = Math.max(1, ...this.bins.map((b) => b.count));
    const inRange = (m: string) => !this.range || (m >= this.range.from && m <= this.range.to);
    for (const b of this.bins) {
      if (!b.count) continue;
      const x0 = this.x(b.month, 'start');
      const x1 = this.x(b.month, 'end');
      const bh = Math.max(2, (barArea * b.count) / max);
      this.svg.append(
        s('rect', { x: x0, y: barArea - bh + 4, width: Math.max(1, x1 - x0 - 0.5), height: bh, class: inRange(b.month) ? 'bar' : 'bar bar-out' }),
      );
    }
    // one tick per year, labels every 2 years (every year if wide enough)
    const firstYear = Number(this.domain.from.slice(0, 4));
    const lastYear = Number(this.domain.to.slice(0, 4));
    const every = this.width / (lastYear - firstYear + 1) > 48 ? 1 : 2;
    for (let y = firstYear; y <= lastYear; y++) {
      const x = this.x(`${y}-01`, 'start');
      this.svg.append(s('line', { x1: x, x2: x, y1: barArea + 4, y2: barArea + 8, class: 'tick' }));
      if ((y - firstYear) % every === 0) {
        const t = s('text', { x: x + 2, y: this.height - 3, class: 'tick-label' });
        t.textContent = String(y);
        this.svg.append(t);
      }
    }
    this.svg.append(s('line', { x1: PAD_X, x2: this.width - PAD_X, y1: barArea + 4, y2: barArea + 4, class: 'axis' }));
    this.drawBrush();
  }

  private drawBrush(): void {
    const r = this.range ?? this.domain;
    const x0 = this.x(r.from, 'start');
    const x1 = this.x(r.to, 'end');
    this.selection.hidden = this.range === null;
    this.selection.style.left = `${x0}px`;
    this.selection.style.width = `${Math.max(2, x1 - x0)}px`;
    this.handleFrom.style.left = `${x0 - 6}px`;
    this.handleTo.style.left = `${x1 - 6}px`;
    const domainMin = monthIndex(this.domain.from);
    const domainMax = monthIndex(this.domain.to);
    for (const [el, m] of [[this.handleFrom, r.from], [this.handleTo, r.to]] as const) {
      el.setAttribute('aria-valuemin', String(domainMin));
      el.setAttribute('aria-valuemax', String(domainMax));
      el.setAttribute('aria-valuenow', String(monthIndex(m)));
      el.setAttribute('aria-valuetext', formatMonth(m));
    }
    this.clearBtn.hidden = this.range === null;
    this.caption.textContent = this.range ? `${formatMonth(this.range.from)} – ${formatMonth(this.range.to)}` : 'All dates';
    // re-tint bars without redrawing the axis
    const inRange = (m: string) => !this.range || (m >= this.range.from && m <= this.range.to);
    let i = 0;
    const bars = this.svg.querySelectorAll('rect');
    for (const b of this.bins) {
      if (!b.count) continue;
      bars[i++]?.setAttribute('class', inRange(b.month) ? 'bar' : 'bar bar-out');
    }
  }

  private localX(e: PointerEvent, area: HTMLElement): number {
    return e.clientX - area.getBoundingClientRect().left;
  }

  private pointerDown(e: PointerEvent, area: HTMLElement): void {
    if (e.button !== 0) return;
    const x = this.localX(e, area);
    const start = this.range ?? this.domain;
    let mode: 'new' | 'from' | 'to' | 'move' = 'new';
    if (e.target === this.handleFrom) mode = 'from';
    else if (e.target === this.handleTo) mode = 'to';
    else if (this.range && e.target === this.selection) mode = 'move';
    this.drag = { mode, anchor: x, start };
    area.setPointerCapture(e.pointerId);
    e.preventDefault();
  }

  private pointerMove(e: PointerEvent, area: HTMLElement): void {
    if (!this.drag) return;
    const next = this.dragRange(this.localX(e, area));
    if (next) this.set(next, true, false);
  }

  private pointerUp(e: PointerEvent, area: HTMLElement): void {
    if (!this.drag) return;
    const x = this.localX(e, area);
    const moved = Math.abs(x - this.drag.anchor) > 3;
    const next = moved ? this.dragRange(x) : this.drag.mode === 'new' ? null : this.range;
    this.drag = null;
    if (area.hasPointerCapture(e.pointerId)) area.releasePointerCapture(e.pointerId);
    this.set(next ? normaliseRange(next, this.domain) : null, true, true);
  }

  private dragRange(x: number): MonthRange | null {
    if (!this.drag) return null;
    const { mode, anchor, start } = this.drag;
    const m = this.monthAt(x);
    if (mode === 'new') {
      const a = this.monthAt(anchor);
      return a <= m ? { from: a, to: m } : { from: m, to: a };
    }
    if (mode === 'from') return { from: m <= start.to ? m : start.to, to: start.to };
    if (mode === 'to') return { from: start.from, to: m >= start.from ? m : start.from };
    const delta = monthIndex(m) - monthIndex(this.monthAt(anchor));
    const len = monthIndex(start.to) - monthIndex(start.from);
    let from = monthIndex(start.from) + delta;
    from = Math.max(monthIndex(this.domain.from), Math.min(from, monthIndex(this.domain.to) - len));
    return { from: monthFromIndex(from), to: monthFromIndex(from + len) };
  }
}
