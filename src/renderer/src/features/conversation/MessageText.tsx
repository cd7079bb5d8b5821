// Platform text is data, never markup. Two renderers: plain text with evidence highlighted (the
// flagged message, where offsets must line up with the raw text), and Markdown → React elements for
// the conversation around it, with raw HTML skipped, links shown as text with their URL, no images.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import Markdown, { type Components } from 'react-markdown';
import type { EvidenceSpan, LinkTarget } from '@shared/domain/model';

interface Segment {
  text: string;
  marked: boolean;
}

/** Splits text into marked/unmarked segments; a span whose offsets do not match its text is located by search. */
export function evidenceSegments(text: string, spans: readonly EvidenceSpan[]): Segment[] {
  const ranges: Array<[number, number]> = [];
  for (const s of spans) {
    if (s.end > s.start && s.end <= text.length && text.slice(s.start, s.end) === s.text) ranges.push([s.start, s.end]);
    else if (s.text) {
      const at = text.indexOf(s.text);
      if (at >= 0) ranges.push([at, at + s.text.length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  const out: Segment[] = [];
  let pos = 0;
  for (const [start, end] of merged) {
    if (start > pos) out.push({ text: text.slice(pos, start), marked: false });
    out.push({ text: text.slice(start, end), marked: true });
    pos = end;
  }
  if (pos < text.length) out.push({ text: text.slice(pos), marked: false });
  return out;
}

export function EvidenceText({ text, spans }: { text: string; spans: readonly EvidenceSpan[] }) {
  return (
    <p className="message-text plain">
      {evidenceSegments(text, spans).map((seg, i) => (seg.marked ? <mark key={i}>{seg.text}</mark> : <span key={i}>{seg.text}</span>))}
    </p>
  );
}

/**
 * The targets a message's links hide (a text link's words, a button, a preview) next to what the
 * member sees: plain text, never a clickable link, so what is shown is exactly where it goes.
 */
export function LinkTargets({ targets }: { targets: readonly LinkTarget[] }) {
  const { t } = useTranslation();
  return (
    <div className="link-targets">
      <h4>{t('item.linkTargets')}</h4>
      <ul>
        {targets.map((l, i) => (
          <li key={i}>
            <span className="link-shown">{l.shown}</span>
            <span aria-hidden="true"> → </span>
            <code className="link-url">{l.url}</code> <span className="muted">({t(`item.linkVia.${l.via}`)})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Heading({ children }: { children?: ReactNode }) {
  // A "# title" in chat is emphasis, not a page heading: keep the page outline ours.
  return <p className="md-heading">{children}</p>;
}

const components: Components = {
  a: ({ href, children }) => (
    <span className="md-link">
      {children}
      {href && <span className="md-url"> ({href})</span>}
    </span>
  ),
  img: ({ alt, src }) => (
    <span className="md-image">
      [{alt || 'image'}]{src ? ` (${src})` : ''}
    </span>
  ),
  h1: Heading,
  h2: Heading,
  h3: Heading,
  h4: Heading,
  h5: Heading,
  h6: Heading,
};

/** Nothing is ever fetched or navigated, so URLs pass through untouched and are shown as text. */
const keepUrl = (url: string): string => url;

export function MarkdownText({ text }: { text: string }) {
  return (
    <div className="message-text md">
      <Markdown skipHtml components={components} urlTransform={keepUrl}>
        {text}
      </Markdown>
    </div>
  );
}
