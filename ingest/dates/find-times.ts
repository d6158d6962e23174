/**
 * Finds time expressions in news prose and resolves them against the publication date.
 *
 * chrono-node finds the absolute dates ("January 10", "Jan. 5, 2019", "10 March 2020"); the
 * relative expressions news prose uses ("Tuesday", "last Friday", "last month", "earlier this
 * month", "last summer", "in October", "in late 2019", "two weeks ago", "the previous day") are
 * matched by the rules below, because news conventions differ from chrono's defaults: a bare
 * weekday or month is the most recent one on or before publication, never a future one.
 */
import * as chrono from 'chrono-node';
import type { DateValue, TimeExpression } from '../types.ts';
import {
  addDays,
  addMonths,
  compareYmd,
  currentOrLastSeason,
  dayValue,
  lastSeason,
  monthValue,
  parseYmd,
  previousMonth,
  previousWeekday,
  rangeValue,
  seasonRange,
  weekOf,
  weekdayOf,
  yearValue,
  type Season,
  type Ymd,
} from './calendar.ts';

type Basis = TimeExpression['basis'];
interface Found {
  start: number;
  end: number;
  date: DateValue;
  basis: Basis;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_RE =
  '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)';
const YEAR_RE = '((?:19|20)\\d{2})';
const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12,
};

const monthIndex = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
const isCapitalised = (s: string) => /^[A-Z]/.test(s);
const seasonOf = (s: string): Season => {
  const l = s.toLowerCase();
  return l === 'fall' ? 'autumn' : (l as Season);
};

/** Each rule: a regex (global, case-insensitive) and how a match resolves against publication. */
interface Rule {
  re: RegExp;
  resolve: (m: RegExpExecArray, pub: Ymd, text: string) => { date: DateValue; basis: Basis } | null;
}

