/** The "reviewed" mark shown beside a statement wherever statements are listed. */
import { h } from '../dom.ts';
import { isReviewed } from './review-state.ts';

export function reviewedBadge(st: { id: string; provenance?: unknown }): HTMLElement | null {
  return isReviewed(st) ? h('span', { class: 'reviewed-badge', title: 'Checked or corrected by a reviewer', 'data-testid': 'reviewed-badge' }, '✓ reviewed') : null;
}
