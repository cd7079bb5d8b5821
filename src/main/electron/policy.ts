// The Electron edge's security decisions as plain functions (no `electron` import), so they are unit
// tested where no Electron binary runs: which safeStorage backend really encrypts, which URLs may be
// opened outside, and which frames may speak the contract.
import { pathToFileURL } from 'node:url';

/** Linux backends that keep the key in a real keyring; `basic_text` encrypts with a key built into Chromium. */
const LINUX_KEYRINGS = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

export type KeychainVerdict = { ok: true } | { ok: false; reason: 'unavailable' | 'basic_text' | 'unknown_backend' };

export function judgeSafeStorage(input: { platform: NodeJS.Platform; available: boolean; backend?: string }): KeychainVerdict {
  if (!input.available) return { ok: false, reason: 'unavailable' };
  if (input.platform !== 'linux') return { ok: true };
  if (input.backend === 'basic_text') return { ok: false, reason: 'basic_text' };
  return input.backend !== undefined && LINUX_KEYRINGS.has(input.backend) ? { ok: true } : { ok: false, reason: 'unknown_backend' };
}

/**
 * A link a moderator clicked, as the URL to open in the system browser, or undefined when it must
 * not be opened at all: only http(s), with a host, without credentials in it. The caller still asks
 * the user, showing `href` in full.
 */
export function externalLink(raw: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (!url.hostname || url.username || url.password) return undefined;
  return url;
}

/** Hosts the user said may open without asking again (this run); everything else is asked about. */
export class ExternalLinkPolicy {
  private readonly trusted = new Set<string>();

  /** 'deny': never opened; 'ask': show the full URL and wait for a yes; 'open': a host already confirmed. */
  decide(raw: string): { verdict: 'deny' } | { verdict: 'ask' | 'open'; url: URL } {
    const url = externalLink(raw);
    if (!url) return { verdict: 'deny' };
    return { verdict: this.trusted.has(url.host) ? 'open' : 'ask', url };
  }

  confirm(url: URL, rememberHost: boolean): void {
    if (rememberHost) this.trusted.add(url.host);
  }
}

/**
 * The frames allowed to call the contract: exactly the packaged renderer file, or exactly the dev
 * server's origin (not a prefix: `:5173` must not admit `:51730`, nor `localhost:5173.evil.example`).
 */
export function senderTrust(rendererIndexPath: string, devServerUrl: string | undefined): (frameUrl: string) => boolean {
  const fileUrl = pathToFileURL(rendererIndexPath).href;
  let devOrigin: string | undefined;
  if (devServerUrl) {
    try {
      const origin = new URL(devServerUrl).origin;
      if (origin !== 'null') devOrigin = origin;
    } catch {
      devOrigin = undefined;
    }
  }
  return (frameUrl) => {
    let url: URL;
    try {
      url = new URL(frameUrl);
    } catch {
      return false;
    }
    if (devOrigin !== undefined) return url.origin === devOrigin;
    if (url.protocol !== 'file:') return false;
    // The hash and query are the page's own state; the document itself must be the packaged one.
    url.hash = '';
    url.search = '';
    return url.href === fileUrl;
  };
}

/** The link question in the app's language (main shows it; the renderer's i18n is not reachable here). */
export function linkPrompt(locale: string, url: URL): { message: string; open: string; cancel: string; remember: string } {
  if (locale.toLowerCase().startsWith('zh')) {
    return { message: '在浏览器中打开此链接？', open: '打开', cancel: '取消', remember: `本次运行中不再询问 ${url.host}` };
  }
  return { message: 'Open this link in your browser?', open: 'Open', cancel: 'Cancel', remember: `Don’t ask again for ${url.host} while Tribekeeper runs` };
}