const RULES: Rule[] = [
  // Weekdays: "Tuesday", "last Friday", "Wednesday evening", "next Monday".
  {
    re: /\b(?:(last|past|this|next)\s+)?(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)(?:\s+(?:morning|afternoon|evening|night))?\b/gi,
    resolve: (m, pub) => {
      const name = m[2]!;
      if (!isCapitalised(name)) return null;
      const wd = WEEKDAYS.indexOf(name.toLowerCase());
      const mod = m[1]?.toLowerCase();
      if (mod === 'next') {
        const ahead = (wd - weekdayOf(pub) + 7) % 7 || 7;
        return { date: dayValue(addDays(pub, ahead)), basis: 'relative' };
      }
      const strict = mod === 'last' || mod === 'past';
      return { date: dayValue(previousWeekday(pub, wd, strict)), basis: 'relative' };
    },
  },
  // Month names without a day: "in October", "last October", "mid-December", "December 2021", "late May 2019".
  {
    re: new RegExp(
      `\\b(?:(last|this|next)\\s+)?(?:(early|mid|late)[-\\s]+)?${MONTH_RE}(?:,?\\s+${YEAR_RE})?(?![-\\s]*\\d)(?!\\w)`,
      'gi',
    ),
    resolve: (m, pub, text) => {
      const name = m[3]!;
      if (!isCapitalised(name)) return null;
      const month = monthIndex(name);
      const mod = m[1]?.toLowerCase();
      if (m[4]) return { date: monthValue(Number(m[4]), month), basis: 'explicit' };
      // "May" is also a verb: bare, it counts only after a preposition ("in May")
      if (name === 'May' && !mod && !m[2] && !/\b(?:in|since|until|by|during)\s+$/i.test(text.slice(Math.max(0, m.index - 8), m.index)))
        return null;
      if (mod === 'next') {
        const y = month > pub.m ? pub.y : pub.y + 1;
        return { date: monthValue(y, month), basis: 'relative' };
      }
      if (mod === 'this') return { date: monthValue(pub.y, month), basis: 'relative' };
      const { y } = previousMonth(pub, month, mod === 'last');
      return { date: monthValue(y, month), basis: 'relative' };
    },
  },
  // Bare years: "in 2011", "late 2019", "the 2003 invasion".
  {
    re: new RegExp(`(?<![\\d,.$£€\\/-])\\b(?:(early|mid|late)[-\\s]+)?${YEAR_RE}\\b(?![,.]?\\d)(?!\\s*[-–/]\\s*\\d)`, 'gi'),
    resolve: (m) => ({ date: yearValue(Number(m[2])), basis: 'explicit' }),
  },
  // "last week", "this month", "next year" (+ "earlier"/"later" via the generic prefix).
  {
    re: /\b(last|this|next)\s+(week|month|year)\b/gi,
    resolve: (m, pub) => {
      const mod = m[1]!.toLowerCase();
      const unit = m[2]!.toLowerCase();
      const step = mod === 'last' ? -1 : mod === 'next' ? 1 : 0;
      if (unit === 'year') return { date: yearValue(pub.y + step), basis: 'relative' };
      if (unit === 'month') {
        const { y, m: mm } = addMonths(pub.y, pub.m, step);
        return { date: monthValue(y, mm), basis: 'relative' };
      }
      const week = weekOf(addDays(pub, 7 * step));
      // "this week" said in a news report means the days up to publication
      const to = step === 0 ? pub : week.to;
      return { date: rangeValue(week.from, to), basis: 'relative' };
    },
  },
  // Seasons, only with a modifier or a year ("fall" alone is a verb): "last summer", "in the winter of 2019", "summer 2020".
  {
    re: new RegExp(
      `\\b(?:(last|this|next|the)\\s+)?(spring|summer|autumn|fall|winter)(?:\\s+(?:of\\s+)?${YEAR_RE})?\\b`,
      'gi',
    ),
    resolve: (m, pub) => {
      const season = seasonOf(m[2]!);
      const mod = m[1]?.toLowerCase();
      if (m[3]) {
        const r = seasonRange(season, Number(m[3]));
        return { date: rangeValue(r.from, r.to), basis: 'explicit' };
      }
      if (!mod) return null;
      if (mod === 'next') {
        const r = seasonRange(season, pub.y + (compareYmd(seasonRange(season, pub.y).from, pub) > 0 ? 0 : 1));
        return { date: rangeValue(r.from, r.to), basis: 'relative' };
      }
      const r = mod === 'last' ? lastSeason(pub, season) : currentOrLastSeason(pub, season);
      return { date: rangeValue(r.from, r.to), basis: 'relative' };
    },
  },
  // "yesterday", "today" (lower case only: "USA Today" is a newspaper)
  {
    re: /\b(yesterday|today)\b/g,
    resolve: (m, pub) => ({ date: dayValue(m[1] === 'yesterday' ? addDays(pub, -1) : pub), basis: 'relative' }),
  },
  // "two weeks ago", "a month ago", "three years ago"
  {
    re: /\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+(day|week|month|year)s?\s+ago\b/gi,
    resolve: (m, pub) => {
      const n = NUMBER_WORDS[m[1]!.toLowerCase()] ?? Number(m[1]);
      const unit = m[2]!.toLowerCase();
      if (unit === 'day') return { date: dayValue(addDays(pub, -n)), basis: 'relative' };
      if (unit === 'week') {
        const mid = addDays(pub, -7 * n);
        return { date: rangeValue(addDays(mid, -3), addDays(mid, 3)), basis: 'relative' };
      }
      if (unit === 'month') {
        const { y, m: mm } = addMonths(pub.y, pub.m, -n);
        return { date: monthValue(y, mm), basis: 'relative' };
      }
      return { date: yearValue(pub.y - n), basis: 'relative' };
    },
  },
];

/** Day-relative expressions resolved against the last day-precise date before them (else publication). */
const ANAPHORIC_RE =
  /\b(the\s+(?:previous|next|following|same)\s+day|the\s+day\s+(?:before|after)|a\s+day\s+(?:later|earlier)|that\s+day)\b/gi;
const anaphoricShift = (s: string): number => {
  const l = s.toLowerCase();
  if (/previous|before|earlier/.test(l)) return -1;
  if (/next|following|after|later/.test(l)) return 1;
  return 0;
};

