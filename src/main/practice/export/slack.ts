// A local Slack Web API peer (loopback) for tests and the practice console, written from Slack's public
// API reference for the methods Tribekeeper uses: auth.test, conversations.list and chat.postMessage.
// Like Slack: errors are HTTP 200 with `ok: false` (invalid_auth, channel_not_found…), rate limits are
// HTTP 429 with Retry-After (chat.postMessage: about one message per second per channel), and a
// server fault is a 5xx. The WebClient talks to it through its `slackApiUrl` option.
import { json, listen, readBody, takeFault, Window, type PeerFault } from './http';

export interface SlackMessage {
  channel: string;
  ts: string;
  text: string;
  blocks?: unknown;
}

export interface SlackPeer {
  url: string;
  token: string;
  channels: Array<{ id: string; name: string }>;
  messages(channel?: string): SlackMessage[];
  /** Requests answered 429 by the rate limit (injected faults not counted). */
  limited(): number;
  calls(method: string): number;
  /** The next calls of a method answer this status (after doing the work when `afterCommit`). */
  inject(fault: Omit<PeerFault, 'times'> & { times?: number }): void;
  close(): Promise<void>;
}

export async function startSlackPeer(options: { token?: string; perChannelPerSecond?: number } = {}): Promise<SlackPeer> {
  const token = options.token ?? 'xoxb-practice-0000';
  const channels = [
    { id: 'C0PRODUCT1', name: 'product-feedback' },
    { id: 'C0GENERAL1', name: 'general' },
  ];
  const posted: SlackMessage[] = [];
  const counts = new Map<string, number>();
  const faults: PeerFault[] = [];
  let limited = 0;
  const window = new Window(options.perChannelPerSecond ?? 1);
  let tsCounter = 1_700_000_000_000_000;

  const peer = await listen(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = url.pathname.replace(/^\/api\//, '');
    counts.set(method, (counts.get(method) ?? 0) + 1);
    const raw = await readBody(req);
    const type = req.headers['content-type'] ?? '';
    const body: Record<string, unknown> = type.includes('application/json') ? (JSON.parse(raw || '{}') as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(raw));
    const auth = req.headers.authorization?.replace(/^Bearer\s+/i, '') ?? (typeof body.token === 'string' ? body.token : undefined);
    if (!auth) return json(res, 200, { ok: false, error: 'not_authed' });
    if (auth !== token) return json(res, 200, { ok: false, error: 'invalid_auth' });
    const fault = takeFault(faults, method);
    if (fault && !fault.afterCommit) return fault.status === 429 ? json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.retryAfterSeconds ?? 1) }) : json(res, fault.status, { ok: false, error: 'internal_error' });
    const answer = (status: number, payload: unknown) => (fault?.afterCommit ? json(res, fault.status, { ok: false, error: 'internal_error' }) : json(res, status, payload));
    switch (method) {
      case 'auth.test':
        return answer(200, { ok: true, url: 'https://practice.slack.invalid/', team: 'Practice', user: 'tribekeeper', team_id: 'T0PRACTICE', user_id: 'U0TRIBEKEEPER', bot_id: 'B0TRIBEKEEPER' });
      case 'conversations.list':
        return answer(200, { ok: true, channels: channels.map((c) => ({ id: c.id, name: c.name, is_channel: true, is_member: true })), response_metadata: { next_cursor: '' } });
      case 'chat.postMessage': {
        const channel = String(body.channel ?? '');
        const found = channels.find((c) => c.id === channel || `#${c.name}` === channel || c.name === channel);
        if (!found) return answer(200, { ok: false, error: 'channel_not_found' });
        const text = typeof body.text === 'string' ? body.text : '';
        if (!text && !body.blocks) return answer(200, { ok: false, error: 'no_text' });
        if (text.length > 40_000) return answer(200, { ok: false, error: 'msg_too_long' });
        const wait = window.hit(found.id);
        if (wait !== undefined) {
      limited++;
      return json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(wait) });
    }
        const ts = `${String(tsCounter++).slice(0, 10)}.${String(tsCounter).slice(-6)}`;
        posted.push({ channel: found.id, ts, text, ...(body.blocks ? { blocks: body.blocks } : {}) });
        return answer(200, { ok: true, channel: found.id, ts, message: { text, ts, type: 'message' } });
      }
      default:
        return json(res, 200, { ok: false, error: 'unknown_method' });
    }
  });

  return {
    url: `http://127.0.0.1:${peer.port}/api/`,
    token,
    channels,
    messages: (channel) => posted.filter((m) => !channel || m.channel === channel),
    limited: () => limited,
    calls: (method) => counts.get(method) ?? 0,
    inject: (fault) => faults.push({ times: 1, ...fault }),
    close: peer.close,
  };
}
