// Turns what a moderator typed into the Telegram forms into contract requests, or names the one field
// to fix. Pure, so the rules (API ID and hash come as a pair, a server needs all three parts) are tested.
import { commands, type ParsedRequest } from '@shared/ipc/contract';

export interface TelegramAppFields {
  apiId: string;
  apiHash: string;
}

export interface TelegramServerFields {
  host: string;
  port: string;
  rsaPublicKeyPem: string;
}

/** Which field the moderator should look at; each has its own words in i18n (settings.telegram.invalid.*). */
export type TelegramFieldProblem = 'label' | 'token' | 'phone' | 'apiId' | 'apiHash' | 'appPair' | 'server' | 'code' | 'password';

export type Checked<T> = { ok: true; request: T } | { ok: false; problem: TelegramFieldProblem };

type Common = Pick<ParsedRequest<'sources.addTelegramBot'>, 'apiId' | 'apiHash' | 'server'>;

/** API ID and hash are optional together: both empty means "use the console's defaults". */
function commonPart(app: TelegramAppFields, server: TelegramServerFields): Checked<Common> {
  const out: Common = {};
  const apiId = app.apiId.trim();
  const apiHash = app.apiHash.trim().toLowerCase();
  if (apiId !== '' || apiHash !== '') {
    if (apiId === '' || apiHash === '') return { ok: false, problem: 'appPair' };
    if (!/^[0-9]{1,12}$/.test(apiId) || Number(apiId) <= 0) return { ok: false, problem: 'apiId' };
    out.apiId = Number(apiId);
    out.apiHash = apiHash;
  }
  const host = server.host.trim();
  const port = server.port.trim();
  const pem = server.rsaPublicKeyPem.trim();
  if (host !== '' || port !== '' || pem !== '') {
    if (host === '' || !/^[0-9]{1,5}$/.test(port) || pem === '') return { ok: false, problem: 'server' };
    out.server = { host, port: Number(port), rsaPublicKeyPem: `${pem}\n` };
  }
  return { ok: true, request: out };
}

function problemOf(path: PropertyKey | undefined): TelegramFieldProblem {
  switch (path) {
    case 'label':
    case 'token':
    case 'phone':
    case 'apiId':
    case 'apiHash':
    case 'code':
    case 'password':
      return path;
    default:
      return 'server';
  }
}

export function telegramBotRequest(input: { label: string; token: string } & TelegramAppFields & TelegramServerFields): Checked<ParsedRequest<'sources.addTelegramBot'>> {
  const common = commonPart(input, input);
  if (!common.ok) return common;
  const parsed = commands['sources.addTelegramBot'].request.safeParse({ label: input.label.trim(), token: input.token.trim(), ...common.request });
  return parsed.success ? { ok: true, request: parsed.data } : { ok: false, problem: problemOf(parsed.error.issues[0]?.path[0]) };
}

export function telegramLoginStartRequest(input: { label: string; phone: string } & TelegramAppFields & TelegramServerFields): Checked<ParsedRequest<'sources.telegramLogin.start'>> {
  const common = commonPart(input, input);
  if (!common.ok) return common;
  const parsed = commands['sources.telegramLogin.start'].request.safeParse({ label: input.label.trim(), phone: input.phone.trim(), ...common.request });
  return parsed.success ? { ok: true, request: parsed.data } : { ok: false, problem: problemOf(parsed.error.issues[0]?.path[0]) };
}

/** The code step sends only the code; the password step only the password (main's contract). */
export function telegramLoginFinishRequest(loginId: string, step: { code: string } | { password: string }): Checked<ParsedRequest<'sources.telegramLogin.finish'>> {
  const payload = 'code' in step ? { loginId, code: step.code.replace(/[\s-]/g, '') } : { loginId, password: step.password };
  const parsed = commands['sources.telegramLogin.finish'].request.safeParse(payload);
  if (parsed.success) return { ok: true, request: parsed.data };
  return { ok: false, problem: 'code' in step ? 'code' : 'password' };
}
