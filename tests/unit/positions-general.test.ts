/**
 * Positions on topics the default issue set knows nothing about: a user-declared issue set (rent
 * control, a clinic closure, a carbon tax) and sentences written for these tests, not taken from
 * any corpus. They attack the general stance vocabulary: support, oppose, negation, hedges,
 * reported denial, mixed statements, narrated events; and the issues file's validation.
 */
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeSchemas } from '../../cypher/schema.ts';
import { extractArticle, toGraphRecords } from '../../ingest/index.ts';
import { findIssuesFile, loadIssueSet, parseIssueSet, type IssueSet } from '../../ingest/positions/issue-set.ts';
import { nounForms, verbForms } from '../../ingest/positions/inflect.ts';
import { issueStances } from '../../ingest/positions/stance.ts';
import { positions } from '../../ingest/stages/positions.ts';
import { makeDoc } from './helpers/make-doc.ts';

const CITY: IssueSet = parseIssueSet(
  {
    issues: [
      { id: 'rent-control', label: 'Rent control', description: 'support = caps on rent rises', terms: ['rent control', 'rent cap', 'rent freeze', 'rent stabilization'] },
      { id: 'clinic-closure', label: 'Closing the Eastside clinic', description: 'support = wants the clinic kept open', terms: ['Eastside clinic', 'the clinic'], oppose: ['shut down', 'closure'] },
      { id: 'carbon-tax', label: 'A carbon tax', description: 'support = wants a carbon tax', terms: ['carbon tax', 'carbon levy'] },
      { id: 'drug-cartels', label: 'Crackdown on drug cartels', description: 'support = a tougher fight against the cartels', terms: ['cartels'], inverse: true },
    ],
  },
  'test',
).set;

const stance = (text: string, issue: string) => issueStances(text, CITY).find((r) => r.id === issue)?.stance;

describe('general stance vocabulary on a user-declared issue', () => {
  it('reads support from attitudes, changes and judgements in any tense', () => {
    for (const t of [
      'The mayor supports rent control.',
      'Tenant groups have long backed a rent freeze.',
      'The council voted for rent stabilization on Tuesday.',
      'She urged lawmakers to expand rent control.',
      'Councillors pledged to keep the Eastside clinic open.',
      'Economists say a carbon tax is necessary.',
      'It would be a mistake to scrap the carbon levy.',
    ]) expect(stance(t, t.includes('clinic') ? 'clinic-closure' : t.includes('carbon') ? 'carbon-tax' : 'rent-control'), t).toBe('support');
  });

  it('reads opposition, including the change verbs of a topic ("repeal", "end", "phase out")', () => {
    for (const t of [
      'Landlords oppose rent control.',
      'The governor vowed to end rent control by next year.',
      'The chamber of commerce warned against a rent cap.',
      'Republicans want to repeal the carbon tax.',
      'The board criticised the carbon levy as a burden on farmers.',
      'Rent control is a disaster for young renters, the developer said.',
    ]) expect(stance(t, t.includes('carbon') ? 'carbon-tax' : 'rent-control'), t).toBe('oppose');
  });

  it('flips under negation: "did not support", "never backed", "no longer", "has no plans to"', () => {
    expect(stance('The senator did not support the carbon tax.', 'carbon-tax')).toBe('oppose');
    expect(stance('Smith never backed rent control.', 'rent-control')).toBe('oppose');
    expect(stance('The county has no plans to end rent stabilization.', 'rent-control')).toBe('support');
    expect(stance("The union doesn't oppose a rent freeze.", 'rent-control')).toBe('support');
    expect(stance('The minister could never accept a carbon levy.', 'carbon-tax')).toBe('oppose');
  });

  it('makes hedged and deliberated stances neutral, and reads a negated deliberation as a stance', () => {
    expect(stance('The mayor might support a rent cap.', 'rent-control')).toBe('neutral');
    expect(stance('It is unclear whether the council will scrap rent control.', 'rent-control')).toBe('neutral');
    expect(stance('The city is considering a rent freeze.', 'rent-control')).toBe('neutral');
    expect(stance('The city is not considering a repeal of rent control.', 'rent-control')).toBe('support');
    expect(stance('Ending rent control is off the table.', 'rent-control')).toBe('support');
  });

  it('reads a reported denial as the negation of what is denied', () => {
    expect(stance('The mayor denied that she wants to scrap rent control.', 'rent-control')).toBe('support');
    expect(stance('The governor dismissed reports that he backs a carbon tax.', 'carbon-tax')).toBe('oppose');
  });

  it('calls a statement that pulls both ways equally mixed, and a clear majority wins', () => {
    const r = issueStances('She welcomed the rent freeze but criticised the rent cap.', CITY).find((x) => x.id === 'rent-control');
    expect(r).toMatchObject({ stance: 'neutral', mixed: true });
    expect(stance('He supports rent control, wants to expand rent stabilization and rejects a rent cap for offices.', 'rent-control')).toBe('support');
  });

  it('takes no stance from a narrated event or a bare mention', () => {
    expect(stance('The city ended rent control in 1995.', 'rent-control')).toBe('neutral');
    expect(stance('The clinic was shut down last spring.', 'clinic-closure')).toBe('neutral');
    expect(stance('Rent control was the main topic of the meeting.', 'rent-control')).toBe('neutral');
    expect(issueStances('The weather was cold all week.', CITY)).toEqual([]);
  });

  it('reads an issue cue of the user’s own ("shut down") and inverts an issue that acts against its terms', () => {
    expect(stance('Residents fear officials will shut down the Eastside clinic.', 'clinic-closure')).toBe('oppose');
    // support = wants the clinic kept: the demand governs the topic term itself
    expect(stance('Protesters demanded that the clinic stay open.', 'clinic-closure')).toBe('support');
    expect(stance('The governor vowed to defeat the cartels.', 'drug-cartels')).toBe('support');
    expect(stance('The sheriff condemned the cartels.', 'drug-cartels')).toBe('support');
  });

  it('does not let a hyphenated modifier act as a stance word ("union-backed")', () => {
    expect(stance('A union-backed group held a rally about rent control.', 'rent-control')).toBe('neutral');
  });
});

