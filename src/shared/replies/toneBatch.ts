// The pure core of `npm run tone`: one JSON Lines draft in, one result line out, never a throw —
// a malformed line still answers (empty findings) so the output stays in step with the input.
import { z } from 'zod';
import { firstIssueText, issuesText } from '../zodText';
import { DraftToCheckSchema, checkTone, type ToneFinding } from './toneCheck';
import { VoiceGuideSchema, type VoiceGuide } from './voiceGuide';

export const ToneRequestSchema = DraftToCheckSchema.extend({ id: z.union([z.string(), z.number()]) });

export interface ToneLineResult {
  /** The JSON line to print. */
  output: string;
  /** Said on stderr when the line could not be checked. */
  error?: string;
}

function idOf(value: unknown): string | number | null {
  if (value && typeof value === 'object' && 'id' in value) {
    const id = (value as { id: unknown }).id;
    if (typeof id === 'string' || typeof id === 'number') return id;
  }
  return null;
}

export function checkToneLine(line: string, lineNumber: number, guide: VoiceGuide): ToneLineResult {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { output: JSON.stringify({ id: null, findings: [] }), error: `line ${lineNumber}: not valid JSON` };
  }
  const parsed = ToneRequestSchema.safeParse(json);
  if (!parsed.success) {
    return { output: JSON.stringify({ id: idOf(json), findings: [] }), error: `line ${lineNumber}: ${firstIssueText(parsed.error, 'draft')}` };
  }
  const { id, ...draft } = parsed.data;
  const findings: ToneFinding[] = checkTone(draft, guide);
  return { output: JSON.stringify({ id, findings }) };
}

/** Parses a voice guide file's contents; the message says what is wrong and where. */
export function parseVoiceGuide(text: string): { ok: true; guide: VoiceGuide } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  const parsed = VoiceGuideSchema.safeParse(json);
  if (!parsed.success) return { ok: false, message: issuesText(parsed.error, 'guide') };
  return { ok: true, guide: parsed.data };
}
