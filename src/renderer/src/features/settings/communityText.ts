// Text forms of the community settings a moderator edits as lines: words to avoid ("phrase => instead"),
// extra harsh words, and new rule ids made from a title.
import type { AvoidPhrase } from '@shared/replies';

export function avoidToLines(list: readonly AvoidPhrase[]): string {
  return list.map((a) => (a.instead ? `${a.phrase} => ${a.instead}` : a.phrase)).join('\n');
}

export function linesToAvoid(text: string): AvoidPhrase[] {
  const out: AvoidPhrase[] = [];
  const seen = new Set<string>();
  for (const line of text.split('\n')) {
    const [phrase = '', ...rest] = line.split('=>');
    const p = phrase.trim();
    if (!p || seen.has(p.toLowerCase())) continue;
    seen.add(p.toLowerCase());
    const instead = rest.join('=>').trim();
    out.push(instead ? { phrase: p, instead } : { phrase: p });
  }
  return out;
}

export function linesToWords(text: string): string[] {
  return [...new Set(text.split('\n').map((l) => l.trim()).filter(Boolean))];
}

/** A stable id for a new rule from its title ("No NSFW links" → "no-nsfw-links"), unique in the list. */
export function ruleIdFor(title: string, taken: ReadonlySet<string>): string {
  const base = title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'rule';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