describe('positions stage with a user-declared issue set', () => {
  it('aggregates statements and narrative holders per actor and issue', () => {
    const text =
      'Mayor Diaz said the city must keep rent control. Diaz said later the rent cap is too strict. The landlords association, which opposes rent control, sued.';
    const doc = makeDoc(
      text,
      [
        ['Mayor Diaz', 'diaz', 'person'],
        ['The landlords association', 'landlords', 'organization'],
      ],
      {
        statements: [
          { speaker: 'diaz', text: 'the city must keep rent control' },
          { speaker: 'diaz', text: 'the rent cap is too strict' },
        ],
      },
    );
    const out = positions({ ...doc, issueSet: CITY });
    const held = out.positions.map((p) => `${p.actorId}:${p.issue}:${p.stance}`).sort();
    expect(held).toContain('landlords:rent-control:oppose');
    expect(held).toContain('diaz:rent-control:support');
    expect(out.statements[0]?.issues).toEqual([{ id: 'rent-control', stance: 'support' }]);
    // the default (US–Iraq) set knows nothing of rent control
    expect(positions(doc).positions).toEqual([]);
  });

  it('reads a light verb with a stance noun as a narrative stance ("renewed its calls for")', () => {
    const text = 'The tenants union renewed its calls for a rent freeze. The builders group voiced opposition to the carbon levy.';
    const doc = makeDoc(text, [
      ['The tenants union', 'tenants', 'group'],
      ['The builders group', 'builders', 'group'],
    ]);
    const held = positions({ ...doc, issueSet: CITY }).positions.map((p) => `${p.actorId}:${p.issue}:${p.stance}`).sort();
    expect(held).toEqual(['builders:carbon-tax:oppose', 'tenants:rent-control:support']);
  });

  it('finds the subject of an attitude verb by clause structure, past an appositive', () => {
    const text = 'Ana Ruiz, the chair of the housing committee, has long opposed rent control. Critics of the governor have backed a carbon tax.';
    const doc = makeDoc(text, [
      ['Ana Ruiz', 'ruiz', 'person'],
      ['the governor', 'governor', 'person'],
    ]);
    const held = positions({ ...doc, issueSet: CITY }).positions.map((p) => `${p.actorId}:${p.issue}:${p.stance}`);
    expect(held).toEqual(['ruiz:rent-control:oppose']); // the governor is not the one backing the tax
  });

  it('runs through the pipeline into valid graph records carrying the set’s issues', () => {
    const doc = extractArticle(
      { file: 'rent.txt', title: 'Rent', source: 'Test Wire', url: null, published: '2024-03-01', text: 'Council member Ana Ruiz said the city should expand rent control this year.\n' },
      { issues: CITY },
    );
    const rec = toGraphRecords(doc);
    expect(rec.nodes.Issue.map((i) => i.id).sort()).toEqual(['carbon-tax', 'clinic-closure', 'drug-cartels', 'rent-control']);
    for (const i of rec.nodes.Issue) expect(nodeSchemas.Issue.safeParse(i).success).toBe(true);
    expect(rec.rels.HOLDS_POSITION.map((p) => `${p.to}:${p.stance}`)).toEqual(['rent-control:support']);
  });
});

