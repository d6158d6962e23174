/**
 * Memberships and offices read off the phrases around a person's name (rules named `role.*` and
 * `title.*`, see rules.ts): appositions ("X, a Pentagon spokesman", "X, the director of Y"),
 * prefixes ("Pentagon spokesman X", "Fox News' X", "GOP Rep. X"), "X of the University of Y",
 * party labels ("(R-Tenn.)"), a person's group ("X's Dawa party") and title words ("Sen. X").
 * A role marked former, ex-, then-, late … is not held at the article's date and gives nothing.
 */
import type { KindDef } from './cues.ts';
import { actorEndingAt, actorStartingAt, coordinatedAfter, headSlot, subjectOf, unasserted, type RelSentence } from './sentence.ts';
import type { Found } from './rules.ts';
import { usStateName } from '../text/names.ts';

type Emit = (f: Found) => void;

const ORG = new Set(['organization', 'group']);

/** a party-like head after a bare name ("X's Sairoun bloc"); not "X's Senate campaign" (a campaign for the Senate) */
const PARTY_HEAD = /^(?:party|bloc|coalition|movement|faction|alliance|list)$/;

/** member roles that make their holder one of a person's own camp ("a spokesman for Y", "Y's aide") */
const PERSONAL_STAFF = /^(?:spokes(?:man|woman|person)|press secretary|aide|adviser|advisor|staffer|communications director|chief of staff|deputy|campaign manager)s?$/;

/** Whether token i is the word w, or its plural ("spokesmen" is not handled; "officials" is). */
function wordIs(rs: RelSentence, i: number, w: string): boolean {
  const l = rs.tokens[i]?.lower;
  return l === w || l === `${w}s` || l === `${w}es`;
}

/** The role phrase (member or office) starting at token i, longest first, or null. */
function roleAt(rs: RelSentence, i: number): { len: number; office: boolean } | null {
  const l = rs.tokens[i]!.lower;
  const cands = rs.voc.roleFirst.get(l) ?? rs.voc.roleFirst.get(l.replace(/e?s$/, ''));
  if (!cands) return null;
  for (const c of cands) {
    let ok = true;
    for (let k = 0; k < c.words.length && ok; k++) ok = k === c.words.length - 1 ? wordIs(rs, i + k, c.words[k]!) : rs.tokens[i + k]?.lower === c.words[k];
    if (ok) return { len: c.words.length, office: c.office };
  }
  return null;
}

/** The last role phrase among tokens [from, to) ("the chairman of the … committee"), with its position. */
function findRole(rs: RelSentence, from: number, to: number): { at: number; len: number; words: string; office: boolean } | null {
  let best: { at: number; len: number; words: string; office: boolean } | null = null;
  for (let i = from; i < to; i++) {
    if (best && i < best.at + best.len) continue;
    const r = roleAt(rs, i);
    if (!r || i + r.len > to) continue;
    let words = rs.tokens[i]!.text;
    for (let k = 1; k < r.len; k++) words += ` ${rs.tokens[i + k]!.text}`;
    best = { at: i, len: r.len, words: words.replace(/ - /g, '-'), office: r.office };
  }
  return best;
}

/** A blocker ("former", "then") among the few words left of token i, within its noun phrase. */
function blockedLeft(rs: RelSentence, i: number): boolean {
  for (let k = i - 1; k >= 0 && k >= i - 4; k--) {
    const t = rs.tokens[k]!;
    if (rs.voc.roleBlockers.has(t.lower.replace(/-$/, ''))) return true;
    if (t.pos === 'VERB' || t.pos === 'AUX' || t.pos === 'ADP' || t.pos === 'CCONJ' || (t.pos === 'PUNCT' && t.text !== '.' && t.text !== '-')) return false;
  }
  return false;
}

function blocked(rs: RelSentence, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const w = rs.tokens[i]!.lower.replace(/-$/, '');
    if (rs.voc.roleBlockers.has(w)) return true;
  }
  return /\b(?:former|ex-|then-)/i.test(rs.text.slice(rs.tokens[from]?.start ?? 0, rs.tokens[Math.max(from, to - 1)]?.end ?? 0));
}

