// Renders one reply document for each platform (Discord markdown, Telegram HTML, WhatsApp's own
// markers), escaping every text run so names and links never become markup or pings, and splits
// a reply that is over the platform's length limit at paragraph, then sentence, then word boundaries.
import type { Platform } from '../domain/model';
import { sameStyle, type Block, type ReplyDocument, type Run } from './draft';

/** Hard limits of one message, in UTF-16 code units (what the APIs count, or stricter). */
export const PLATFORM_LIMITS: Record<Platform, number> = { discord: 2000, telegram: 4096, whatsapp: 65536 };

export interface RenderedMessage {
  text: string;
  /** Telegram needs `parse_mode: 'HTML'` for this text; the others send it as is. */
  parseMode?: 'HTML';
  /** What the platform counts against its limit (Telegram counts text without tags). */
  length: number;
}

export interface RenderedReply {
  platform: Platform;
  messages: RenderedMessage[];
  /** Said to the moderator in the preview: a split, or a cut that could not respect a sentence. */
  warnings: string[];
}

type StyleKey = 'href' | 'bold' | 'italic' | 'code';
const ORDER: StyleKey[] = ['href', 'bold', 'italic', 'code'];

interface Dialect {
  open(key: StyleKey, run: Run): string;
  close(key: StyleKey, run: Run): string;
  text(s: string, lineStart: boolean): string;
  code(s: string): string;
  bareLink(url: string): string;
  bullet(ordered: boolean, n: number): string;
  codeBlock(s: string): string;
  measure(rendered: string): number;
  /** A last pass over the whole message: a ping can form across two runs ("@" + "everyone"). */
  finish(rendered: string): string;
  parseMode?: 'HTML';
}

const ZWSP = '\u200B';
const WORD_JOINER = '\u2060';

