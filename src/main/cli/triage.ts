// `npm run --silent triage [-- --pack FILE | --no-model]`: batch triage. Reads JSON Lines events on stdin as one
// time-ordered stream and writes one `{"id", "flags"}` line per input line, in order.
// Also exports the loader of the scam-domain lists, so main can hand the same data to the engine.
import '@shared/zodSetup';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { EventKindSchema, PlatformSchema, type ChatEvent, type Platform } from '@shared/domain/model';
import { firstIssueText } from '@shared/zodText';
import { createTriageEngine, defaultPack, RulePackSchema, type TriageEngine } from '@shared/triage';
import { loadScamDomainLists } from '../pipeline/scamDomains';

export { loadScamDomainLists };

/** A time as the CLI may receive it: epoch milliseconds, epoch seconds, or an ISO string. */
const TimeSchema = z.union([z.number(), z.string()]).transform((v, ctx) => {
  if (typeof v === 'number') return v < 1e11 ? v * 1000 : v;
  const asNumber = Number(v);
  if (v.trim() !== '' && Number.isFinite(asNumber)) return asNumber < 1e11 ? asNumber * 1000 : asNumber;
  const parsed = Date.parse(v);
  if (Number.isNaN(parsed)) {
    ctx.addIssue({ code: 'custom', message: `not a time: ${v.slice(0, 40)}` });
    return z.NEVER;
  }
  return parsed;
});

const InputLineSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  platform: z.string().optional(),
  kind: EventKindSchema.default('message'),
  text: z.string().nullish(),
  authorId: z.union([z.string(), z.number()]).transform(String).optional(),
  authorName: z.string().optional(),
  accountCreatedAt: TimeSchema.nullish(),
  joinedAt: TimeSchema.nullish(),
  channelId: z.union([z.string(), z.number()]).transform(String).optional(),
  spaceId: z.union([z.string(), z.number()]).transform(String).optional(),
  ts: TimeSchema.optional(),
  mentions: z.union([z.number().int().nonnegative(), z.array(z.unknown()).transform((a) => a.length)]).optional(),
});
type InputLine = z.infer<typeof InputLineSchema>;

/** A line without `platform` is Discord's; a platform we do not know is refused, not guessed. */
export function platformOf(line: InputLine): { ok: true; platform: Platform } | { ok: false; reason: string } {
  if (line.platform === undefined) return { ok: true, platform: 'discord' };
  const platform = PlatformSchema.safeParse(line.platform);
  if (platform.success) return { ok: true, platform: platform.data };
  return { ok: false, reason: `platform: unknown platform ${JSON.stringify(line.platform.slice(0, 40))} (expected ${PlatformSchema.options.join(', ')})` };
}

export function toChatEvent(line: InputLine, eventNo: number, lastTs: number): ChatEvent {
  const platform = platformOf(line);
  if (!platform.ok) throw new Error(platform.reason);
  const p = platform.platform;
  const channelId = line.channelId && line.channelId.length > 0 ? line.channelId.slice(0, 200) : 'default';
  const spaceId = line.spaceId && line.spaceId.length > 0 ? line.spaceId.slice(0, 200) : `${p}-stream`;
  const authorId = (line.authorId && line.authorId.length > 0 ? line.authorId : `anon-${eventNo}`).slice(0, 200);
  const event: ChatEvent = {
    id: `${p}:${spaceId}:${channelId}:${line.id}`.slice(0, 400),
    sourceId: 'cli',
    platform: p,
    kind: line.kind,
    spaceId,
    channelId,
    messageId: line.id.slice(0, 200) || undefined,
    ts: line.ts ?? lastTs,
    author: {
      id: authorId,
      name: line.authorName ?? authorId,
      bot: false,
      accountCreatedAt: line.accountCreatedAt ?? undefined,
      joinedAt: line.joinedAt ?? undefined,
    },
    text: line.text ?? undefined,
    mentions: line.mentions,
  };
  return event;
}

function idOf(raw: string): string | null {
  try {
    const v: unknown = JSON.parse(raw);
    if (v && typeof v === 'object' && 'id' in v) {
      const id = (v as { id: unknown }).id;
      if (typeof id === 'string' || typeof id === 'number') return String(id);
    }
  } catch {
    /* not JSON at all */
  }
  return null;
}

export async function runTriageCli(argv: string[], input: NodeJS.ReadableStream, output: NodeJS.WritableStream, errors: NodeJS.WritableStream): Promise<number> {
  let engine: TriageEngine;
  const packAt = argv.indexOf('--pack');
  try {
    const domains = argv.includes('--no-domain-list') ? {} : loadScamDomainLists();
    if (packAt >= 0) {
      const file = argv[packAt + 1];
      if (!file) throw new Error('--pack needs a file');
      const pack = RulePackSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
      engine = createTriageEngine({ pack, domains });
    } else if (argv.includes('--no-model')) engine = createTriageEngine({ pack: { ...defaultPack, model: { enabled: false } }, domains });
    else engine = createTriageEngine({ domains });
  } catch (error) {
    errors.write(`triage: cannot load the rule pack: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  for (const p of engine.problems) errors.write(`triage: rule ${p.rule}: ${p.problem}\n`);

  const rl = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let eventNo = 0;
  let lastTs = 0;
  let buffer = '';
  for await (const line of rl) {
    lineNo++;
    // Editors on Windows start UTF-8 files with a byte-order mark; JSON.parse refuses it.
    const raw = lineNo === 1 && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
    let out: { id: string | null; flags: unknown[] };
    try {
      const parsed = InputLineSchema.safeParse(JSON.parse(raw));
      if (!parsed.success) throw new Error(firstIssueText(parsed.error, 'line'));
      const event = toChatEvent(parsed.data, ++eventNo, lastTs);
      lastTs = Math.max(lastTs, event.ts);
      out = { id: parsed.data.id, flags: engine.evaluate(event) };
    } catch (error) {
      errors.write(`triage: line ${lineNo} skipped: ${error instanceof Error ? error.message : String(error)}\n`);
      out = { id: idOf(raw), flags: [] };
    }
    buffer += JSON.stringify(out) + '\n';
    if (buffer.length > 64_000) {
      output.write(buffer);
      buffer = '';
    }
  }
  if (buffer.length > 0) output.write(buffer);
  return 0;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  runTriageCli(process.argv.slice(2), process.stdin, process.stdout, process.stderr).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`triage: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
