// Between the reply editor's text and what a platform receives: a composed macro becomes editable
// markdown in which only what parseDraft would read as markup is escaped (so a name like "**@everyone**"
// stays literal text when the draft is parsed again, while "Hi Ana!" stays "Hi Ana!", not "Hi Ana\!"),
// and a draft becomes the messages each platform is sent.
import type { Platform } from '@shared/domain/model';
import { fillVariables, parseDraft, renderForPlatform, telegramVisibleText, type Block, type MacroVariables, type ReplyDocument, type Run } from '@shared/replies';

/**
 * The characters parseDraft reads as markup anywhere in a line: the escape itself, code, bold/italic
 * stars, link brackets. An underscore only counts where it can open or close an italic, so one between
 * two letters or digits ("rule_link") is left as typed.
 */
const ESCAPE = /[\\`*[\]]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;
/** A line parseDraft would take for a list item: its marker is escaped (a `*` marker already is). */
const LIST_MARKER = /^(\s{0,3})(?:-|(\d{1,3})([.)]))(?=\s)/gm;

function escapeText(text: string): string {
  return text.replace(ESCAPE, (c) => `\\${c}`);
}

function escapeLineStarts(source: string): string {
  return source.replace(LIST_MARKER, (_m, indent: string, digits: string | undefined, mark: string | undefined) => (digits ? `${indent}${digits}\\${mark}` : `${indent}\\-`));
}

function runSource(run: Run): string {
  if (run.code) return `\`${run.text.replace(/`/g, "'")}\``;
  let s = escapeText(run.text);
  if (run.italic) s = `_${s}_`;
  if (run.bold) s = `**${s}**`;
  if (run.href !== undefined) s = `[${s}](${run.href})`;
  return s;
}

function runsSource(runs: readonly Run[]): string {
  return escapeLineStarts(runs.map(runSource).join(''));
}

function blockSource(block: Block): string {
  if (block.kind === 'paragraph') return runsSource(block.runs);
  if (block.kind === 'code') return `\`\`\`\n${block.text}\n\`\`\``;
  const start = block.start ?? 1;
  return block.items.map((item, i) => `${block.ordered ? `${start + i}.` : '-'} ${runsSource(item)}`).join('\n');
}

/** The markdown a moderator edits for a composed document; parseDraft reads it back to the same runs. */
export function documentToSource(doc: ReplyDocument): string {
  return doc.blocks.map(blockSource).join('\n\n');
}

/** Placeholders a draft still holds (`{rule_link}`), once each: they would reach the member as written. */
export function placeholdersLeft(draft: string): string[] {
  return [...new Set(Array.from(draft.matchAll(/\{[a-z][a-z0-9_]{0,40}\}/g), (m) => m[0]))];
}

/** The texts to send on a platform: rendered and split at its limit. Telegram is sent as plain text. */
export function outgoingTexts(draft: string, platform: Platform): string[] {
  const rendered = renderForPlatform(parseDraft(draft), platform);
  return rendered.messages.map((m) => (m.parseMode === 'HTML' ? telegramVisibleText(m.text) : m.text)).filter((t) => t.trim() !== '');
}

/**
 * Where a moderator fills a placeholder: the links and the crisis line once in Settings → Community, the
 * warning's `{rule}` by choosing its reason, anything else by replacing it in the text.
 */
export type PlaceholderHome = 'links' | 'crisis' | 'reason' | 'text';

export function placeholderHome(placeholder: string, where: 'reply' | 'warn'): PlaceholderHome {
  if (placeholder === '{rule_link}' || placeholder === '{appeal_link}') return 'links';
  if (placeholder === '{support_link}') return 'crisis';
  if (placeholder === '{rule}' && where === 'warn') return 'reason';
  return 'text';
}

/** A variable as a composed macro writes it into the draft (sanitized, escaped, a link as a link); undefined without a value. */
export function variableSource(name: string, variables: MacroVariables): string | undefined {
  const filled = fillVariables(parseDraft(`{${name}}`, { variables: true }), variables);
  return filled.missing.length > 0 ? undefined : documentToSource(filled.doc);
}

/** The placeholders Settings fills, in a draft written before they were set: filled now, everything else as typed. */
const SETTINGS_PLACEHOLDERS = ['rule_link', 'appeal_link', 'support_link'] as const;

export function fillSettingsPlaceholders(draft: string, variables: MacroVariables): string {
  let out = draft;
  for (const name of SETTINGS_PLACEHOLDERS) {
    if (!out.includes(`{${name}}`)) continue;
    const value = variableSource(name, variables);
    if (value !== undefined) out = out.split(`{${name}}`).join(value);
  }
  return out;
}

/**
 * The warning's `{rule}` after its reason changed, in a text the moderator edited: each place the form
 * wrote the previous reason (or the bare `{rule}`, when it had none) now says the new one; every other
 * word stays as the moderator wrote it. A place must stand as a whole (not inside a longer word), so a
 * short typed reason does not rewrite parts of other words. `found` is false when the moderator rewrote
 * every place the reason stood, so the text was left alone.
 */
export function refillRule(text: string, previous: string, next: string): { text: string; found: boolean } {
  if (previous === '' || previous === next) return { text, found: previous !== '' && text.includes(previous) };
  let found = false;
  let out = '';
  let at = 0;
  for (let i = text.indexOf(previous); i >= 0; i = text.indexOf(previous, i + previous.length)) {
    const before = text.slice(0, i).at(-1) ?? '';
    const after = text.charAt(i + previous.length);
    const word = /[\p{L}\p{N}_]/u;
    if ((before && word.test(before) && word.test(previous.charAt(0))) || (after && word.test(after) && word.test(previous.at(-1)!))) continue;
    found = true;
    out += text.slice(at, i) + next;
    at = i + previous.length;
  }
  return { text: out + text.slice(at), found };
}