/** Characters a URL carries percent-encoded so no platform reads markup or a mention inside it. */
function encodeUrl(url: string): string {
  return url.replace(/[^A-Za-z0-9\-.:/?#=&%+,;!$'']/g, (c) =>
    Array.from(new TextEncoder().encode(c), (b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join(''),
  );
}

/** Breaks `@everyone`, `@here` and `<@id>`/`<@&role>`/`<#channel>`/`<:emoji:id>`/`</cmd:id>`/`<t:…>`. */
function defuseDiscordMentions(s: string): string {
  return s.replace(/@(?=everyone|here)/gi, '@' + ZWSP).replace(/<(?=[@#:/]|a:|t:)/g, '<' + ZWSP);
}

const discord: Dialect = {
  open: (k) => ({ href: '[', bold: '**', italic: '*', code: '`' })[k],
  close: (k, run) => ({ href: `](${encodeUrl(run.href ?? '')})`, bold: '**', italic: '*', code: '`' })[k],
  text(s, lineStart) {
    let out = defuseDiscordMentions(s).replace(/[\\*_~`|[\]<>]/g, '\\$&');
    // Block markers only mean something at the start of a line.
    out = out.replace(/(^|\n)(\s*)([#\->+]|\d+\.)/g, (m, nl: string, sp: string, mark: string, offset: number) =>
      offset === 0 && !lineStart ? m : `${nl}${sp}\\${mark}`,
    );
    return out;
  },
  code: (s) => defuseDiscordMentions(s).replace(/`/g, 'ˋ'),
  bareLink: (url) => encodeUrl(url),
  bullet: (ordered, n) => (ordered ? `${n}. ` : '- '),
  codeBlock: (s) => '```\n' + defuseDiscordMentions(s).replace(/```/g, 'ˋˋˋ') + '\n```',
  measure: (r) => r.length,
  finish: defuseDiscordMentions,
};

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
/** Telegram turns `@username` into a mention that notifies; a word joiner keeps it plain text. */
function defuseAt(s: string): string {
  return s.replace(/@(?=[\p{L}\p{N}_])/gu, '@' + WORD_JOINER);
}

const telegram: Dialect = {
  parseMode: 'HTML',
  open: (k, run) => ({ href: `<a href="${escapeHtml(run.href ?? '')}">`, bold: '<b>', italic: '<i>', code: '<code>' })[k],
  close: (k) => ({ href: '</a>', bold: '</b>', italic: '</i>', code: '</code>' })[k],
  text: (s) => escapeHtml(defuseAt(s)),
  code: (s) => escapeHtml(defuseAt(s)),
  bareLink: (url) => escapeHtml(url),
  bullet: (ordered, n) => (ordered ? `${n}. ` : '• '),
  codeBlock: (s) => `<pre>${escapeHtml(defuseAt(s))}</pre>`,
  measure: (r) => telegramVisibleText(r).length,
  finish: (r) => r.replace(/(^|>)([^<]*)/g, (_m, gt: string, text: string) => gt + defuseAt(text)),
};

/** The text Telegram counts and shows for an HTML message: tags dropped, entities decoded. */
export function telegramVisibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** WhatsApp has no escape character, so its markers in text become look-alike full-width forms. */
const WHATSAPP_LOOKALIKE: Record<string, string> = { '*': '＊', _: '＿', '~': '～', '`': 'ˋ' };

const whatsapp: Dialect = {
  open: (k) => ({ href: '', bold: '*', italic: '_', code: '`' })[k],
  close: (k, run) => ({ href: run.href ? ` (${encodeUrl(run.href)})` : '', bold: '*', italic: '_', code: '`' })[k],
  text(s, lineStart) {
    const out = defuseAt(s).replace(/[*_~`]/g, (c) => WHATSAPP_LOOKALIKE[c] ?? c);
    return out.replace(/(^|\n)(\s*)>/g, (m, nl: string, sp: string, offset: number) => (offset === 0 && !lineStart ? m : `${nl}${sp}＞`));
  },
  code: (s) => defuseAt(s).replace(/`/g, 'ˋ'),
  bareLink: (url) => encodeUrl(url),
  bullet: (ordered, n) => (ordered ? `${n}. ` : '- '),
  codeBlock: (s) => '```' + defuseAt(s).replace(/```/g, 'ˋˋˋ') + '```',
  measure: (r) => r.length,
  finish: defuseAt,
};

const DIALECTS: Record<Platform, Dialect> = { discord, telegram, whatsapp };

function has(run: Run, key: StyleKey): boolean {
  return key === 'href' ? run.href !== undefined : run[key] === true;
}

/**
 * Emphasis markers must hug text on every platform (`** x**` is not bold), so whitespace where a
 * style opens or closes moves outside that style.
 */
function hugText(runs: Run[]): Run[] {
  const out: Run[] = [];
  runs.forEach((r, i) => {
    if (r.code || r.text === '') {
      out.push(r);
      return;
    }
    const prev = runs[i - 1];
    const next = runs[i + 1];
    const opening = (['bold', 'italic'] as const).filter((k) => r[k] && !(prev && prev[k] && !prev.code));
    const closing = (['bold', 'italic'] as const).filter((k) => r[k] && !(next && next[k] && !next.code));
    const without = (keys: readonly ('bold' | 'italic')[]): Run => {
      const copy: Run = { ...r };
      for (const k of keys) delete copy[k];
      return copy;
    };
    if (r.text.trim() === '') {
      out.push({ ...without([...opening, ...closing]), text: r.text });
      return;
    }
    const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(r.text);
    const [lead, core, trail] = [m?.[1] ?? '', m?.[2] ?? r.text, m?.[3] ?? ''];
    if (lead) {
      if (opening.length) out.push({ ...without(opening), text: lead });
    }
    out.push({ ...r, text: (opening.length ? '' : lead) + core + (closing.length ? '' : trail) });
    if (trail && closing.length) out.push({ ...without(closing), text: trail });
  });
  return out;
}

function renderRuns(runs: Run[], d: Dialect, lineStart: boolean): string {
  let out = '';
  const open: { key: StyleKey; run: Run }[] = [];
  let atLineStart = lineStart;
  for (const run of hugText(runs)) {
    if (run.text === '') continue;
    if (run.href !== undefined && run.text === run.href && !run.bold && !run.italic && !run.code) {
      while (open.length) {
        const o = open.pop();
        if (o) out += d.close(o.key, o.run);
      }
      out += d.bareLink(run.href);
      atLineStart = false;
      continue;
    }
    // Keep the open styles that are still wanted (and the same link); close the rest, innermost first.
    let keep = 0;
    while (keep < open.length) {
      const o = open[keep];
      if (!o || !has(run, o.key) || (o.key === 'href' && o.run.href !== run.href)) break;
      keep++;
    }
    while (open.length > keep) {
      const o = open.pop();
      if (o) out += d.close(o.key, o.run);
    }
    for (const key of ORDER) {
      if (has(run, key) && !open.some((o) => o.key === key)) {
        // A style that sorts before one still open must reopen the inner ones to nest correctly.
        const inner = open.filter((o) => ORDER.indexOf(o.key) > ORDER.indexOf(key));
        for (const o of [...inner].reverse()) {
          out += d.close(o.key, o.run);
          open.pop();
        }
        out += d.open(key, run);
        open.push({ key, run });
        for (const o of inner) {
          out += d.open(o.key, run);
          open.push({ key: o.key, run });
        }
      }
    }
    out += run.code ? d.code(run.text) : d.text(run.text, atLineStart);
    atLineStart = run.text.endsWith('\n');
  }
  while (open.length) {
    const o = open.pop();
    if (o) out += d.close(o.key, o.run);
  }
  return out;
}

function renderBlock(block: Block, d: Dialect): string {
  switch (block.kind) {
    case 'paragraph':
      return renderRuns(block.runs, d, true);
    case 'list':
      return block.items.map((item, i) => d.bullet(block.ordered, (block.start ?? 1) + i) + renderRuns(item, d, false).replace(/\n/g, '\n  ')).join('\n');
    case 'code':
      return d.codeBlock(block.text);
  }
}

/** One document as one message body, without regard to the length limit. */
export function renderDocument(doc: ReplyDocument, platform: Platform): RenderedMessage {
  const d = DIALECTS[platform];
  const text = d.finish(doc.blocks.map((b) => renderBlock(b, d)).join('\n\n'));
  return d.parseMode ? { text, parseMode: d.parseMode, length: d.measure(text) } : { text, length: d.measure(text) };
}

/** A piece of the document small enough to move as one: a block, a sentence, or a cut. */
interface Unit {
  block: Block;
  /** True when this unit continues the paragraph of the unit before it (a later sentence). */
  continues: boolean;
}

const SENTENCE_END = /[.!?…。！？]+["'”’)\]]*\s+|[。！？]+/g;

function splitRuns(runs: Run[], cuts: number[]): Run[][] {
  const pieces: Run[][] = [];
  let current: Run[] = [];
  let pos = 0;
  let c = 0;
  for (const run of runs) {
    let text = run.text;
    let start = pos;
    while (c < cuts.length && (cuts[c] ?? 0) < start + text.length) {
      const at = (cuts[c] ?? 0) - start;
      if (at > 0) current.push({ ...run, text: text.slice(0, at) });
      pieces.push(current);
      current = [];
      text = text.slice(Math.max(at, 0));
      start = cuts[c] ?? 0;
      c++;
    }
    if (text) current.push({ ...run, text });
    pos += run.text.length;
  }
  pieces.push(current);
  return pieces.filter((p) => p.length > 0);
}

function boundaries(text: string, re: RegExp): number[] {
  const cuts: number[] = [];
  for (const m of text.matchAll(re)) {
    const at = (m.index ?? 0) + m[0].length;
    if (at > 0 && at < text.length) cuts.push(at);
  }
  return cuts;
}

/** Cuts runs so each piece renders within the limit: sentences first, then words, then anywhere. */
function cutParagraph(runs: Run[], fits: (runs: Run[]) => boolean, warnings: Set<string>): Run[][] {
  if (fits(runs)) return [runs];
  const text = runs.map((r) => r.text).join('');
  const sentences = splitRuns(runs, boundaries(text, SENTENCE_END));
  if (sentences.length > 1) return sentences.flatMap((s) => cutParagraph(s, fits, warnings));
  const words = boundaries(text, /\s+/g);
  if (words.length > 0) {
    warnings.add('A sentence was longer than one message and was cut between words.');
    // Halving keeps the number of renders logarithmic for one huge sentence.
    const mid = words[Math.floor(words.length / 2)] ?? 0;
    return splitRuns(runs, [mid]).flatMap((s) => cutParagraph(s, fits, warnings));
  }
  warnings.add('A word was longer than one message and was cut in the middle.');
  const points = Array.from(text);
  if (points.length <= 1) return [runs];
  const mid = Array.from(points.slice(0, Math.floor(points.length / 2))).join('').length;
  return splitRuns(runs, [mid]).flatMap((s) => cutParagraph(s, fits, warnings));
}

function units(doc: ReplyDocument, fits: (b: Block) => boolean, warnings: Set<string>): Unit[] {
  const out: Unit[] = [];
  for (const block of doc.blocks) {
    if (fits(block)) {
      out.push({ block, continues: false });
    } else if (block.kind === 'paragraph') {
      cutParagraph(block.runs, (runs) => fits({ kind: 'paragraph', runs }), warnings).forEach((runs, i) =>
        out.push({ block: { kind: 'paragraph', runs: trimRuns(runs) }, continues: i > 0 }),
      );
    } else if (block.kind === 'list') {
      block.items.forEach((item, i) => {
        for (const [j, runs] of cutParagraph(item, (r) => fits({ kind: 'list', ordered: block.ordered, items: [r] }), warnings).entries()) {
          out.push({ block: { kind: 'list', ordered: block.ordered, items: [trimRuns(runs)], start: (block.start ?? 1) + i }, continues: i > 0 || j > 0 });
        }
      });
    } else {
      let lines: string[] = [];
      for (const line of block.text.split('\n')) {
        if (lines.length > 0 && !fits({ kind: 'code', text: [...lines, line].join('\n') })) {
          out.push({ block: { kind: 'code', text: lines.join('\n') }, continues: false });
          lines = [];
        }
        lines.push(line);
      }
      if (!fits({ kind: 'code', text: lines.join('\n') })) warnings.add('A code line was longer than one message.');
      out.push({ block: { kind: 'code', text: lines.join('\n') }, continues: false });
    }
  }
  return out;
}

function trimRuns(runs: Run[]): Run[] {
  const copy = runs.map((r) => ({ ...r }));
  const first = copy[0];
  if (first) first.text = first.text.replace(/^\s+/, '');
  const last = copy[copy.length - 1];
  if (last) last.text = last.text.replace(/\s+$/, '');
  return copy.filter((r) => r.text !== '');
}

/** Adds a unit to a message's blocks, joining a continued sentence back onto its paragraph. */
function append(blocks: Block[], unit: Unit): Block[] {
  const last = blocks[blocks.length - 1];
  if (unit.continues && last && last.kind === 'paragraph' && unit.block.kind === 'paragraph') {
    const runs = [...last.runs];
    const tail = runs[runs.length - 1];
    const head = unit.block.runs[0];
    const joiner: Run = tail ? { text: ' ', ...(tail.href !== undefined && head && head.href === tail.href ? { href: tail.href } : {}) } : { text: '' };
    if (tail && head && sameStyle(tail, head) && (tail.bold || tail.italic)) {
      runs[runs.length - 1] = { ...tail, text: tail.text + ' ' + head.text };
      return [...blocks.slice(0, -1), { kind: 'paragraph', runs: [...runs, ...unit.block.runs.slice(1)] }];
    }
    return [...blocks.slice(0, -1), { kind: 'paragraph', runs: [...runs, joiner, ...unit.block.runs] }];
  }
  if (unit.continues && last && last.kind === 'list' && unit.block.kind === 'list' && last.ordered === unit.block.ordered) {
    return [...blocks.slice(0, -1), { ...last, items: [...last.items, ...unit.block.items] }];
  }
  return [...blocks, unit.block];
}

/**
 * Renders for a platform and splits over its limit (or a stricter `limit`, e.g. the voice guide's).
 * Formatting never breaks across a split: each message is rendered from whole runs.
 */
export function renderForPlatform(doc: ReplyDocument, platform: Platform, limit = PLATFORM_LIMITS[platform]): RenderedReply {
  const max = Math.min(limit, PLATFORM_LIMITS[platform]);
  const whole = renderDocument(doc, platform);
  if (whole.length <= max) return { platform, messages: whole.text ? [whole] : [], warnings: [] };

  const warnings = new Set<string>();
  const fits = (b: Block) => renderDocument({ blocks: [b] }, platform).length <= max;
  const messages: Block[][] = [];
  let current: Block[] = [];
  for (const unit of units(doc, fits, warnings)) {
    const candidate = append(current, unit);
    if (current.length === 0 || renderDocument({ blocks: candidate }, platform).length <= max) {
      current = candidate;
    } else {
      messages.push(current);
      current = [unit.block];
    }
  }
  if (current.length > 0) messages.push(current);
  const rendered = messages.map((blocks) => renderDocument({ blocks }, platform)).filter((m) => m.text !== '');
  return {
    platform,
    messages: rendered,
    warnings: [`Longer than one ${platform} message (${max} characters): split into ${rendered.length} messages.`, ...warnings],
  };
}
