// A message flagged by hand (a "miss"): the ledger record a console writes for it, cut to fit one ledger
// message, and the category words the record keeps. Pure, so main and the tests build the same record.
import { canonicalJson } from './canonical';
import { HAND_FLAG_NOTE_MAX, HAND_FLAG_TEXT_MAX, MAX_MESSAGE_CHARS, type HandFlagCategory, type RecordBody } from './records';

export interface HandFlagRequest {
  ev: string;
  p: 'discord' | 'telegram' | 'whatsapp';
  space: string;
  channel: string;
  msg: string;
  cat: HandFlagCategory;
  note?: string | undefined;
  text: string;
  author?: { id: string; name: string } | undefined;
  chName?: string | undefined;
  ts?: number | undefined;
}

/** Room the signed envelope around a body takes in a ledger message (key, counter, clock, signature, prefix). */
const ENVELOPE_ROOM = 320;

/**
 * The `flag` record for a request: the note and names capped, the text cut (by code points, never inside a
 * surrogate pair) until the record fits one ledger message however much its characters grow when escaped.
 */
export function handFlagRecord(request: HandFlagRequest): Extract<RecordBody, { t: 'flag' }> {
  const chars = [...request.text];
  let keep = Math.min(chars.length, HAND_FLAG_TEXT_MAX);
  while (chars.slice(0, keep).join('').length > HAND_FLAG_TEXT_MAX) keep--;
  const noteChars = [...(request.note?.trim() ?? '')];
  let keepNote = noteChars.length;
  while (noteChars.slice(0, keepNote).join('').length > HAND_FLAG_NOTE_MAX) keepNote--;
  const build = (n: number): Extract<RecordBody, { t: 'flag' }> => {
    const note = noteChars.slice(0, keepNote).join('');
    return {
      t: 'flag',
      ev: request.ev,
      p: request.p,
      space: request.space,
      channel: request.channel,
      msg: request.msg,
      cat: request.cat,
      ...(note ? { note } : {}),
      text: chars.slice(0, n).join(''),
      ...(request.author ? { author: { id: request.author.id, name: request.author.name.slice(0, 100) } } : {}),
      ...(request.chName ? { chName: request.chName.slice(0, 100) } : {}),
      ...(request.ts !== undefined ? { ts: request.ts } : {}),
    };
  };
  let body = build(keep);
  // Whichever of text and note takes more room once escaped gives way, so neither is cut to nothing for the other.
  while ((keep > 0 || keepNote > 0) && canonicalJson(body).length > MAX_MESSAGE_CHARS - ENVELOPE_ROOM) {
    if (JSON.stringify(body.text).length >= JSON.stringify(body.note ?? '').length) keep = Math.floor(keep * 0.9);
    else keepNote = Math.floor(keepNote * 0.9);
    body = build(keep);
  }
  return body;
}