/** The office a person holds at the article's date under a title word ("President" → the US presidency), from the office dictionary. */
export type OfficeOf = (personId: string, titleWords: string) => { of: string; title: string } | null;

/** An actor for a US state named before a governor's title ("Ohio Gov. X"), or null. */
export type StateActor = (name: string) => string | null;

/** governor titles, whose place may be a US state the dictionary does not hold */
const GOVERNOR_FORM = /^(?:Gov\.|Governor|Lt\. Gov\.|Lieutenant Governor)$/;

/** The US state whose full name ends right before token i ("Rhode Island Gov."), from one or two unclaimed words. */
function stateBefore(rs: RelSentence, i: number): string | null {
  const tk = rs.tokens;
  let p = i - 1;
  if (/^['’]s$/.test(tk[p]?.text ?? '')) p--;
  for (const n of [2, 1]) {
    const from = p - n + 1;
    if (from < 0) continue;
    let ok = true;
    for (let k = from; k <= p; k++) if (rs.slotOf[k]! >= 0 || !/^[A-Z]/.test(tk[k]!.text)) ok = false;
    if (!ok) continue;
    const name = usStateName(tk.slice(from, p + 1).map((t) => t.text).join(' '));
    if (name) return name;
  }
  return null;
}

export function roleRules(rs: RelSentence, emit: Emit, kinds: { member: KindDef; office: KindDef; support?: KindDef; oppose?: KindDef }, ensureActor: (id: string) => boolean, officeOf: OfficeOf = () => null, stateActor: StateActor = () => null) {
  const tk = rs.tokens;
  const voc = rs.voc;
  const party = (i: number): string | null => {
    const t = tk[i];
    // "Republican", "GOP", "Democrat": a label; "Democrats" (the party's members as a subject) is not
    if (!t || !/^[A-Z]/.test(t.text) || /s$/i.test(t.text)) return null;
    const id = voc.partyWords.get(t.lower);
    return id && ensureActor(id) ? id : null;
  };
  /**
   * A describing phrase of a person starting at token `from` (after an apposition comma or a
   * copula): its role noun and the body it names give member_of / holds_office; a stance role
   * ("supporter", "critic") gives supports / opposes toward the actor it names.
   */
  const describe = (person: string, start: number, rule: string, at: number) => {
    let from = start;
    let to = from;
    while (to < tk.length && tk[to]!.text !== ',' && tk[to]!.text !== ';' && tk[to]!.text !== '(' && rs.verbOf[to]! < 0 && !/^(?:who|which|that|said|says)$/.test(tk[to]!.lower)) to++;
    // "X, also a senior Y figure", "X, now an analyst at Y"
    while (tk[from]?.pos === 'ADV' && /^(?:also|now|currently|still|once|then|formerly)$/.test(tk[from]!.lower)) {
      if (/^(?:once|then|formerly)$/.test(tk[from]!.lower)) return;
      from++;
    }
    const opensNp = tk[from] && (/^(?:a|an|the|one)$/.test(tk[from]!.lower) || tk[from]!.pos === 'ADJ' || tk[from]!.pos === 'NOUN' || tk[from]!.pos === 'PROPN');
    if (!opensNp || to - from > 16) return;
    // an apposition closes (", said", "." , "(", "who …"); a phrase running into a verb is the next clause's subject
    if (rule === 'role.apposition' && to < tk.length && rs.verbOf[to]! >= 0 && tk[to - 1]?.text !== ',') return;
    // a list of names is not a description ("X, Democratic nominee Y, and Z")
    // (a person after a preposition is the role's object, not a list item: "a spokeswoman for Y")
    for (let k = from; k < to; k++) if (rs.slotOf[k]! >= 0 && rs.slots[rs.slotOf[k]!]!.type === 'person' && rs.slots[rs.slotOf[k]!]!.actorId !== person && !stanceWordIn(from, to) && !/^(?:for|to)$/.test(tk[rs.slots[rs.slotOf[k]!]!.first - 1]?.lower ?? '')) return;
    const stance = stanceRole(from, to);
    // "X, a pro-Y challenger": the prefix decides the stance (mod.pro-x), not the role noun
    if (stance && /\b(?:pro|anti)-/i.test(rs.text.slice(tk[from]!.start, tk[to - 1]!.end))) return;
    if (stance) {
      if (blocked(rs, from, stance.at)) return;
      let target = -1;
      for (let k = from; k < to; k++) {
        const o = rs.slotOf[k]!;
        if (o >= 0 && rs.slots[o]!.actorId !== person) {
          target = headSlot(rs, o);
          break;
        }
      }
      if (target >= 0) emit({ kind: stance.kind, from: person, to: rs.slots[target]!.actorId, rule: `${rule}-stance`, at, title: null });
      return;
    }
    const role = findRole(rs, from, to);
    if (!role || blocked(rs, from, role.at)) return;
    // "X is a candidate for President of Y", "a contender for U.S. president": the office sought, not held
    if (/\b(?:candidates?|nominees?|campaign|bid|race|contenders?|hopefuls?)\s+for\s+(?:the\s+)?(?:[\w.'’-]+\s+){0,2}$/i.test(rs.text.slice(tk[from]!.start, tk[role.at]!.start))) return;
    // the body: a mention before the role ("a Pentagon spokesman") or after it ("of Y", "at Y")
    let body = -1;
    for (let k = role.at - 1; k >= from; k--) {
      const o = rs.slotOf[k]!;
      if (o >= 0 && rs.slots[o]!.actorId !== person) {
        body = headSlot(rs, o);
        break;
      }
    }
    if (body < 0) {
      // "the director of the Middle East Programme at the Centre for …": the last body named
      for (let k = role.at + role.len; k < to; k++) {
        const o = rs.slotOf[k]!;
        if (o >= 0 && rs.slots[o]!.actorId !== person && (body < 0 || ORG.has(rs.slots[o]!.type ?? ''))) body = headSlot(rs, o);
      }
    }
    for (let k = from; k < role.at; k++) {
      const id = party(k);
      if (id) {
        emit({ kind: kinds.member, from: person, to: id, rule: `${rule}-party`, at, title: null });
        break;
      }
    }
    if (body < 0) return;
    const b = rs.slots[body]!;
    // "X, a spokeswoman for Y", "X, a senior adviser to Y": a person's own staff belong to that person's camp
    if (b.type === 'person' && !role.office && PERSONAL_STAFF.test(role.words.toLowerCase())) {
      emit({ kind: kinds.member, from: person, to: b.actorId, rule: `${rule}-staff`, at, title: null });
      return;
    }
    if (ORG.has(b.type ?? '')) {
      if (role.office) emit({ kind: kinds.office, from: person, to: b.actorId, rule, at, title: role.words });
      else emit({ kind: kinds.member, from: person, to: b.actorId, rule, at, title: null });
    } else if (b.type === 'country' && role.office) {
      emit({ kind: kinds.office, from: person, to: b.actorId, rule, at, title: role.words });
    }
  };
  const stanceWordIn = (from: number, to: number) => stanceRole(from, to) !== null;
  const stanceRole = (from: number, to: number): { at: number; kind: KindDef } | null => {
    for (let k = from; k < to; k++) {
      const w = tk[k]!.lower.replace(/s$/, '');
      if (voc.supporterRoles.has(w) && kinds.support) return { at: k, kind: kinds.support };
      if (voc.opponentRoles.has(w) && kinds.oppose) return { at: k, kind: kinds.oppose };
    }
    return null;
  };

  const possessorApposition = (si: number, k: number) => {
    const person = rs.slots[si]!.actorId;
    if (k < 2 || rs.slotOf[k]! >= 0) return;
    const w = tk[k]!.lower.replace(/s$/, '');
    const stance = voc.supporterRoles.has(w) ? kinds.support : voc.opponentRoles.has(w) ? kinds.oppose : undefined;
    let at = k;
    let role: ReturnType<typeof findRole> = null;
    if (!stance) {
      role = findRole(rs, Math.max(0, k - 3), k + 1);
      if (!role || role.at + role.len !== k + 1) return;
      at = role.at;
    }
    let p = at - 1;
    for (let n = 0; n < 2 && p > 0 && (tk[p]!.pos === 'ADJ' || tk[p]!.pos === 'NOUN') && rs.slotOf[p]! < 0; n++) {
      if (voc.roleBlockers.has(tk[p]!.lower)) return;
      p--;
    }
    if (!/^['’]s?$/.test(tk[p]?.lower ?? '')) return;
    const o = actorEndingAt(rs, p - 1);
    if (o < 0) return;
    const y = rs.slots[o]!;
    if (y.actorId === person || blockedLeft(rs, y.first)) return;
    // a list after the comma names several holders ("Y's rivals, A and B"); each is one
    const holders = coordinatedAfter(rs, si).filter((h) => rs.slots[h]!.type === 'person');
    // "…Trump's supporters, X said": a name right before a verb after a bare comma opens the next clause
    let after = rs.slots[holders.at(-1) ?? si]!.last + 1;
    if (tk[after]?.pos === 'ADV') after++;
    if (tk[after] && (tk[after]!.pos === 'VERB' || tk[after]!.pos === 'AUX')) return;
    // a singular role names one holder, a plural one a list
    if (holders.length > 1 && !/s$/.test(tk[k]!.lower)) return;
    for (const h of holders) {
      const x = rs.slots[h]!.actorId;
      if (stance) emit({ kind: stance, from: x, to: y.actorId, rule: 'role.possessor-apposition-stance', at: k, title: null });
      else if (role && y.type === 'person' && PERSONAL_STAFF.test(role.words.toLowerCase())) emit({ kind: kinds.member, from: x, to: y.actorId, rule: 'role.possessor-apposition-staff', at: k, title: null });
      else if (role && ORG.has(y.type ?? '')) emit({ kind: role.office ? kinds.office : kinds.member, from: x, to: y.actorId, rule: 'role.possessor-apposition', at: k, title: role.office ? role.words : null });
    }
  };

  // copula: "X is a professor at Y", "X has been a critic of Y", "X has been critical of Y"
  rs.ts.verbs.forEach((v, vi) => {
    let copula = tk[v.head]!.pos === 'AUX';
    if (copula) {
      copula = false;
      for (let k = v.first; k <= v.last; k++) if (tk[k]!.lemma === 'be') copula = true;
    }
    // "X is opposed to Y", "X is closely aligned with Y": a participle adjective the tagger read as a passive
    const participleAdj = v.passive && voc.adjectives.has(tk[v.head]!.lower);
    if ((!copula && !participleAdj) || v.negated || (v.modal && voc.blockingModals.has(v.modal)) || v.tense === 'conditional' || rs.question) return;
    const sub = subjectOf(rs, vi);
    if (sub.slots.length !== 1) return;
    const x = rs.slots[sub.slots[0]!]!;
    let j = participleAdj ? v.head : v.last + 1;
    while (tk[j]?.pos === 'ADV' && !voc.negators.has(tk[j]!.lower)) j++;
    const adj = voc.adjectives.get(tk[j]?.lower ?? '');
    if (adj && adj.preps.has(tk[j + 1]?.lower ?? '')) {
      const o = actorStartingAt(rs, j + 2);
      if (o >= 0 && rs.slots[o]!.actorId !== x.actorId) emit({ kind: adj.kind, from: x.actorId, to: rs.slots[o]!.actorId, rule: `adj.${adj.id}`, at: j, title: null });
      return;
    }
    if (x.type === 'person' && !unasserted(rs, v.head, v, sub.governors)) describe(x.actorId, j, 'role.copula', v.head);
  });

  for (const [si, s] of rs.slots.entries()) {
    if (s.type !== 'person' || headSlot(rs, si) !== si) continue;
    const person = s.actorId;

    // "X (R-Tenn.)", "X, R-Texas,"
    const label = /^\s*\(([A-Z])(?:-[A-Z][\w. ]{0,12})?\)/.exec(rs.text.slice(s.mention.end, s.mention.end + 20)) ?? /^,\s+([RDI])-[A-Z][A-Za-z.]{1,12}(?:\s[A-Z][a-z.]+)?(?=[,;.)]|\s*$)/.exec(rs.text.slice(s.mention.end, s.mention.end + 24));
    if (label) {
      const id = voc.partyLetters.get(label[1]!);
      if (id && ensureActor(id)) emit({ kind: kinds.member, from: person, to: id, rule: 'role.party-label', at: s.first, title: null });
    }

    // apposition: "X, a Pentagon spokesman(, …)", "X, the director of the Y at Z", "X, a Clinton supporter"
    if (tk[s.last + 1]?.text === ',') describe(person, s.last + 2, 'role.apposition', s.first);

    // "Y's spokesman, X", "the Alpha Ministry's top official, X", "Y's rival, X": the role before the name, owned by Y
    if (tk[s.first - 1]?.text === ',') possessorApposition(si, s.first - 2);

    // "X of the University of Y"
    if (tk[s.last + 1]?.lower === 'of') {
      const o = actorStartingAt(rs, s.last + 2);
      if (o >= 0 && ORG.has(rs.slots[o]!.type ?? '') && rs.slots[o]!.first <= s.last + 3) emit({ kind: kinds.member, from: person, to: rs.slots[o]!.actorId, rule: 'role.of', at: s.first, title: null });
    }

    // prefixes, walking left over title words: "Pentagon press secretary X", "Fox News' X", "GOP Rep. X"
    let p = s.first - 1;
    let steps = 0;
    let sawRoleOrTitle = false;
    let blockedPrefix = false;
    while (p >= 0 && steps < 6) {
      const t = tk[p]!;
      const o = rs.slotOf[p]!;
      if (o >= 0) {
        const b = rs.slots[headSlot(rs, o)]!;
        const possessive = /^['’]s?$/.test(tk[b.last + 1]?.lower ?? '');
        if (ORG.has(b.type ?? '') && (sawRoleOrTitle || possessive) && !blockedPrefix && !blockedLeft(rs, b.first)) {
          const role = findRole(rs, b.last + 1, s.first);
          // "Senate campaign chairman X": the role is of a body the words between name, not of Y
          let sub = false;
          for (let k = b.last + 1; k < (role?.at ?? s.first); k++) if (voc.groupHeads.has(tk[k]!.lower)) sub = true;
          if (sub) break;
          if (role?.office) emit({ kind: kinds.office, from: person, to: b.actorId, rule: 'role.prefix', at: s.first, title: role.words });
          else emit({ kind: kinds.member, from: person, to: b.actorId, rule: 'role.prefix', at: s.first, title: null });
          break;
        }
        // "Rubio supporter X", "Trump critic X", "Clinton's rival X": a stance noun between two people
        if (b.type === 'person' && b.actorId !== person && !blockedLeft(rs, b.first)) {
          let k = b.last + 1;
          if (/^['’]s?$/.test(tk[k]?.lower ?? '')) k++;
          while (k < s.first - 1 && tk[k]!.pos === 'ADJ' && !voc.roleBlockers.has(tk[k]!.lower)) k++;
          const stance = k === s.first - 1 ? stanceRole(k, k + 1) : null;
          if (stance) emit({ kind: stance.kind, from: person, to: b.actorId, rule: 'role.prefix-stance', at: s.first, title: null });
          break;
        }
        if (b.type === 'country') {
          p = b.first - 1;
          steps++;
          continue;
        }
        break;
      }
      // only the words of one noun phrase: names, nouns, adjectives, abbreviation dots, possessives
      if (!/^(?:PROPN|NOUN|ADJ|NUM)$/.test(t.pos) && t.text !== '.' && t.text !== '-' && !/^['’]s?$/.test(t.lower)) break;
      // "X officials pressured Y": a cue verb the tagger read as an adjective ends the phrase
      if (t.pos === 'ADJ' && /ed$/.test(t.lower) && voc.verbs.has(t.lemma)) break;
      if (voc.roleBlockers.has(t.lower.replace(/-$/, ''))) blockedPrefix = true;
      const id = party(p);
      if (id && !blockedPrefix && !blockedLeft(rs, p) && (sawRoleOrTitle || tk[p + 1]?.pos === 'NOUN' || tk[p + 1]?.pos === 'ADJ' || p + 1 === s.first)) {
        emit({ kind: kinds.member, from: person, to: id, rule: 'role.prefix-party', at: s.first, title: null });
        break;
      }
      if (findRole(rs, p, p + 1) || /^(?:sen|rep|gov|sens|reps|nominee|candidate|front-runner|frontrunner|hopeful|challenger|incumbent|presidential)\.?$/.test(t.lower)) sawRoleOrTitle = true;
      p--;
      steps++;
    }

    // "X's Dawa party", "X's coalition"
    if (/^['’]s?$/.test(tk[s.last + 1]?.lower ?? '')) {
      let j = s.last + 2;
      while (j < tk.length && tk[j]!.pos === 'ADJ' && rs.slotOf[j]! < 0) j++;
      const o = rs.slotOf[j]!;
      if (o >= 0) {
        const g = rs.slots[headSlot(rs, o)]!;
        const last = g.mention.text.toLowerCase().split(/\s+/).at(-1) ?? '';
        // "X's Dawa party", or the head after a name known without it ("X's Sairoun bloc")
        const after = tk[g.last + 1]?.lower ?? '';
        if (ORG.has(g.type ?? '') && (voc.groupHeads.has(last) || (PARTY_HEAD.test(after) && rs.slotOf[g.last + 1]! < 0))) emit({ kind: kinds.member, from: person, to: g.actorId, rule: 'role.possessed-group', at: s.first, title: null });
      }
    }
  }

  // a party's people named after a plural role: "other Republican candidates, including X and Y",
  // "Trump's Democratic rivals, Sens. X and Y", "GOP senators such as X"
  for (let i = 1; i < tk.length - 1; i++) {
    const w = tk[i]!.lower;
    let h = i - 1;
    let j = i + 1;
    if (w === 'including' || w === 'like') {
      if (tk[h]?.text === ',') h--;
    } else if (w === 'such' && tk[i + 1]?.lower === 'as') {
      if (tk[h]?.text === ',') h--;
      j = i + 2;
    } else if (w !== ',') continue;
    const head = tk[h];
    if (!head || head.pos !== 'NOUN' || !/s$/.test(head.lower) || rs.slotOf[h]! >= 0) continue;
    const sing = [head.lower.replace(/s$/, ''), head.lower.replace(/es$/, '')];
    if (!sing.some((x) => voc.memberRoles.has(x) || voc.officeRoles.has(x) || voc.supporterRoles.has(x) || voc.opponentRoles.has(x))) continue;
    let id: string | null = null;
    let k = h - 1;
    for (; k >= 0 && k >= h - 4 && /^(?:ADJ|NOUN|PROPN|VERB)$/.test(tk[k]!.pos) && rs.slotOf[k]! < 0; k--) {
      if (voc.roleBlockers.has(tk[k]!.lower)) break;
      id = party(k);
      if (id) break;
    }
    if (!id || blockedLeft(rs, h)) continue;
    if (w === ',') {
      // a bare comma joins a list only to a phrase that is not a prepositional object or a quote's end
      // ("compared to the Republican candidates, X and Y …", "… to Republican senators,'' X said")
      k--;
      while (k >= 0 && rs.slotOf[k]! < 0 && /^(?:DET|ADJ|PRON|NOUN|PROPN)$/.test(tk[k]!.pos)) k--;
      if ((k >= 0 && tk[k]!.pos === 'ADP') || /^(?:''|'|"|”|’)$/.test(tk[i + 1]!.text)) continue;
    }
    const first = actorStartingAt(rs, j);
    // after a bare comma only a name (or a title and a name) continues the phrase
    if (first < 0 || (w === ',' && rs.slots[first]!.first - j > 2)) continue;
    for (const o of coordinatedAfter(rs, first)) {
      const p = rs.slots[o]!;
      if (p.type === 'person') emit({ kind: kinds.member, from: p.actorId, to: id, rule: 'role.party-group-list', at: h, title: null });
    }
  }

  // titles: "Sen. X", "Sens. X of A and Y of B", "Alphanian President X"
  for (let i = 0; i < tk.length; i++) {
    if (!/^[A-Z]/.test(tk[i]!.text)) continue;
    const forms = voc.titleFirst.get(tk[i]!.lower.replace(/\.$/, ''));
    if (!forms) continue;
    for (const { cue: title, form, words } of forms) {
      let ok = true;
      let k = i;
      for (const w of words) {
        // the tagger keeps "Sen." whole or splits it into "Sen" + "."
        if (tk[k]?.lower === w) k++;
        else if (w.endsWith('.') && tk[k]?.lower === w.slice(0, -1) && tk[k + 1]?.text === '.') k += 2;
        else {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      const s = rs.slotOf[k]!;
      if (s === undefined || s < 0) continue;
      const h = headSlot(rs, s);
      if (rs.slots[h]!.type !== 'person') continue;
      if (blocked(rs, Math.max(0, i - 2), i) || blockedLeft(rs, i)) continue;
      // "state Sen. X", "Ohio House Speaker X": a state legislature's title, not the national one
      // ("Texas Sen. X" is a US senator from Texas: only a chamber named after the state is the state's)
      if (title.of !== 'preceding-place' && (tk[i - 1]?.lower === 'state' || (/^House\b/.test(form) && stateBefore(rs, i) !== null))) continue;
      let of: string | null = null;
      let titleText = title.title || form;
      if (title.of === 'preceding-place') {
        let p = i - 1;
        if (tk[p]?.text === "'s" || tk[p]?.text === '’s') p--;
        // "U.S. Marine Brig. Gen. X", "Iraqi Army Gen. X"
        if (/^(?:army|marine|marines|navy|air|force|coast|guard|national)$/.test(tk[p]?.lower ?? '')) p--;
        if (/^(?:air|coast|national)$/.test(tk[p]?.lower ?? '')) p--;
        const o = rs.slotOf[p]!;
        // (a governor of "Georgia" is of the US state, whatever country the name finder took it for)
        const stateSlot = o !== undefined && o >= 0 && GOVERNOR_FORM.test(form) ? usStateName(rs.slots[o]!.mention.text) : undefined;
        const state = o === undefined || o < 0 ? (GOVERNOR_FORM.test(form) ? stateBefore(rs, i) : null) : (stateSlot ?? null);
        const stateId = state ? stateActor(state) : null;
        if (o !== undefined && o >= 0 && rs.slots[o]!.type === 'country' && !stateId) of = rs.slots[o]!.actorId;
        else if (stateId) {
          // "Ohio Gov. X": the governorship of that state
          of = stateId;
          titleText = /^L/.test(form) ? 'Lieutenant Governor' : 'Governor';
        } else {
          // no place named: the office the person holds at the date under this title, if any
          const held = officeOf(rs.slots[h]!.actorId, form);
          if (held && ensureActor(held.of)) {
            of = held.of;
            titleText = held.title;
          }
        }
      } else {
        if (title.requirePrefix && !prefixed(rs, i, title.requirePrefix)) continue;
        if (ensureActor(title.of)) of = title.of;
      }
      if (!of) continue;
      const holders = /s\.?$/i.test(form) ? coordinatedAfter(rs, h) : [h];
      for (const x of holders) {
        if (rs.slots[x]!.type !== 'person') continue;
        emit({ kind: kinds.office, from: rs.slots[x]!.actorId, to: of, rule: `title.${title.id}`, at: i, title: titleText });
      }
      break;
    }
  }
}

/** Whether the words right before token i are one of the prefixes ("U.S. Attorney General"). */
function prefixed(rs: RelSentence, i: number, prefixes: readonly string[]): boolean {
  const before = rs.text.slice(Math.max(0, rs.tokens[i]!.start - 8), rs.tokens[i]!.start).trimEnd();
  for (const p of prefixes) if (before.endsWith(p)) return true;
  return false;
}