/** Words before a time expression that belong to it ("on Friday", "earlier on Wednesday", "in late 2019"). */
const PREFIX_RE = /(?:\b(?:earlier|later)\s+(?:on\s+|in\s+)?|\b(?:on|in|during)\s+(?:the\s+)?)$/i;
/** "ahead of Wednesday's talks": the time of something before that day. */
const BEFORE_RE = /\b(?:ahead\s+of|before|prior\s+to|in\s+the\s+run-up\s+to)\s+$/i;
const POSSESSIVE_NOUN_RE = /^(?:'s|’s)(?:\s+[a-z-]+)?/;

/** Where a day-precise date may be: a month name next to a number, or a numeric date. */
const DAY_DATE_HINT_RE = new RegExp(
  `${MONTH_RE.replace(/\\\./g, '\\.?')}\\s*\\d|\\d\\s*(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_RE}|\\b\\d{1,4}[/-]\\d{1,2}[/-]\\d{1,4}\\b`,
  'g',
);

/**
 * Text windows around date hints, merged, widened to whitespace: chrono runs only there,
 * which keeps this stage fast on long articles with few dates.
 */
function hintWindows(text: string): { start: number; end: number }[] {
  const windows: { start: number; end: number }[] = [];
  DAY_DATE_HINT_RE.lastIndex = 0;
  for (let m = DAY_DATE_HINT_RE.exec(text); m; m = DAY_DATE_HINT_RE.exec(text)) {
    let start = Math.max(0, m.index - 40);
    let end = Math.min(text.length, m.index + m[0].length + 40);
    while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
    while (end < text.length && !/\s/.test(text[end]!)) end++;
    const last = windows.at(-1);
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else windows.push({ start, end });
  }
  return windows;
}

function chronoFinds(text: string, pub: Ymd): Found[] {
  const ref = new Date(Date.UTC(pub.y, pub.m - 1, pub.d, 12));
  const out: Found[] = [];
  const results = hintWindows(text).flatMap((w) =>
    chrono.en.strict
      .parse(text.slice(w.start, w.end), { instant: ref, timezone: 0 }, { forwardDate: false })
      .map((r) => ({ r, offset: w.start })),
  );
  for (const { r, offset } of results) {
    const c = r.start;
    // the rules above own weekdays, month-only and relative words; chrono is kept for day-precise dates
    if (!c.isCertain('day') || !c.isCertain('month') || !/\d/.test(r.text)) continue;
    let y = c.get('year') ?? pub.y;
    const m = c.get('month')!;
    const d = c.get('day')!;
    if (!c.isCertain('year')) {
      // a day without a year is in the publication's year unless that is well after publication
      y = pub.y;
      if (compareYmd({ y, m, d }, addDays(pub, 60)) > 0) y -= 1;
    }
    const trimmed = r.text.replace(/[\s,.]+$/, '');
    out.push({
      start: offset + r.index,
      end: offset + r.index + trimmed.length,
      date: dayValue({ y, m, d }),
      basis: 'explicit',
    });
  }
  return out;
}

/**
 * Every time expression in `text`, resolved against the publication date `published` (YYYY-MM-DD),
 * in text order, without overlaps.
 */
export function findTimeExpressions(text: string, published: string): TimeExpression[] {
  const pub = parseYmd(published);
  const found: Found[] = chronoFinds(text, pub);
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      const r = rule.resolve(m, pub, text);
      if (r) found.push({ start: m.index, end: m.index + m[0].length, ...r });
    }
  }
  // longest first wins an overlap ("December 2021" over "2021", "January 10, 2024" over "January")
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Found[] = [];
  for (const f of found) if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  kept.sort((a, b) => a.start - b.start);

  // "the previous day" etc. refer to the last day-precise date mentioned before them
  ANAPHORIC_RE.lastIndex = 0;
  for (let m = ANAPHORIC_RE.exec(text); m; m = ANAPHORIC_RE.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (kept.some((k) => start < k.end && k.start < end)) continue;
    const anchor = [...kept].reverse().find((k) => k.end <= start && k.date.granularity === 'day');
    const base = anchor ? parseYmd(anchor.date.value) : pub;
    kept.push({ start, end, date: dayValue(addDays(base, anaphoricShift(m[0]))), basis: 'relative' });
  }
  kept.sort((a, b) => a.start - b.start);

  return kept.map((f) => {
    let { start, end, date, basis } = f;
    const before = text.slice(Math.max(0, start - 40), start);
    const ahead = BEFORE_RE.exec(before);
    if (ahead) {
      // shortly before that day: said in that day's month
      start -= ahead[0].length;
      const poss = POSSESSIVE_NOUN_RE.exec(text.slice(end));
      if (poss) end += poss[0].length;
      const anchor = parseYmd(date.from);
      date = date.granularity === 'day' ? monthValue(anchor.y, anchor.m) : date;
      basis = 'relative';
    } else {
      const pre = PREFIX_RE.exec(before);
      if (pre) start -= pre[0].length;
    }
    return { start, end, text: text.slice(start, end), date, basis };
  });
}
