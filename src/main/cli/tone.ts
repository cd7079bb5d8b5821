// `npm run --silent tone [-- --guide FILE]`: checks reply drafts in bulk (a macro library, a batch
// of replies). Reads JSON Lines drafts on stdin, writes one `{"id", "findings"}` line per input
// line, in order; a malformed line answers with empty findings and a message on stderr.
import '@shared/zodSetup';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { DEFAULT_VOICE_GUIDE, checkToneLine, loadLanguageProfiles, parseVoiceGuide, type VoiceGuide } from '@shared/replies';

function guideFromArgs(argv: string[]): VoiceGuide {
  const at = argv.findIndex((a) => a === '--guide' || a.startsWith('--guide='));
  if (at < 0) return DEFAULT_VOICE_GUIDE;
  const arg = argv[at] ?? '';
  const file = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[at + 1];
  if (!file) {
    process.stderr.write('tone: --guide needs a file\n');
    process.exit(2);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(`tone: cannot read voice guide ${file}: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
  const parsed = parseVoiceGuide(text);
  if (!parsed.ok) {
    process.stderr.write(`tone: voice guide ${file}: ${parsed.message}\n`);
    process.exit(2);
  }
  return parsed.guide;
}

async function main(): Promise<void> {
  const guide = guideFromArgs(process.argv.slice(2));
  await loadLanguageProfiles();
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n++;
    const line = raw.replace(/^\uFEFF/, '');
    // Blank lines carry no draft; skipping them keeps "one output per draft".
    if (line.trim() === '') continue;
    const result = checkToneLine(line, n, guide);
    if (result.error) process.stderr.write(`tone: ${result.error}\n`);
    if (!process.stdout.write(result.output + '\n')) await new Promise((r) => process.stdout.once('drain', r));
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`tone: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
