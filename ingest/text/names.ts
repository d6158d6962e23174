/** Word lists for telling names from other capitalised words in news prose. */
import { TITLES } from './lexicon.ts';

/** Capitalised words that start sentences but never names or organisations. */
export const SENTENCE_STARTERS = new Set(
  `The A An But And Or In On At By For From With As After Before Despite According When While Since Meanwhile Moreover However
  Indeed Last Earlier Recently This That These Those It Its He She They We I You If Reportedly Successive Both Some Many Such
  Nor Any All Each Every Other Another No Not Yet Still Also Then Than There Here Where What Who Whom Whose Which Why How
  Later Separately Instead Now Today Yesterday Tomorrow Thus Therefore Nevertheless Nonetheless Furthermore Additionally Finally
  Overall Initially Eventually Previously Currently Ultimately Notably Specifically Similarly Likewise Otherwise Perhaps Maybe
  Unlike Like Amid Although Though Because Once Until Unless Whether During Across Around Toward Towards Upon Via Near Beyond
  Inside Outside Ahead Asked Speaking Citing Using Under Over Into Through Between Among Against Without Within Having Being
  Following Accordingly Consequently Elsewhere Again Even Only Just Already Soon Shortly Earlier Last Next Recently Reportedly`.split(/\s+/),
);

/** Capitalised words that start sentences or modify names but are never part of a person's name. */
export const FIRST_TOKEN_STOP = new Set(
  `${[...SENTENCE_STARTERS].join(' ')} The A An But And Or In On At By For From With As After Before Despite According When While Since Meanwhile Moreover However
  Indeed Last Earlier Recently This That These Those It Its He She They We I You If Reportedly Successive Both Some Many Such
  Nor Any All Each Every Other Another No Not Yet Still Also Then Than There Here Where What Who Whom Whose Which Why How
  Having Being Coming Calls Car Charges Exchanges Following Under Over Into Through Between Among Against Without Within
  Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September
  October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mr Mrs Ms Dr
  Iraqi Iraqis Iranian Iranians American Americans Turkish Syrian Kurdish Saudi Israeli British French Russian Western Arab
  Shiite Shiites Sunni Sunnis Islamic Islamist Gulf Middle East Persian US U.S. UN NATO Former Source Loading English ALSO READ
  Leave Reply Your Email Required Author Photo Image Video Read More Related Advertisement Share Comment Comments`.split(/\s+/),
);

const TITLE_WORDS = new Set(
  [...TITLES].flatMap((t) => t.split(/\s+/)).map((w) => w.replace(/\.$/, '').toLowerCase()).filter((w) => w.length > 1 && !/^(of|the|by)$/.test(w)),
);
for (const w of ['undersecretary', 'under', 'deputy', 'acting', 'interim', 'foreign', 'defense', 'defence', 'state', 'interior', 'national', 'security', 'press', 'vice', 'prime', 'minister', 'lt', 'gen', 'maj', 'brig', 'col', 'adm', 'sgt', 'capt'])
  TITLE_WORDS.add(w);

/** "President", "Gen.", "Secretary", "Brig." … (capitalised title words that precede names). */
export function isTitleToken(tok: string): boolean {
  if (!/^[A-Z]/.test(tok)) return false;
  return TITLE_WORDS.has(tok.replace(/\.$/, '').toLowerCase());
}
