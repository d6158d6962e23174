/**
 * Read-side roll-up of statements to people: a statement by "the office of Iraq Prime Minister
 * Mohammed Shia al-Sudani" or by "a spokesperson for the prime minister" is the office holder's,
 * so views can group it under that person and that office. Pure: the use case feeds it the
 * speakers, the people and the holds_office relations read from the store.
 *
 * The ingest side should eventually emit a dated SPEAKS_FOR relation (proxy → person) itself;
 * until then this resolves the same thing from names and holds_office relations.
 */

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

export interface RollUp {
  id: string;
  name: string;
  via: 'self' | 'name' | 'office';
  office: string | null;
}

export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[‘’`]/g, "'")
    .replace(/[^a-z0-9' ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const PROXY_NOUN = String.raw`(?:press |media )?(?:office|spokes(?:person|man|woman)|press secretary|secretariat|aides?|advisers?|advisors?|representatives?|cabinet)`;
const OF_FORM = new RegExp(String.raw`^(?:(?:the|a|an) )?(?:senior )?${PROXY_NOUN} (?:of|for|to) (?:the )?(.+)$`);
const POSSESSIVE_FORM = new RegExp(String.raw`^(?:the )?(.+?) ?'s? ${PROXY_NOUN}$`);

/**
 * What a proxy speaker's name stands for ("office of X" → "x", "the prime minister's office" →
 * "prime minister"), folded; null when the name is not a proxy form.
 */
export function proxyTarget(name: string): string | null {
  const f = fold(name);
  const m = OF_FORM.exec(f) ?? POSSESSIVE_FORM.exec(f);
  const target = m?.[1]?.trim();
  return target && target.length >= 3 ? target : null;
}

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
function distance(t: Tenure, d: DatedIn): number {
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

  constructor(
    people: readonly Person[],
    private readonly tenures: readonly Tenure[],
  ) {
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
