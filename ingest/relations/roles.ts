/**
 * Memberships and offices read off the phrases around a person's name (rules named `role.*` and
 * `title.*`, see rules.ts): appositions ("X, a Pentagon spokesman", "X, the director of Y"),
 * prefixes ("Pentagon spokesman X", "Fox News' X", "GOP Rep. X"), "X of the University of Y",
 * party labels ("(R-Tenn.)"), a person's group ("X's Dawa party") and title words ("Sen. X").
 * A role marked former, ex-, then-, late … is not held at the article's date and gives nothing.
 */
import type { KindDef } from './cues.ts';
import { actorStartingAt, coordinatedAfter, headSlot, type RelSentence } from './sentence.ts';
import type { Found } from './rules.ts';

type Emit = (f: Found) => void;

const ORG = new Set(['organization', 'group']);

/** The longest role noun (member or office) among tokens [from, to), with its position. */
function findRole(rs: RelSentence, from: number, to: number): { at: number; len: number; words: string; office: boolean } | null {
  const tk = rs.tokens;
  let best: { at: number; len: number; words: string; office: boolean } | null = null;
  for (let i = from; i < to; i++) {
    for (let len = 3; len >= 1; len--) {
      if (i + len > to) continue;
      const words = tk
        .slice(i, i + len)
        .map((t) => t.lower)
        .join(' ')
        .replace(/ - /g, '-');
      const sing = words.replace(/(?:s|es)$/, '');
      const office = rs.voc.officeRoles.has(words) || rs.voc.officeRoles.has(sing);
      const member = rs.voc.memberRoles.has(words) || rs.voc.memberRoles.has(sing);
      if ((office || member) && (!best || i >= best.at + best.len)) {
        best = { at: i, len, words: tk.slice(i, i + len).map((t) => t.text).join(' '), office };
        break;
      }
    }
  }
  return best;
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

export function roleRules(rs: RelSentence, emit: Emit, kinds: { member: KindDef; office: KindDef }, ensureActor: (id: string) => boolean, officeOf: OfficeOf = () => null) {
  const tk = rs.tokens;
  const voc = rs.voc;
  const party = (i: number): string | null => {
    const t = tk[i];
    if (!t || !/^[A-Z]/.test(t.text)) return null;
    const id = voc.partyWords.get(t.lower);
    return id && ensureActor(id) ? id : null;
  };
  for (const [si, s] of rs.slots.entries()) {
    if (s.type !== 'person' || headSlot(rs, si) !== si) continue;
    const person = s.actorId;

    // "X (R-Tenn.)"
    const label = /^\s*\(([A-Z])-[A-Z][\w. ]{0,12}\)/.exec(rs.text.slice(s.mention.end, s.mention.end + 20));
    if (label) {
      const id = voc.partyLetters.get(label[1]!);
      if (id && ensureActor(id)) emit({ kind: kinds.member, from: person, to: id, rule: 'role.party-label', at: s.first, title: null });
    }

    // apposition: "X, a Pentagon spokesman(, …)", "X, the director of the Y at Z"
    if (tk[s.last + 1]?.text === ',') {
      const from = s.last + 2;
      let to = from;
      while (to < tk.length && tk[to]!.text !== ',' && tk[to]!.text !== ';' && tk[to]!.text !== '(' && rs.verbOf[to]! < 0 && !/^(?:who|which|that|said|says)$/.test(tk[to]!.lower)) to++;
      const opensNp = tk[from] && (/^(?:a|an|the)$/.test(tk[from]!.lower) || tk[from]!.pos === 'ADJ' || tk[from]!.pos === 'NOUN' || tk[from]!.pos === 'PROPN');
      const role = opensNp && to - from <= 16 ? findRole(rs, from, to) : null;
      if (role && !blocked(rs, from, role.at)) {
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
          for (let k = role.at + role.len; k < to; k++) {
            const o = rs.slotOf[k]!;
            if (o >= 0 && rs.slots[o]!.actorId !== person) {
              body = headSlot(rs, o);
              break;
            }
          }
        }
        const ps = (() => {
          for (let k = from; k < role.at; k++) {
            const id = party(k);
            if (id) return id;
          }
          return null;
        })();
        if (ps) emit({ kind: kinds.member, from: person, to: ps, rule: 'role.apposition-party', at: s.first, title: null });
        if (body >= 0) {
          const b = rs.slots[body]!;
          if (ORG.has(b.type ?? '')) {
            if (role.office) emit({ kind: kinds.office, from: person, to: b.actorId, rule: 'role.apposition', at: s.first, title: role.words });
            else emit({ kind: kinds.member, from: person, to: b.actorId, rule: 'role.apposition', at: s.first, title: null });
          } else if (b.type === 'country' && role.office) {
            emit({ kind: kinds.office, from: person, to: b.actorId, rule: 'role.apposition', at: s.first, title: role.words });
          }
        }
      }
    }

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
        if (ORG.has(b.type ?? '') && (sawRoleOrTitle || possessive) && !blockedPrefix) {
          const role = findRole(rs, b.last + 1, s.first);
          if (role?.office) emit({ kind: kinds.office, from: person, to: b.actorId, rule: 'role.prefix', at: s.first, title: role.words });
          else emit({ kind: kinds.member, from: person, to: b.actorId, rule: 'role.prefix', at: s.first, title: null });
          break;
        }
        if (b.type === 'country') {
          p = b.first - 1;
          steps++;
          continue;
        }
        break;
      }
      if (t.pos === 'VERB' || t.pos === 'ADP' || t.pos === 'AUX' || (t.pos === 'PUNCT' && t.text !== '.' && t.text !== '’' && t.text !== "'")) break;
      if (voc.roleBlockers.has(t.lower.replace(/-$/, ''))) blockedPrefix = true;
      const id = party(p);
      if (id && !blockedPrefix && (sawRoleOrTitle || tk[p + 1]?.pos === 'NOUN' || tk[p + 1]?.pos === 'ADJ' || p + 1 === s.first)) {
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
        if (ORG.has(g.type ?? '') && voc.groupHeads.has(last)) emit({ kind: kinds.member, from: person, to: g.actorId, rule: 'role.possessed-group', at: s.first, title: null });
      }
    }
  }

  // titles: "Sen. X", "Sens. X of A and Y of B", "Alphanian President X"
  for (const title of voc.titles) {
    for (const form of title.forms) {
      const words = form.toLowerCase().split(/\s+/).filter(Boolean);
      for (let i = 0; i < tk.length; i++) {
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
        if (!ok || !/^[A-Z]/.test(tk[i]!.text)) continue;
        const s = rs.slotOf[k]!;
        if (s === undefined || s < 0) continue;
        const h = headSlot(rs, s);
        if (rs.slots[h]!.type !== 'person') continue;
        if (blocked(rs, Math.max(0, i - 2), i)) continue;
        let of: string | null = null;
        let titleText = title.title || form;
        if (title.of === 'preceding-place') {
          let p = i - 1;
          if (tk[p]?.text === "'s" || tk[p]?.text === '’s') p--;
          const o = rs.slotOf[p]!;
          if (o !== undefined && o >= 0 && rs.slots[o]!.type === 'country') of = rs.slots[o]!.actorId;
          else {
            // no place named: the office the person holds at the date under this title, if any
            const held = officeOf(rs.slots[h]!.actorId, form);
            if (held && ensureActor(held.of)) {
              of = held.of;
              titleText = held.title;
            }
          }
        } else {
          if (title.requirePrefix && !title.requirePrefix.some((pre) => rs.text.slice(Math.max(0, tk[i]!.start - pre.length - 1), tk[i]!.start).trim() === pre)) continue;
          if (ensureActor(title.of)) of = title.of;
        }
        if (!of) continue;
        const holders = /s\.?$/i.test(form) && !/^(?:us)$/i.test(form) ? coordinatedAfter(rs, h) : [h];
        for (const x of holders) {
          if (rs.slots[x]!.type !== 'person') continue;
          emit({ kind: kinds.office, from: rs.slots[x]!.actorId, to: of, rule: `title.${title.id}`, at: i, title: titleText });
        }
      }
    }
  }
}
