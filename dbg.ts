import { extractArticle } from './ingest/pipeline.ts';
import { toPredictions } from './ingest/predictions.ts';
const text = `Iraq asks US to set timetable for troop exit

BAGHDAD (AP) — Iraq's prime minister said Tuesday that his government wants a timetable for the departure of American troops, a demand that could complicate talks with Washington.

"We want a clear date, not open-ended promises," Prime Minister Adil Abdul-Mahdi told reporters in Baghdad. He added that Iraqi forces were "fully capable" of securing the country.

The U.S. State Department said it was reviewing the request. A spokeswoman, Morgan Ortagus, said Washington remained committed to "a strong, prosperous and stable Iraq."

Two Iraqi lawmakers, speaking on condition of anonymity because they were not authorized to brief reporters, said the parliament would vote on a resolution next week.

Kataib Hezbollah, an Iran-backed militia, warned in a statement on Monday that it would target U.S. forces if they did not leave. "The occupation will end," the group said.

Secretary of State Mike Pompeo spoke with Abdul-Mahdi by phone on Sunday, urging him to protect U.S. personnel, according to a State Department readout.`;
const d = extractArticle({ file: 'x.txt', text, title: 't', source: 'AP', url: null, published: '2020-01-07' });
const p = toPredictions(d);
console.log(p.actors.map(a => `${a.id}[${a.type}]: ${a.mentions.join(' | ')}`).join('\n'));
for (const s of p.statements) console.log(s.date, s.speaker.padEnd(30), s.kind.padEnd(8), s.text);
console.log(p.positions);
