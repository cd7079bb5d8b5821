// A reply draft as a small document: the markdown subset moderators type (bold, italic, code,
// links, lists, code blocks) parsed into styled runs, so each platform renderer escapes text itself
// and a variable's value is never read as markup.

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  href?: string;
  /** Set while a run is still a `{placeholder}`; fillVariables replaces it with plain text. */
  variable?: string;
}

export type Block =
  | { kind: 'paragraph'; runs: Run[] }
  | { kind: 'list'; ordered: boolean; items: Run[][]; /** Number of the first item (a list split across messages). */ start?: number }
  | { kind: 'code'; text: string };

export interface ReplyDocument {
  blocks: Block[];
}

type Style = Omit<Run, 'text' | 'variable'>;

const LIST_ITEM = /^\s{0,3}(?:([-*•])|(\d{1,3})[.)])\s+(.*)$/;
const FENCE = /^\s{0,3}```/;
const VARIABLE = /^\{([a-z][a-z0-9_]{0,40})\}/;
const ESCAPABLE = /[\\`*_{}[\]()#+\-.!~|<>@]/;

/** Parses a draft. Every input parses; unmatched markers stay literal text. */
export function parseDraft(source: string, options: { variables?: boolean } = {}): ReplyDocument {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | undefined;
  const vars = options.variables ?? false;

  const flushParagraph = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', runs: parseInline(paragraph.join('\n'), {}, vars) });
    paragraph = [];
  };
  const flushList = () => {
    if (list) blocks.push({ kind: 'list', ordered: list.ordered, items: list.items.map((i) => parseInline(i, {}, vars)) });
    list = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (FENCE.test(line)) {
      const end = lines.findIndex((l, j) => j > i && FENCE.test(l));
      if (end > i) {
        flushParagraph();
        flushList();
        blocks.push({ kind: 'code', text: lines.slice(i + 1, end).join('\n') });
        i = end;
        continue;
      }
    }
    if (line.trim() === '') {
      flushParagraph();
      flushList();
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      flushParagraph();
      const ordered = item[2] !== undefined;
      if (list && list.ordered !== ordered) flushList();
      list ??= { ordered, items: [] };
      list.items.push(item[3] ?? '');
      continue;
    }
    if (list) {
      // A line under a list item continues it (a wrapped item), as in markdown.
      list.items[list.items.length - 1] += '\n' + line.trim();
      continue;
    }
    paragraph.push(line);
  }
  flushParagraph();
  flushList();
  return { blocks };
}

function push(runs: Run[], run: Run): void {
  if (run.text === '' && run.variable === undefined) return;
  const last = runs[runs.length - 1];
  if (last && last.variable === undefined && run.variable === undefined && sameStyle(last, run)) last.text += run.text;
  else runs.push(run);
}

export function sameStyle(a: Style, b: Style): boolean {
  return !!a.bold === !!b.bold && !!a.italic === !!b.italic && !!a.code === !!b.code && a.href === b.href;
}

function styled(style: Style, text: string): Run {
  const run: Run = { text };
  if (style.bold) run.bold = true;
  if (style.italic) run.italic = true;
  if (style.code) run.code = true;
  if (style.href !== undefined) run.href = style.href;
  return run;
}

/** Where the closing marker of an emphasis opened at `from` is, or -1. Markers must hug text. */
function findClose(s: string, from: number, marker: string): number {
  for (let j = from; j < s.length; j++) {
    if (s[j] === '\\') {
      j++;
      continue;
    }
    if (s.startsWith(marker, j) && j > from && !/\s/.test(s[j - 1] ?? '')) {
      if (marker === '*' && s[j + 1] === '*') {
        j++;
        continue;
      }
      if (marker === '_' && /[\p{L}\p{N}]/u.test(s[j + marker.length] ?? '')) continue;
      return j;
    }
  }
  return -1;
}

export function parseInline(s: string, style: Style, variables: boolean): Run[] {
  const runs: Run[] = [];
  let text = '';
  const flush = () => {
    push(runs, styled(style, text));
    text = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    const next = s[i + 1] ?? '';
    if (c === '\\' && ESCAPABLE.test(next)) {
      text += next;
      i++;
      continue;
    }
    if (c === '`' && !style.code) {
      const end = s.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        push(runs, styled({ ...style, code: true }, s.slice(i + 1, end)));
        i = end;
        continue;
      }
    }
    if (c === '*' && next === '*' && !/\s/.test(s[i + 2] ?? ' ')) {
      const end = findClose(s, i + 2, '**');
      if (end > 0) {
        flush();
        for (const r of parseInline(s.slice(i + 2, end), { ...style, bold: true }, variables)) push(runs, r);
        i = end + 1;
        continue;
      }
    }
    if ((c === '*' || c === '_') && !/\s/.test(next || ' ') && !(c === '_' && /[\p{L}\p{N}]/u.test(s[i - 1] ?? ''))) {
      const end = findClose(s, i + 1, c);
      if (end > 0) {
        flush();
        for (const r of parseInline(s.slice(i + 1, end), { ...style, italic: true }, variables)) push(runs, r);
        i = end;
        continue;
      }
    }
    if (c === '[' && style.href === undefined) {
      const close = s.indexOf('](', i + 1);
      const end = close > i ? s.indexOf(')', close + 2) : -1;
      const href = end > 0 ? s.slice(close + 2, end).trim() : '';
      if (end > 0 && isSafeHref(href)) {
        flush();
        for (const r of parseInline(s.slice(i + 1, close), { ...style, href }, variables)) push(runs, r);
        i = end;
        continue;
      }
    }
    if (c === '{' && variables) {
      const m = VARIABLE.exec(s.slice(i));
      if (m) {
        flush();
        runs.push({ ...styled(style, m[0]), variable: m[1] ?? '' });
        i += m[0].length - 1;
        continue;
      }
    }
    text += c;
  }
  flush();
  return runs;
}

/** Links a reply may carry: web pages and platform deep links, never javascript:/data:. */
export function isSafeHref(href: string): boolean {
  return /^(https?:\/\/|tg:\/\/|discord:\/\/)[^\s<>"]+$/i.test(href) || /^\{[a-z][a-z0-9_]*\}$/.test(href);
}

/** The plain text a reader sees, for length checks and tone checks. */
export function plainText(doc: ReplyDocument): string {
  return doc.blocks
    .map((b) =>
      b.kind === 'paragraph'
        ? b.runs.map((r) => r.text).join('')
        : b.kind === 'list'
          ? b.items.map((i) => i.map((r) => r.text).join('')).join('\n')
          : b.text,
    )
    .join('\n\n');
}
