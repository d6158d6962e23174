import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  Dictionary,
  DictionaryError,
  allActors,
  allOffices,
  dictionary,
  getActor,
  loadDictionary,
  longestAliasMatches,
  lookupAlias,
  officeMatches,
  resolveOffice,
  tokenize,
} from '../../ingest/dictionary.ts';

const DATA = new URL('../../ingest/data/', import.meta.url);
const rawActors = JSON.parse(readFileSync(new URL('actors.json', DATA), 'utf8')) as Record<string, unknown>[];
const rawOffices = JSON.parse(readFileSync(new URL('offices.json', DATA), 'utf8')) as Record<string, unknown>[];

const id = (s: string) => lookupAlias(s)?.id;
const matches = (text: string, date?: string) =>
  longestAliasMatches(text, date ? { date } : {}).map((m) => [m.text, m.actor.id] as const);

describe('data files', () => {
  it('validate and load, and report their size', () => {
    const d = loadDictionary();
    const s = d.stats();
    // the figures the report quotes; a broken file would throw above
    console.log('dictionary:', JSON.stringify(s));
    expect(s.actors).toBeGreaterThanOrEqual(400);
    expect(s.offices).toBeGreaterThanOrEqual(25);
    expect(s.holders).toBeGreaterThanOrEqual(150);
    expect(s.actors).toBe(rawActors.length);
  });

  it('has no duplicate ids', () => {
    const ids = rawActors.map((a) => a.id);
    expect(ids.length).toBe(new Set(ids).size);
    const officeIds = rawOffices.map((o) => o.id);
    expect(officeIds.length).toBe(new Set(officeIds).size);
  });

  it('maps every full alias to exactly one actor (no collisions)', () => {
    expect(dictionary().collisions).toEqual([]);
  });

  it('refers only to existing actor ids (affiliation, office owner, holders)', () => {
    const ids = new Set(allActors().map((a) => a.id));
    for (const a of allActors()) if (a.affiliation) expect(ids, `${a.id}.affiliation`).toContain(a.affiliation);
    for (const o of allOffices()) {
      expect(ids, `${o.id}.of`).toContain(o.of);
      for (const h of o.holders) expect(ids, `${o.id} holder`).toContain(h.actor);
    }
  });

  it('has office tenures in order that do not overlap (except hand-over days)', () => {
    for (const o of allOffices()) {
      for (let k = 1; k < o.holders.length; k++) {
        const prev = o.holders[k - 1]!;
        const cur = o.holders[k]!;
        expect(prev.to, `${o.id}: ${prev.actor} has no end but ${cur.actor} follows`).not.toBeNull();
        expect(prev.to! <= cur.from || prev.to!.slice(0, 7) === cur.from.slice(0, 7), `${o.id}: ${prev.actor} / ${cur.actor}`).toBe(true);
      }
    }
  });

  it('never uses a single lower-case word as an alias', () => {
    for (const a of rawActors) {
      for (const alias of a.aliases as string[]) expect(/^[a-z]+$/.test(alias), `${a.id}: ${alias}`).toBe(false);
    }
  });
});

