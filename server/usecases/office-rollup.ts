/**
 * Read-side roll-up of statements to people: a statement by "the office of Iraq Prime Minister
 * Mohammed Shia al-Sudani" or by "a spokesperson for the prime minister" is the office holder's,
 * so views can group it under that person and that office. Pure: the use case feeds it the
 * speakers, the people, the holds_office relations and the speaks_for relations read from the store.
 *
 * Ingest stores a dated `speaks_for` relation (proxy → person, ingest/stages/speaks-for.ts); when
 * one covers a statement it decides. Stores written before that stage existed have none, so the
 * same resolution is repeated here from names and holds_office relations as a fallback.
 */
import { foldName, proxyTarget } from '../../ingest/stages/speaks-for.ts';

export { proxyTarget };

/** One holds_office relation: `holderId` is said to hold `title` of `orgName` in an article at a date. */
export interface Tenure {
  holderId: string;
  holderName: string;
  title: string;
  orgId: string;
  orgName: string;
  dateFrom: string;
  dateTo: string;
  articleId: string;
}

export interface Person {
  id: string;
  name: string;
  aliases: readonly string[];
}

export interface Speaker {
  id: string;
  name: string;
  type: string;
}

export interface DatedIn {
  dateFrom: string;
  dateTo: string;
  articleId: string;
}

/** One stored speaks_for relation: `proxyId` speaks for `personId` in an article at a date. */
export interface SpeaksForLink {
  proxyId: string;
  personId: string;
  personName: string;
  /** the office it speaks for (null when the proxy names the person but no office is known) */
  title: string | null;
  /** the ingest rule: speaks-for.named (the proxy names the person), .office, .seat */
  rule: string | null;
  dateFrom: string;
  dateTo: string;
  articleId: string;
}

export interface RollUp {
  id: string;
  name: string;
  via: 'self' | 'name' | 'office';
  office: string | null;
}

export const fold = foldName;

const words = (s: string) => fold(s).replace(/'s\b/g, '').split(' ').filter(Boolean);

/** Whether every word of `needle` occurs, in order and contiguous, in `hay` (both as word lists). */
function containsPhrase(hay: readonly string[], needle: readonly string[]): boolean {
  if (!needle.length || needle.length > hay.length) return false;
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

// words that say nothing about which office is meant
const FILLER = new Set(['the', 'of', 'a', 'an', 'and', 'for', 's']);

/** How far a tenure's date is from a statement's (days; 0 when they overlap). */
function distance(t: Pick<Tenure, 'dateFrom' | 'dateTo'>, d: Pick<DatedIn, 'dateFrom' | 'dateTo'>): number {
  if (t.dateTo < d.dateFrom) return (Date.parse(d.dateFrom) - Date.parse(t.dateTo)) / 864e5;
  if (t.dateFrom > d.dateTo) return (Date.parse(t.dateFrom) - Date.parse(d.dateTo)) / 864e5;
  return 0;
}

/**
 * The tenure of `holderId` (or, without one, any holder) nearest to the statement: the same
 * article first (the article says who held it then), then the closest date.
 */
function nearestTenure(tenures: readonly Tenure[], d: DatedIn, accept: (t: Tenure) => boolean): Tenure | null {
  let best: Tenure | null = null;
  let bestKey = Infinity;
  for (const t of tenures) {
    if (!accept(t)) continue;
    const key = (t.articleId === d.articleId ? 0 : 1e7) + distance(t, d);
    if (key < bestKey || (key === bestKey && best && t.holderId < best.holderId)) {
      best = t;
      bestKey = key;
    }
  }
  return best;
}

const officeLabel = (t: Tenure) => (fold(t.title).includes(fold(t.orgName)) ? t.title : `${t.title} (${t.orgName})`);

export class OfficeRollUp {
  private readonly people: { id: string; name: string; forms: string[][] }[];
  private readonly links = new Map<string, SpeaksForLink[]>();

  constructor(
    people: readonly Person[],
    private readonly tenures: readonly Tenure[],
    links: readonly SpeaksForLink[] = [],
  ) {
    for (const l of links) {
      const list = this.links.get(l.proxyId) ?? [];
      list.push(l);
      this.links.set(l.proxyId, list);
    }
    // one-word forms ("Maliki") count as names too; forms of fewer than 4 letters are too ambiguous
    this.people = people.map((p) => ({
      id: p.id,
      name: p.name,
      forms: [p.name, ...p.aliases].map(words).filter((w) => w.join('').length >= 4 && !w.every((x) => FILLER.has(x) || x === 'prime' || x === 'minister' || x === 'president')),
    }));
  }

  /** The office `personId` held around the statement's date (as the articles name it), or null. */
  officeOf(personId: string, d: DatedIn): string | null {
    const t = nearestTenure(this.tenures, d, (x) => x.holderId === personId);
    return t ? officeLabel(t) : null;
  }

  /** The person a statement by `speaker` rolls up to, or null (a country, a group, an unnamed official). */
  resolve(speaker: Speaker, d: DatedIn): RollUp | null {
    if (speaker.type === 'person') return { id: speaker.id, name: speaker.name, via: 'self', office: this.officeOf(speaker.id, d) };
    // a stored speaks_for of the same article, nearest in date (ingest dates it at each statement)
    let link: SpeaksForLink | null = null;
    let linkKey = Infinity;
    for (const l of this.links.get(speaker.id) ?? []) {
      if (l.articleId !== d.articleId) continue;
      const key = distance({ dateFrom: l.dateFrom, dateTo: l.dateTo }, d);
      if (key < linkKey) [link, linkKey] = [l, key];
    }
    if (link) return { id: link.personId, name: link.personName, via: link.rule === 'speaks-for.named' ? 'name' : 'office', office: link.title ?? this.officeOf(link.personId, d) };
    const target = proxyTarget(speaker.name);
    if (!target) return null;
    const tw = words(target);
    // a person named in the proxy's name: the longest name wins ("Mohammed Shia al-Sudani" over "Sudani")
    let named: { id: string; name: string; len: number } | null = null;
    for (const p of this.people) {
      for (const f of p.forms) {
        if (containsPhrase(tw, f) && (!named || f.length > named.len)) named = { id: p.id, name: p.name, len: f.length };
      }
    }
    if (named) return { id: named.id, name: named.name, via: 'name', office: this.officeOf(named.id, d) };
    // an office named in it: every meaningful word of the target is in the title or its organisation's name
    const meaningful = tw.filter((w) => !FILLER.has(w));
    if (!meaningful.length) return null;
    const t = nearestTenure(this.tenures, d, (x) => {
      const hay = new Set([...words(x.title), ...words(x.orgName)]);
      return meaningful.every((w) => hay.has(w));
    });
    return t ? { id: t.holderId, name: t.holderName, via: 'office', office: officeLabel(t) } : null;
  }
}