describe('robustness', () => {
  it('never throws and keeps evidence inside the text on random word salad of stance words, terms and punctuation', () => {
    const words = ['not', 'never', 'rent', 'control', 'cap', 'supports', 'opposes', 'end', 'to', 'the', 'might', 'denied', 'that', 'reports', ',', '.', ';', '-', 'anti-', 'is', 'a', 'mistake', 'off', 'table', 'and', 'or', 'carbon', 'tax', 'cartels', "don't", '’s', '“', '”', 'considering', 'of', 'was', 'shut', 'down', 'clinic'];
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let n = 0; n < 400; n++) {
      const text = Array.from({ length: 1 + Math.floor(rnd() * 40) }, () => words[Math.floor(rnd() * words.length)]).join(rnd() < 0.5 ? ' ' : '');
      for (const r of issueStances(text, CITY)) {
        expect(['support', 'oppose', 'neutral']).toContain(r.stance);
        expect(r.evidence.start).toBeGreaterThanOrEqual(0);
        expect(r.evidence.end).toBeLessThanOrEqual(text.length);
        expect(r.evidence.start).toBeLessThanOrEqual(r.evidence.end);
      }
    }
    expect(issueStances('', CITY)).toEqual([]);
  });
});

describe('issues file', () => {
  it('names the file and the entry of each bad issue, and keeps the good ones', () => {
    const { set, problems } = parseIssueSet(
      {
        issues: [
          { id: 'rent-control', label: 'Rent control', terms: ['rent control'] },
          { id: 'Bad Id', label: 'x', terms: ['x'] },
          { id: 'no-terms', label: 'No terms', terms: [] },
          { id: 'typo', label: 'Typo', term: ['x'] },
          { id: 'rent-control', label: 'Again', terms: ['rent'] },
        ],
      },
      'corpus/issues.json',
    );
    expect(set.issues.map((i) => i.id)).toEqual(['rent-control']);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^corpus\/issues\.json: issues\[1\] \("Bad Id"\): id: expected a lower-case kebab-case id/);
    expect(problems[1]).toMatch(/issues\[2\] \("no-terms"\): terms: an issue needs at least one topic term/);
    expect(problems[2]).toMatch(/issues\[3\] \("typo"\).*term/);
    expect(problems[3]).toMatch(/issues\[4\] \("rent-control"\): duplicate id/);
  });

  it('refuses a file with no usable issue, a non-JSON file and a missing file, naming it', () => {
    expect(() => parseIssueSet({ issues: [{ id: 'x' }] }, 'a/issues.json')).toThrow(/a\/issues\.json: no usable issue/);
    expect(() => parseIssueSet({ topics: [] }, 'a/issues.json')).toThrow(/a\/issues\.json: invalid issues file/);
    const dir = mkdtempSync(join(tmpdir(), 'issues-'));
    writeFileSync(join(dir, 'issues.json'), '{ "issues": [');
    expect(() => loadIssueSet(join(dir, 'issues.json'))).toThrow(/issues\.json: issues file is not valid JSON/);
    expect(() => loadIssueSet(join(dir, 'missing.json'))).toThrow(/missing\.json: cannot read issues file/);
  });

  it('is found beside the corpus manifest, and two different ones are an error', () => {
    const root = mkdtempSync(join(tmpdir(), 'corpus-'));
    const a = join(root, 'a');
    const b = join(root, 'b');
    mkdirSync(a);
    mkdirSync(b);
    for (const d of [a, b]) writeFileSync(join(d, 'manifest.json'), '[]');
    expect(findIssuesFile([a])).toBeUndefined();
    writeFileSync(join(a, 'issues.json'), '{}');
    expect(findIssuesFile([a])).toBe(join(a, 'issues.json'));
    expect(findIssuesFile([join(a, 'x.txt')])).toBe(join(a, 'issues.json'));
    expect(findIssuesFile([b], join(a, 'manifest.json'))).toBe(join(a, 'issues.json'));
    writeFileSync(join(b, 'issues.json'), '{}');
    expect(() => findIssuesFile([a, b])).toThrow(/several issues files/);
  });
});

describe('generated inflections', () => {
  it('conjugates regular and irregular verbs and pluralises nouns, never by hand', () => {
    expect(verbForms('withdraw')).toEqual(expect.arrayContaining(['withdraws', 'withdrew', 'withdrawn', 'withdrawing']));
    expect(verbForms('slam')).toEqual(expect.arrayContaining(['slammed', 'slamming']));
    expect(verbForms('criticise')).toEqual(expect.arrayContaining(['criticised', 'criticising']));
    expect(verbForms('keep')).toContain('kept');
    expect(nounForms('policy')).toContain('policies');
  });

  it('matches an inflected phrase of the vocabulary ("called for", "ruled out")', () => {
    expect(stance('Activists called for a rent freeze.', 'rent-control')).toBe('support');
    expect(stance('The mayor has ruled out rent control.', 'rent-control')).toBe('oppose');
  });
});
