// The triage seam main's pipeline calls. The full engine (issue 4) replaces this first rule set.
import type { ChatEvent, Flag } from '../domain/model';

export interface TriageEngine {
  /** Events arrive in time order per source; behaviour detectors may keep windows between calls. */
  evaluate(event: ChatEvent): Flag[];
}

const scamWords = /\b(free nitro|nitro gift|claim (your|a) (gift|prize|reward)|airdrop|steam gift)\b/i;
const insultWords = /\b(idiot|stupid|moron|loser)\b/i;
const linkPattern = /https?:\/\/[^\s<>()]+/gi;
const suspiciousHosts = /(disc[o0]rd-?(gift|nitro|app)|steamcommun[il1]ty|d[i1]scord\.(gift|ru)|\.ru\/|nitro)/i;

function span(text: string, m: RegExpExecArray) {
  return { start: m.index, end: m.index + m[0].length, text: m[0] };
}

export function createTriageEngine(): TriageEngine {
  return {
    evaluate(event) {
      const text = event.text;
      if (event.kind !== 'message' || !text) return [];
      const flags: Flag[] = [];
      for (const m of text.matchAll(linkPattern)) {
        if (suspiciousHosts.test(m[0])) {
          flags.push({
            rule: 'link.scam-domain',
            category: 'scam',
            severity: 'high',
            reason: `Link to a look-alike of a known brand: ${m[0]}`,
            evidence: [{ start: m.index, end: m.index + m[0].length, text: m[0] }],
          });
        }
      }
      const scam = scamWords.exec(text);
      if (scam) {
        flags.push({ rule: 'keyword.scam-lure', category: 'scam', severity: 'medium', reason: `Scam lure phrase "${scam[0]}"`, evidence: [span(text, scam)] });
      }
      const insult = insultWords.exec(text);
      if (insult) {
        flags.push({ rule: 'keyword.insult', category: 'toxicity', severity: 'medium', reason: `Insult "${insult[0]}"`, evidence: [span(text, insult)] });
      }
      return flags;
    },
  };
}
