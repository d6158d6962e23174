/** DateValue helpers: a partial ISO date and the day range it covers. */
import type { DateValue } from '../types.ts';

export function dayValue(day: string): DateValue {
  return { value: day, granularity: 'day', from: day, to: day };
}
