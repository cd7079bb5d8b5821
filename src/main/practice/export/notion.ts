// A local Notion API peer (loopback), written from Notion's public API reference for what Tribekeeper
// uses: create a page in a database's data source, and query that data source (to find a page it may
// already have created). Like Notion: a bearer token and Notion-Version header, 401 `unauthorized` for
// a bad token, 429 `rate_limited` with Retry-After past about three requests per second, 5xx faults,
// and JSON errors `{object: 'error', status, code, message}`. The official client reaches it by `baseUrl`.
import { randomUUID } from 'node:crypto';
import { json, listen, readBody, takeFault, Window, type PeerFault } from './http';

export interface NotionPage {
  id: string;
  parent: { type: 'data_source_id'; data_source_id: string };
  properties: Record<string, unknown>;
  created_time: string;
}

export interface NotionPeer {
  url: string;
  token: string;
  dataSourceId: string;
  pages(): NotionPage[];
  /** Requests answered 429 by the rate limit (injected faults not counted). */
  limited(): number;
  calls(route: string): number;
  inject(fault: Omit<PeerFault, 'times'> & { times?: number }): void;
  close(): Promise<void>;
}

const error = (status: number, code: string, message: string) => ({ object: 'error', status, code, message });

/** The plain text of a title or rich_text property value. */
function plain(value: unknown): string {
  const v = value as { title?: Array<{ text?: { content?: string } }>; rich_text?: Array<{ text?: { content?: string } }> } | undefined;
  return (v?.title ?? v?.rich_text ?? []).map((r) => r.text?.content ?? '').join('');
}

export async function startNotionPeer(options: { token?: string; perSecond?: number } = {}): Promise<NotionPeer> {
  const token = options.token ?? 'ntn_practice_0000';
  const dataSourceId = randomUUID();
  const pages: NotionPage[] = [];
  const counts = new Map<string, number>();
  const faults: PeerFault[] = [];
  let limited = 0;
  const window = new Window(options.perSecond ?? 3);

  const peer = await listen(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = `${req.method ?? 'GET'} ${url.pathname.replace(/\/[0-9a-f-]{32,36}(?=\/|$)/g, '/:id')}`;
    counts.set(route, (counts.get(route) ?? 0) + 1);
    const raw = await readBody(req);
    if (req.headers.authorization !== `Bearer ${token}`) return json(res, 401, error(401, 'unauthorized', 'API token is invalid.'));
    if (!req.headers['notion-version']) return json(res, 400, error(400, 'missing_version', 'Notion-Version header failed validation.'));
    const wait = window.hit('all');
    if (wait !== undefined) {
      limited++;
      return json(res, 429, error(429, 'rate_limited', 'You have been rate limited. Please try again in a few minutes.'), { 'retry-after': String(wait) });
    }
    const fault = takeFault(faults, route);
    if (fault && !fault.afterCommit) {
      if (fault.status === 429) return json(res, 429, error(429, 'rate_limited', 'Rate limited.'), { 'retry-after': String(fault.retryAfterSeconds ?? 1) });
      return json(res, fault.status, error(fault.status, fault.status === 503 ? 'service_unavailable' : 'internal_server_error', 'Unexpected error.'));
    }
    const answer = (status: number, payload: unknown) =>
      fault?.afterCommit ? json(res, fault.status, error(fault.status, 'internal_server_error', 'Unexpected error.')) : json(res, status, payload);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw || '{}') as Record<string, unknown>;
    } catch {
      return json(res, 400, error(400, 'invalid_json', 'Error parsing JSON body.'));
    }
    const page = (p: NotionPage) => ({ object: 'page', id: p.id, created_time: p.created_time, last_edited_time: p.created_time, archived: false, in_trash: false, parent: p.parent, properties: p.properties, url: `https://www.notion.so/${p.id.replace(/-/g, '')}` });
    if (route === 'POST /v1/pages') {
      const parent = body.parent as { data_source_id?: string; database_id?: string } | undefined;
      if (parent?.data_source_id !== dataSourceId) return answer(404, error(404, 'object_not_found', 'Could not find data source.'));
      const properties = (body.properties ?? {}) as Record<string, unknown>;
      if (!Object.values(properties).some((v) => typeof v === 'object' && v !== null && 'title' in v)) return answer(400, error(400, 'validation_error', 'Title is not provided'));
      const created: NotionPage = { id: randomUUID(), parent: { type: 'data_source_id', data_source_id: dataSourceId }, properties, created_time: new Date().toISOString() };
      pages.push(created);
      return answer(200, page(created));
    }
    if (route === 'POST /v1/data_sources/:id/query') {
      if (!url.pathname.includes(dataSourceId)) return answer(404, error(404, 'object_not_found', 'Could not find data source.'));
      const filter = body.filter as { property?: string; rich_text?: { equals?: string }; title?: { equals?: string } } | undefined;
      const wanted = filter?.rich_text?.equals ?? filter?.title?.equals;
      const results = pages.filter((p) => !filter?.property || wanted === undefined || plain(p.properties[filter.property]) === wanted).map(page);
      return answer(200, { object: 'list', results, next_cursor: null, has_more: false, type: 'page_or_data_source', page_or_data_source: {} });
    }
    return json(res, 400, error(400, 'invalid_request_url', 'Invalid request URL.'));
  });

  return {
    url: `http://127.0.0.1:${peer.port}`,
    token,
    dataSourceId,
    pages: () => [...pages],
    limited: () => limited,
    calls: (route) => counts.get(route) ?? 0,
    inject: (fault) => faults.push({ times: 1, ...fault }),
    close: peer.close,
  };
}