describe('validation errors name the file and the entry', () => {
  const good = [{ id: 'iraq', name: 'Iraq', type: 'country', aliases: ['Iraq'] }];
  it('rejects a bad type', () => {
    expect(() => new Dictionary([...good, { id: 'x-y', name: 'X', type: 'planet', aliases: ['X'] }], [], { actors: 'a.json', offices: 'o.json' })).toThrow(
      /a\.json: entry #1 \(id "x-y"\): type/,
    );
  });
  it('rejects a duplicate id, a dangling affiliation, a lower-case alias', () => {
    expect(() => new Dictionary([...good, ...good], [])).toThrow(/duplicate actor id "iraq"/);
    expect(() => new Dictionary([{ ...good[0], affiliation: 'nowhere' }], [])).toThrow(/affiliation "nowhere"/);
    expect(() => new Dictionary([{ ...good[0], aliases: ['the'] }], [])).toThrow(/single lower-case word/);
  });
  it('rejects an office with an unknown holder or a bad date', () => {
    const office = { id: 'pm', title: 'PM', of: 'iraq', titles: ['prime minister'], holders: [{ actor: 'ghost', from: '2020-01-01' }] };
    expect(() => new Dictionary(good, [office], { actors: 'a.json', offices: 'o.json' })).toThrow(/o\.json: office "pm": holder "ghost"/);
    const bad = { ...office, holders: [{ actor: 'iraq', from: '2020-13-45' }] };
    expect(() => new Dictionary(good, [bad], { actors: 'a.json', offices: 'o.json' })).toThrow(/o\.json: entry #0 \(id "pm"\): holders\.0\.from/);
  });
  it('names the file when it is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dict-'));
    writeFileSync(join(dir, 'actors.json'), '[{');
    writeFileSync(join(dir, 'offices.json'), '[]');
    expect(() => loadDictionary(dir + '/')).toThrow(DictionaryError);
    expect(() => loadDictionary(dir + '/')).toThrow(/actors\.json: invalid JSON/);
  });
});

describe('lookupAlias', () => {
  it('knows the canonical actors and their spelling variants', () => {
    expect(id('Nouri al-Maliki')).toBe('nouri-al-maliki');
    expect(id('Maliki')).toBe('nouri-al-maliki');
    expect(id('al-Maliki')).toBe('nouri-al-maliki');
    for (const s of ['Abadi', 'al-Abadi', 'Abbadi', 'Haider al-Abbadi']) expect(id(s), s).toBe('haider-al-abadi');
    for (const s of ['Kadhimi', 'Kadhemi', 'al-Kadhimi', 'Mustafa al-Kadhimi']) expect(id(s), s).toBe('mustafa-al-kadhimi');
    for (const s of ['Sudani', 'al-Sudani', 'Mohammed Shia al-Sudani', 'Shia al-Sudani', 'Mohammed Shia-al-Sudani', "Mohammed Shia' al-Sudani"])
      expect(id(s), s).toBe('mohammed-shia-al-sudani');
    for (const s of ['Muqtada al-Sadr', 'Moqtada al-Sadr', 'Sadr']) expect(id(s), s).toBe('muqtada-al-sadr');
    for (const s of ['Qassem Soleimani', 'Qasem Soleimani', 'Suleimani', 'Qassim Suleimani']) expect(id(s), s).toBe('qasem-soleimani');
    for (const s of ['Kataib Hezbollah', "Kata'ib Hizballah", 'Kata’ib Hizballah']) expect(id(s), s).toBe('kataib-hezbollah');
    for (const s of ['Hashd al-Shaabi', 'Popular Mobilization Forces', 'PMF', 'PMU']) expect(id(s), s).toBe('popular-mobilization-forces');
    expect(id('Fuad Hussein')).toBe('fuad-hussein');
    expect(id('Hoshyar Zebari')).toBe('hoshyar-zebari');
  });

  it('maps demonyms and capitals to countries, and group names to groups', () => {
    for (const s of ['US', 'U.S.', 'United States', 'Washington', 'America']) expect(id(s), s).toBe('united-states');
    for (const s of ['Iraq', 'Iraqi', 'Baghdad', 'Iraqis']) expect(id(s), s).toBe('iraq');
    for (const s of ['Iran', 'Tehran', 'Iranian', 'Iranians']) expect(id(s), s).toBe('iran');
    for (const s of ['US troops', 'US forces', 'American troops', 'US military', 'U.S. Special Forces', 'US trainers', 'American advisers'])
      expect(id(s), s).toBe('us-military');
    for (const s of ['ISIS', 'ISIL', 'Islamic State', 'Daesh', 'the Islamic State group']) expect(id(s), s).toBe('islamic-state');
    for (const s of ['Iran-backed militias', 'Iran-backed militia groups', 'Iran-aligned militias', 'Iran-backed groups', 'Iran-backed militants'])
      expect(id(s), s).toBe('iran-backed-militias');
    expect(id('the Biden administration')).toBe('biden-administration');
    expect(id('the administration')).toBeUndefined();
  });

  it('normalises case of lower-case words, accents, curly apostrophes, dots, "the" and possessives', () => {
    expect(id('Iraqi Government')).toBe('iraqi-government');
    expect(id('the Pentagon')).toBe('pentagon');
    expect(id("Iraq's")).toBe('iraq');
    expect(id('Iraq’s')).toBe('iraq');
    expect(id('António Guterres')).toBe('antonio-guterres');
    expect(id('Antonio Guterres')).toBe('antonio-guterres');
    expect(id('Recep Tayyip Erdoğan')).toBe('recep-tayyip-erdogan');
    expect(id('Binali Yıldırım')).toBe('binali-yildirim');
    expect(id('U.S.-led coalition')).toBe('us-led-coalition');
    expect(id('George W. Bush')).toBe('george-w-bush');
    expect(matches('President George W. Bush met George H. W. Bush.')).toEqual([
      ['George W. Bush', 'george-w-bush'],
      ['George H. W. Bush', 'george-h-w-bush'],
    ]);
  });

  it('respects the case of capitalised and all-capital aliases', () => {
    expect(id('us')).toBeUndefined();
    expect(id('little')).toBeUndefined();
    expect(id('Isis')).toBe('islamic-state'); // both spellings of one actor are kept
    expect(id('Little')).toBe('george-little');
    expect(lookupAlias('us', { ignoreCase: true })?.id).toBe('united-states');
  });

  it('leaves a shared short name unresolved out of context', () => {
    expect(id('Jones')).toBeUndefined(); // a US ambassador and a national security adviser
    expect(id('Stuart Jones')).toBe('stuart-jones');
  });
});

