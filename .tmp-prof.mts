import { STAGES, newDoc } from './ingest/pipeline.ts';
import { readFileSync } from 'node:fs';
const man = JSON.parse(readFileSync('corpus/manifest.json','utf8'));
const inputs = man.map((m:any)=>({...m, text: readFileSync('corpus/'+m.file,'utf8')}));
const tot: Record<string, number> = {};
for (let r=0;r<6;r++) for (const inp of inputs) { let doc = newDoc(inp); for (const s of STAGES) { const t0=performance.now(); doc = s.run(doc); if (r>0) tot[s.name]=(tot[s.name]??0)+performance.now()-t0; } }
console.log(tot);
