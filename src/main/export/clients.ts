// The two destinations of feedback, through their official clients with their own retries off (the
// export queue decides when to try again, so a restart or a 429 never doubles a send): a Notion page
// per feedback cluster (looked up by its Tribekeeper id first when an earlier try may have landed),
// and a Slack digest message. Each answers a Result with the platform's wait on 429.
import { APIResponseError, Client } from '@notionhq/client';
import { ErrorCode, WebClient, type WebAPIPlatformError, type WebAPIRateLimitedError, type WebAPIHTTPError } from '@slack/web-api';
import { fail, ok } from '@shared/domain/result';
import type { Result } from '@shared/domain/result';

/** One feedback cluster as the product team reads it. */
export interface FeedbackExport {
  /** Tribekeeper's id of the cluster: the Notion page's key, so a repeat finds the page it made. */
  id: string;
  title: string;
  kind: 'feedback' | 'bug' | 'idea';
  count: number;
  /** Members' reactions on the originals (absent in jobs queued before votes were counted). */
  votes?: number;
  platforms: string[];
  reporters: string[];
  examples: string[];
}

export interface SlackDigest {
  channel: string;
  text: string;
}

export interface Sent {
  /** Where it landed: the Notion page id, or the Slack message ts. */
  ref: string;
}

const NOTION_KEY = 'Tribekeeper ID';

function notionFailure(error: unknown): Result<never> {
  if (APIResponseError.isAPIResponseError(error)) {
    if (error.status === 401) return fail('token_invalid', 'Notion refused the integration token.', { retryable: false });
    if (error.status === 429) {
      const after = Number(error.headers instanceof Headers ? error.headers.get('retry-after') : (error.headers as Record<string, string> | undefined)?.['retry-after']);
      return fail('rate_limited', 'Notion asked to slow down.', { retryAfterMs: Number.isFinite(after) && after > 0 ? after * 1000 : 1000 });
    }
    if (error.status >= 500) return fail('internal', `Notion answered ${error.status}.`, { retryable: true });
    return fail('invalid_input', `Notion refused the page: ${error.code}.`, { retryable: false });
  }
  return fail('offline', error instanceof Error ? error.message : String(error), { retryable: true });
}

export class NotionExporter {
  private readonly client: Client;

  constructor(private readonly options: { token: string; dataSourceId: string; baseUrl?: string }) {
    // The client's own logger would print every refused call; the queue reports what matters.
    this.client = new Client({ auth: options.token, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}), retry: false, logger: () => undefined });
  }

  /** The page made for this cluster by an earlier try, if any (a try whose answer was lost may have landed). */
  private async existing(id: string): Promise<string | undefined> {
    const found = await this.client.dataSources.query({ data_source_id: this.options.dataSourceId, filter: { property: NOTION_KEY, rich_text: { equals: id } } });
    return found.results[0]?.id;
  }

  async send(item: FeedbackExport, retry: boolean, pace: () => Promise<void> = async () => undefined): Promise<Result<Sent>> {
    try {
      if (retry) {
        await pace();
        const page = await this.existing(item.id);
        if (page) return ok({ ref: page });
      }
      await pace();
      const created = await this.client.pages.create({
        parent: { data_source_id: this.options.dataSourceId },
        properties: {
          Name: { title: [{ text: { content: item.title.slice(0, 2000) } }] },
          Kind: { select: { name: item.kind } },
          Count: { number: item.count },
          ...(item.votes !== undefined ? { Votes: { number: item.votes } } : {}),
          Platforms: { multi_select: item.platforms.map((name) => ({ name })) },
          Reporters: { rich_text: [{ text: { content: item.reporters.join(', ').slice(0, 2000) } }] },
          [NOTION_KEY]: { rich_text: [{ text: { content: item.id } }] },
        },
        children: item.examples.slice(0, 20).map((text) => ({ object: 'block' as const, type: 'quote' as const, quote: { rich_text: [{ type: 'text' as const, text: { content: text.slice(0, 2000) } }] } })),
      });
      return ok({ ref: created.id });
    } catch (error) {
      return notionFailure(error);
    }
  }
}

export class SlackExporter {
  private readonly client: WebClient;

  constructor(options: { token: string; slackApiUrl?: string }) {
    this.client = new WebClient(options.token, {
      ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
  }

  async send(digest: SlackDigest): Promise<Result<Sent>> {
    try {
      const posted = await this.client.chat.postMessage({ channel: digest.channel, text: digest.text, unfurl_links: false, unfurl_media: false });
      return ok({ ref: String(posted.ts) });
    } catch (error) {
      const e = error as { code?: string };
      if (e.code === ErrorCode.RateLimitedError) return fail('rate_limited', 'Slack asked to slow down.', { retryAfterMs: ((error as WebAPIRateLimitedError).retryAfter || 1) * 1000 });
      if (e.code === ErrorCode.PlatformError) {
        const why = (error as WebAPIPlatformError).data.error;
        if (why === 'invalid_auth' || why === 'not_authed' || why === 'token_revoked' || why === 'account_inactive') return fail('token_invalid', 'Slack refused the token.', { retryable: false });
        return fail('invalid_input', `Slack refused the message: ${why}.`, { retryable: false, fields: { reason: why.slice(0, 60) } });
      }
      if (e.code === ErrorCode.HTTPError) return fail('internal', `Slack answered ${(error as WebAPIHTTPError).statusCode}.`, { retryable: true });
      return fail('offline', error instanceof Error ? error.message : String(error), { retryable: true });
    }
  }
}