describe('tokenize', () => {
  it('splits possessives and keeps acronyms with dots as one token', () => {
    expect(tokenize("U.S. and Iraq's Kata'ib").map((t) => t.norm)).toEqual(['us', 'and', 'iraq', "'s", 'kataib']);
  });
});

describe('longestAliasMatches', () => {
  it('is word-boundary safe', () => {
    expect(matches('USA Today and a bus took us to the USS Cole')).toEqual([['USA Today', 'usa-today']]);
    expect(matches('Iraqi officials')).toEqual([['Iraqi officials', 'iraqi-officials']]);
    expect(matches('The Iraqis and the Iraqi army')).toEqual([
      ['Iraqis', 'iraq'],
      ['Iraqi army', 'iraqi-security-forces'],
    ]);
    expect(matches('a PMF commander said the PM was pleased')).toEqual([['PMF', 'popular-mobilization-forces']]);
  });

  it('returns exact character offsets, longest match first', () => {
    const text = 'He said U.S.-led coalition forces and Iran-backed militias clashed near Baghdad.';
    const found = longestAliasMatches(text);
    expect(found.map((m) => m.actor.id)).toEqual(['us-led-coalition', 'iran-backed-militias', 'iraq']);
    for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(found[0]!.text).toBe('U.S.-led coalition');
  });

  it('resolves a shared surname to the person last named in full', () => {
    const text = 'Ambassador Stuart Jones met officials. Later, Jones said the talks went well.';
    expect(matches(text).filter(([, a]) => a.endsWith('jones'))).toEqual([
      ['Stuart Jones', 'stuart-jones'],
      ['Jones', 'stuart-jones'],
    ]);
    const other = 'James L. Jones visited Baghdad. Jones said little.';
    expect(matches(other).filter(([, a]) => a.endsWith('jones')).map(([, a]) => a)).toEqual(['james-l-jones', 'james-l-jones']);
  });

  it('resolves a shared surname by office at the date when nobody was named in full', () => {
    expect(matches('Hussein said the talks were over.', '2021-05-01')).toEqual([['Hussein', 'fuad-hussein']]);
    expect(matches('Hussein said the talks were over.', '2002-05-01')).toEqual([['Hussein', 'saddam-hussein']]);
    expect(matches('Hussein said the talks were over.')).toEqual([]);
  });

  it('does not take a common-word surname at a sentence start for a name', () => {
    expect(matches('Little is known about the deal.')).toEqual([]);
    expect(matches('Talks stall\nLittle progress was made')).toEqual([]);
    expect(matches('George Little spoke. Little added that talks continue.').map(([, a]) => a)).toEqual(['george-little', 'george-little']);
  });

  it('handles curly apostrophes inside names and hyphenated "al-"', () => {
    expect(matches('Mohammed Shia’ al-Sudani and Abu Mahdi al-Muhandis')).toEqual([
      ['Mohammed Shia’ al-Sudani', 'mohammed-shia-al-sudani'],
      ['Abu Mahdi al-Muhandis', 'abu-mahdi-al-muhandis'],
    ]);
  });
});

