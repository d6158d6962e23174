/**
 * The one meaning of the explorer's filters (type, issue, stance, date), over statement facets
 * (/api/views/facets). The graph (both views), the statement list and the timeline all ask this
 * module, so a filter hides the same things everywhere. The server's statement queries apply the
 * same rule (cypher/queries.ts statementMatch): issue and stance must hold on ONE ABOUT edge.
 */
import type { ActorType, Stance } from '../../../cypher/schema.ts';
import type { MonthRange } from './app-state.ts';
import { rangeDays } from './time-range.ts';

export interface Facet {
  id: string;
  speakerId: string;
  speakerType: ActorType;
  /** the person the statement rolls up to (itself for people, the office holder for "the office of X") */
  personId: string | null;
  dateFrom: string;
  dateTo: string;
  articleId: string;
  issues: readonly { id: string; stance: Stance }[];
}

export interface Filters {
  range: MonthRange | null;
  types: readonly ActorType[];
  issues: readonly string[];
  stances: readonly Stance[];
}

export const NO_FILTERS: Filters = { range: null, types: [], issues: [], stances: [] };

export function anyFilter(f: Filters): boolean {
  return Boolean(f.range || f.types.length || f.issues.length || f.stances.length);
}

/** Whether issue/stance/date filters are on (the ones that speak about statements, not actor types). */
export function statementFiltersOn(f: Filters): boolean {
  return Boolean(f.range || f.issues.length || f.stances.length);
}

/** Issue and stance on one ABOUT edge: "oppose on troop presence" is not "oppose on anything + about troops". */
export function aboutPasses(issues: Facet['issues'], f: Pick<Filters, 'issues' | 'stances'>): boolean {
  if (!f.issues.length && !f.stances.length) return true;
  return issues.some((i) => (!f.issues.length || f.issues.includes(i.id)) && (!f.stances.length || f.stances.includes(i.stance)));
}

/** A statement passes when its speaker's type, one of its issue/stance pairs, and its date all pass. */
export function statementPasses(s: Facet, f: Filters): boolean {
  return compiled(f)(s);
}

type Predicate = (s: Facet) => boolean;
const cache = new WeakMap<Filters, Predicate>();

/**
 * The filter as one predicate with its day bounds worked out once (a brush drag re-filters
 * 5,000 actors' statements per frame); cached per Filters object.
 */
function compiled(f: Filters): Predicate {
  let p = cache.get(f);
  if (p) return p;
  const days = f.range ? rangeDays(f.range) : null;
  const types = f.types.length ? new Set<string>(f.types) : null;
  const about = f.issues.length || f.stances.length;
  p = (s) => (!types || types.has(s.speakerType)) && (!about || aboutPasses(s.issues, f)) && (!days || (s.dateTo >= days.from && s.dateFrom <= days.to));
  cache.set(f, p);
  return p;
}

/** Per actor: the statements it made or that roll up to it. Built once per facets load. */
export class FacetIndex {
  readonly byId = new Map<string, Facet>();
  private readonly byActor = new Map<string, Facet[]>();

  constructor(readonly facets: readonly Facet[]) {
    for (const s of facets) {
      this.byId.set(s.id, s);
      this.push(s.speakerId, s);
      if (s.personId && s.personId !== s.speakerId) this.push(s.personId, s);
    }
  }

  private push(actor: string, s: Facet): void {
    let list = this.byActor.get(actor);
    if (!list) this.byActor.set(actor, (list = []));
    list.push(s);
  }

  of(actorId: string): readonly Facet[] {
    return this.byActor.get(actorId) ?? [];
  }

  private readonly untyped = new WeakMap<Filters, Filters>();

  /** Statements of an actor that pass everything but the type filter (its type is judged on the actor). */
  passingOf(actorId: string, f: Filters): Facet[] {
    return this.of(actorId).filter(compiled(this.withoutTypes(f)));
  }

  /** Whether any statement of the actor passes (everything but the type filter). */
  anyPassing(actorId: string, f: Filters): boolean {
    return this.of(actorId).some(compiled(this.withoutTypes(f)));
  }

  private withoutTypes(f: Filters): Filters {
    let g = this.untyped.get(f);
    if (!g) this.untyped.set(f, (g = { ...f, types: [] }));
    return g;
  }

  passing(f: Filters): Facet[] {
    return this.facets.filter(compiled(f));
  }
}

/**
 * Whether an actor passes: its type is among the chosen ones, and, when issue/stance filters are
 * on, it said (or a proxy said for it) a statement that passes them. The date range alone also
 * counts relations: `datedActivity` says whether the actor has something else dated in range.
 */
export function actorPasses(
  actorId: string,
  actorType: ActorType | undefined,
  f: Filters,
  index: FacetIndex,
  datedActivity?: (range: MonthRange) => boolean,
): boolean {
  if (f.types.length && !(actorType && f.types.includes(actorType))) return false;
  if (f.issues.length || f.stances.length) return index.anyPassing(actorId, f);
  if (f.range) return index.anyPassing(actorId, f) || (datedActivity?.(f.range) ?? false);
  return true;
}

const TYPE_WORDS: Record<ActorType, string> = { person: 'people', organization: 'organisations', country: 'countries', group: 'groups', anonymous: 'anonymous sources' };

/** "issue = US troop presence, stance = oppose, type = people, Jan 2011 – Dec 2012"; "" without filters. */
export function describeFilters(f: Filters, issueLabel: (id: string) => string, formatMonth: (m: string) => string): string {
  const parts: string[] = [];
  if (f.issues.length) parts.push(`issue = ${f.issues.map(issueLabel).join(' or ')}`);
  if (f.stances.length) parts.push(`stance = ${f.stances.join(' or ')}`);
  if (f.types.length) parts.push(`type = ${f.types.map((t) => TYPE_WORDS[t]).join(' or ')}`);
  if (f.range) parts.push(f.range.from === f.range.to ? formatMonth(f.range.from) : `${formatMonth(f.range.from)} – ${formatMonth(f.range.to)}`);
  return parts.join(', ');
}

/** "showing 42 of 100 actors: issue = troop presence" / "showing all 100 actors". */
export function showingText(shown: number, total: number, noun: string, description: string): string {
  if (!description && shown === total) return `showing all ${total.toLocaleString('en')} ${noun}`;
  return `showing ${shown.toLocaleString('en')} of ${total.toLocaleString('en')} ${noun}${description ? `: ${description}` : ''}`;
}
