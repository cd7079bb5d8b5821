// Scores triage's context rules on this folder's own cases (issue 14 §2): warnings, quotations and
// discussions of scams must not be flagged as scams (false positives), real lures must still be
// (recall kept), and a burst of members' short reactions must not become flood items while one
// account's flood still does. tuning.jsonl was tuned on; heldout.jsonl never was (see README.md).
// Run: npx tsx eval/context/score.ts [--json]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { ChatEvent } from '../../src/shared/domain/model';
import { createTriageEngine } from '../../src/shared/triage';
import { floodScenarios, type FloodScenario } from './streams';

const Case = z.object({
  id: z.string(),
  lang: z.string(),
  label: z.enum(['benign', 'scam', 'spam']),
  kind: z.string(),
  text: z.string(),
  /** The lure case this warning quotes. */
  quotes: z.string().optional(),
});
type Case = z.infer<typeof Case>;

const judged = new Set(['scam', 'phishing', 'spam']);

function load(name: string): Case[] {
  const file = fileURLToPath(new URL(`./${name}`, import.meta.url));
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => Case.parse(JSON.parse(l)));
}

let n = 0;
function event(text: string, authorId = `m${++n}`, ts = 1_772_000_000_000 + n * 60_000): ChatEvent {
  return {
    id: `discord:g:c:${++n}`, sourceId: 's', platform: 'discord', kind: 'message', spaceId: 'g', channelId: 'c', ts,
    author: { id: authorId, name: authorId, bot: false, accountCreatedAt: 1_500_000_000_000, joinedAt: 1_600_000_000_000 },
    text,
  };
}

function scoreTexts(cases: Case[]) {
  const engine = createTriageEngine();
  const out = { benign: 0, falsePositives: [] as string[], lures: 0, caught: 0, missed: [] as string[], quotingCaught: 0, quotingCaughtFlagged: 0 };
  const flaggedById = new Map<string, boolean>();
  for (const c of cases) {
    const flagged = engine.evaluate(event(c.text)).some((f) => judged.has(f.category));
    flaggedById.set(c.id, flagged);
    // A warning quoting a lure the rules catch on its own: the case where context has work to do.
    if (c.quotes !== undefined && flaggedById.get(c.quotes) === true) {
      out.quotingCaught++;
      if (flagged) out.quotingCaughtFlagged++;
    }
    if (c.label === 'benign') {
      out.benign++;
      if (flagged) out.falsePositives.push(c.id);
    } else {
      out.lures++;
      if (flagged) out.caught++;
      else out.missed.push(c.id);
    }
  }
  return out;
}

function scoreFloods(scenarios: FloodScenario[]) {
  const rows = [];
  for (const s of scenarios) {
    const engine = createTriageEngine();
    const floodedIds = new Set<string>();
    let ordinary = 0;
    let ordinaryFlagged = 0;
    for (const m of s.messages) {
      const flags = engine.evaluate({ ...event(m.text, m.authorId, m.ts), channelId: m.channelId ?? 'c' });
      const flood = flags.some((f) => f.category === 'flood');
      if (m.flooder) {
        if (flood) floodedIds.add(m.authorId);
      } else {
        ordinary++;
        if (flood) ordinaryFlagged++;
      }
    }
    rows.push({ scenario: s.name, ordinary, ordinaryFlood: ordinaryFlagged, flooders: s.flooders.length, floodersCaught: s.flooders.filter((f) => floodedIds.has(f)).length });
  }
  return rows;
}

const report = {
  tuning: { texts: scoreTexts(load('tuning.jsonl')), floods: scoreFloods(floodScenarios('tuning')) },
  heldout: { texts: scoreTexts(load('heldout.jsonl')), floods: scoreFloods(floodScenarios('heldout')) },
};
if (process.argv.includes('--json')) console.log(JSON.stringify(report, null, 2));
else {
  for (const [part, r] of Object.entries(report)) {
    const t = r.texts;
    console.log(`${part}: warnings/discussions flagged ${t.falsePositives.length}/${t.benign}; lures caught ${t.caught}/${t.lures}`);
    if (t.quotingCaught > 0) console.log(`  warnings quoting a lure the rules catch: flagged ${t.quotingCaughtFlagged}/${t.quotingCaught}`);
    if (t.falsePositives.length) console.log(`  false positives: ${t.falsePositives.join(' ')}`);
    if (t.missed.length) console.log(`  missed: ${t.missed.join(' ')}`);
    for (const f of r.floods) console.log(`  ${f.scenario}: ordinary messages flagged as flood ${f.ordinaryFlood}/${f.ordinary}; flooders caught ${f.floodersCaught}/${f.flooders}`);
  }
}