describe('offices', () => {
  const holder = (phrase: string, date: string) => resolveOffice(phrase, date)?.holder?.id;

  it("resolves Iraq's prime minister on both sides of a hand-over", () => {
    expect(holder("Iraq's prime minister", '2014-09-01')).toBe('nouri-al-maliki');
    expect(holder("Iraq's prime minister", '2014-09-10')).toBe('haider-al-abadi');
    expect(holder('the Iraqi premier', '2020-06-01')).toBe('mustafa-al-kadhimi');
    expect(holder('the Iraqi premier', '2020-04-01')).toBe('adil-abdul-mahdi');
    expect(holder('Iraqi PM', '2023-03-01')).toBe('mohammed-shia-al-sudani');
    expect(holder('prime minister of Iraq', '2007-01-01')).toBe('nouri-al-maliki');
  });

  it('resolves US and other offices', () => {
    expect(holder('the US defense secretary', '2012-05-01')).toBe('leon-panetta');
    expect(holder('Secretary of State', '2021-04-07')).toBe('antony-blinken');
    expect(holder('the Pentagon press secretary', '2021-04-06')).toBe('john-kirby');
    expect(holder('the US ambassador to Iraq', '2024-01-24')).toBe('alina-romanowski');
    expect(holder('the U.S. ambassador in Baghdad', '2008-01-01')).toBe('ryan-crocker');
    expect(holder("Iraq's foreign minister", '2024-01-24')).toBe('fuad-hussein');
    expect(holder("Iraq's foreign minister", '2010-01-01')).toBe('hoshyar-zebari');
    expect(holder('the State Department spokesperson', '2022-01-01')).toBe('ned-price');
    expect(holder("Iran's supreme leader", '2015-01-01')).toBe('ali-khamenei');
    expect(holder('the Iranian foreign minister', '2022-01-01')).toBe('hossein-amir-abdollahian');
    expect(holder('Turkish President', '2016-01-01')).toBe('recep-tayyip-erdogan');
    expect(holder('UN Secretary-General', '2012-01-01')).toBe('ban-ki-moon');
  });

  it('does not resolve ambiguous or unrelated titles', () => {
    expect(resolveOffice('the president', '2020-01-01')).toBeUndefined();
    expect(resolveOffice('the foreign minister', '2020-01-01')).toBeUndefined();
    expect(resolveOffice('the US ambassador to the UN', '2020-01-01')).toBeUndefined();
  });

  it('finds title phrases in text with offsets, holders and modifiers', () => {
    const text =
      "Iraq's prime minister met the US ambassador to Iraq. Former Prime Minister Nouri al-Maliki objected, and the former foreign minister stayed away.";
    const found = officeMatches(text, '2024-01-24');
    for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(found.map((m) => [m.text, m.office.id, m.holder?.id ?? null, m.modifier])).toEqual([
      ["Iraq's prime minister", 'prime-minister-of-iraq', 'mohammed-shia-al-sudani', null],
      ['the US ambassador to Iraq', 'us-ambassador-to-iraq', 'alina-romanowski', null],
      ['Former Prime Minister', 'prime-minister-of-iraq', 'nouri-al-maliki', 'former'],
    ]);
    expect(found[2]!.nameFollows).toBe(true);
  });

  it('takes a bare title only when it reads as one', () => {
    expect(officeMatches('The prime minister said so.', '2021-04-07').map((m) => m.holder?.id)).toEqual(['mustafa-al-kadhimi']);
    expect(officeMatches('a prime minister should listen', '2021-04-07')).toEqual([]);
    // a name after the title is authoritative; an unrelated name gives no holder
    const named = officeMatches('Prime Minister Benjamin Netanyahu spoke.', '2021-04-07');
    expect(named[0]?.nameFollows).toBe(true);
    expect(named[0]?.holder).toBeUndefined();
  });

  it('leaves unnamed people alone ("a Pentagon spokesman")', () => {
    expect(officeMatches('a Pentagon spokesman said', '2022-01-01')).toEqual([]);
    expect(officeMatches('said James Jeffrey, a former US ambassador to Iraq who', '2017-12-19')).toEqual([]);
    expect(officeMatches('the Pentagon spokesman said', '2022-01-01').map((m) => m.holder?.id)).toEqual(['john-kirby']);
  });

  it('resolves partial-date tenures and regional offices', () => {
    expect(holder('the Quds Force commander', '2019-06-01')).toBe('qasem-soleimani');
    expect(holder('the Quds Force commander', '2020-02-01')).toBe('esmail-qaani');
    expect(holder('the KRG prime minister', '2020-01-01')).toBe('masrour-barzani');
    expect(holder('commander of the US-led coalition', '2017-12-01')).toBe('paul-funk');
    expect(holder('the US ambassador', '2015-06-15')).toBe('stuart-jones'); // tenure known to the month only
    expect(holder('the US special envoy for the coalition', '2016-06-01')).toBe('brett-mcgurk');
  });

  it('keeps the holder at the date when an unknown name follows (a misspelling the caller can compare)', () => {
    const [m] = officeMatches('US Defense Secretary Jim Mats said', '2017-12-19');
    expect(m?.nameFollows).toBe(true);
    expect(m?.holder?.id).toBe('jim-mattis');
  });

  it('does not take a deputy for the office holder', () => {
    expect(officeMatches('Abu Mahdi al-Muhandis, the deputy head of the Popular Mobilization Forces', '2019-06-01')).toEqual([]);
    expect(officeMatches('Deputy Prime Minister Hoshyar Zebari', '2015-06-01')).toEqual([]);
    expect(officeMatches('Vice President Tariq al-Hashemi', '2011-06-01')).toEqual([]);
    expect(officeMatches('the Pentagon deputy press secretary said', '2023-06-01')).toEqual([]);
  });

  it('gives no holder for "interim"', () => {
    const [m] = officeMatches("Iraq's interim prime minister in 2004", '2012-02-02');
    expect(m?.modifier).toBe('interim');
    expect(m?.holder).toBeUndefined();
  });

  it('gives the next holder for "incoming"', () => {
    expect(officeMatches("Iraq's incoming prime minister", '2014-08-20')[0]?.holder?.id).toBe('haider-al-abadi');
  });
});

describe('module API', () => {
  it('exposes getActor with type and affiliation', () => {
    expect(getActor('kataib-hezbollah')).toMatchObject({ type: 'group', affiliation: 'iran-backed-militias' });
    expect(getActor('nope')).toBeUndefined();
  });
});

describe('short names inside other names', () => {
  it('does not read a surname as a first name or as part of an unknown name', () => {
    expect(matches('Jeffrey Goldberg visited.')).toEqual([]);
    expect(matches('Jeffrey Feltman visited.')).toEqual([['Jeffrey Feltman', 'jeffrey-feltman']]);
    expect(matches('the journalist Austin Tice')).toEqual([]);
    expect(matches('at the Al-Rashid Hotel in Baghdad')).toEqual([['Baghdad', 'iraq']]);
    expect(matches('Ambassador Jeffrey said', '2011-01-01')).toEqual([['Jeffrey', 'james-jeffrey']]);
    expect(matches('When Maliki spoke, the Obama administration listened')).toEqual([
      ['Maliki', 'nouri-al-maliki'],
      ['Obama administration', 'obama-administration'],
    ]);
  });
});
