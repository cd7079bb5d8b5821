// Issue 17 findings 3, 4, 5: the Electron edge's decisions, tested without an Electron binary.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ExternalLinkPolicy, externalLink, judgeSafeStorage, linkPrompt, senderTrust } from './policy';

describe('which safeStorage backend really encrypts (finding 3)', () => {
  it('accepts the keychain on macOS and Windows, a real keyring on Linux, nothing else', () => {
    expect(judgeSafeStorage({ platform: 'darwin', available: true })).toEqual({ ok: true });
    expect(judgeSafeStorage({ platform: 'win32', available: true })).toEqual({ ok: true });
    for (const backend of ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']) expect(judgeSafeStorage({ platform: 'linux', available: true, backend })).toEqual({ ok: true });
    expect(judgeSafeStorage({ platform: 'linux', available: true, backend: 'basic_text' })).toEqual({ ok: false, reason: 'basic_text' });
    expect(judgeSafeStorage({ platform: 'linux', available: true, backend: 'unknown' })).toEqual({ ok: false, reason: 'unknown_backend' });
    expect(judgeSafeStorage({ platform: 'linux', available: true })).toEqual({ ok: false, reason: 'unknown_backend' });
    expect(judgeSafeStorage({ platform: 'darwin', available: false })).toEqual({ ok: false, reason: 'unavailable' });
    expect(judgeSafeStorage({ platform: 'linux', available: false, backend: 'gnome_libsecret' })).toEqual({ ok: false, reason: 'unavailable' });
  });
});

describe('links opened outside (finding 4)', () => {
  it('opens only http(s) URLs with a host and no credentials', () => {
    expect(externalLink('https://example.org/a?b=c#d')?.href).toBe('https://example.org/a?b=c#d');
    expect(externalLink('http://example.org')?.host).toBe('example.org');
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'ms-settings:', 'tg://resolve?domain=x', 'smb://host/share', 'vbscript:x', 'data:text/html,x', 'https://user:pw@example.org/', 'not a url', '//example.org']) {
      expect([bad, externalLink(bad)?.href]).toEqual([bad, undefined]);
    }
  });

  it('asks for every host until the user confirms it, showing the full URL; never opens a denied one', () => {
    const policy = new ExternalLinkPolicy();
    const first = policy.decide('https://docs.example.org/guide?x=1');
    expect(first).toMatchObject({ verdict: 'ask' });
    if (first.verdict === 'deny') throw new Error('unreachable');
    expect(first.url.href).toBe('https://docs.example.org/guide?x=1');
    policy.confirm(first.url, false);
    expect(policy.decide('https://docs.example.org/other').verdict).toBe('ask');
    policy.confirm(first.url, true);
    expect(policy.decide('https://docs.example.org/other').verdict).toBe('open');
    expect(policy.decide('https://docs.example.org.evil.example/').verdict).toBe('ask');
    expect(policy.decide('http://docs.example.org:8080/').verdict).toBe('ask');
    expect(policy.decide('file:///C:/Windows/system32/calc.exe').verdict).toBe('deny');
    expect(linkPrompt('zh-CN', first.url).remember).toContain('docs.example.org');
    expect(linkPrompt('en-US', first.url).message).toMatch(/Open this link/);
  });
});

describe('which frames may call the contract (finding 5)', () => {
  const index = join('/opt', 'Tribekeeper', 'resources', 'app.asar', 'out', 'renderer', 'index.html');
  const fileUrl = pathToFileURL(index).href;

  it('admits exactly the packaged renderer file', () => {
    const trusted = senderTrust(index, undefined);
    expect(trusted(fileUrl)).toBe(true);
    expect(trusted(`${fileUrl}#/settings`)).toBe(true);
    expect(trusted('file:///tmp/evil/renderer/index.html')).toBe(false);
    expect(trusted('file:///tmp/x/renderer/index.html.evil/renderer/index.html')).toBe(false);
    expect(trusted(`file://evil-host${new URL(fileUrl).pathname}`)).toBe(false);
    expect(trusted('https://example.org/renderer/index.html')).toBe(false);
    expect(trusted('')).toBe(false);
  });

  it('admits exactly the dev server origin, not one that starts with it', () => {
    const trusted = senderTrust(index, 'http://localhost:5173');
    expect(trusted('http://localhost:5173/')).toBe(true);
    expect(trusted('http://localhost:5173/#/inbox')).toBe(true);
    expect(trusted('http://localhost:51730/')).toBe(false);
    expect(trusted('http://localhost:5173.evil.example/')).toBe(false);
    expect(trusted('http://localhost:5173@evil.example/')).toBe(false);
    expect(trusted('https://localhost:5173/')).toBe(false);
    expect(trusted(fileUrl)).toBe(false);
  });
});
