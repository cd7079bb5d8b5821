import { describe, expect, it } from 'vitest';
import { telegramBotRequest, telegramLoginFinishRequest, telegramLoginStartRequest } from './telegramRequest';

const pem = '-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEAwVACPi9w23mF3tBkdZz+zwrzKOaaQdr01vAbU4E1pvkfj4sqDsm6\n-----END RSA PUBLIC KEY-----';
const blank = { apiId: '', apiHash: '', host: '', port: '', rsaPublicKeyPem: '' };
const token = '123456789:AAE-abcdefghijklmnopqrstuvwxyz012';

describe('Telegram form → request', () => {
  it('sends a bot with neither app credentials nor server when both are left empty', () => {
    expect(telegramBotRequest({ label: ' Our group ', token: ` ${token} `, ...blank })).toEqual({ ok: true, request: { label: 'Our group', token } });
  });

  it('takes API ID and hash only as a pair, the ID as a number and the hash in lower case', () => {
    expect(telegramBotRequest({ label: 'g', token, ...blank, apiId: '17349' })).toEqual({ ok: false, problem: 'appPair' });
    expect(telegramBotRequest({ label: 'g', token, ...blank, apiHash: '3449e0b0c0ffee5e5ca1ab1ef00d0000' })).toEqual({ ok: false, problem: 'appPair' });
    expect(telegramBotRequest({ label: 'g', token, ...blank, apiId: '12a', apiHash: '3449e0b0c0ffee5e5ca1ab1ef00d0000' })).toEqual({ ok: false, problem: 'apiId' });
    expect(telegramBotRequest({ label: 'g', token, ...blank, apiId: '1', apiHash: 'not-hex' })).toEqual({ ok: false, problem: 'apiHash' });
    expect(telegramBotRequest({ label: 'g', token, ...blank, apiId: ' 17349 ', apiHash: '3449E0B0C0FFEE5E5CA1AB1EF00D0000' })).toMatchObject({
      ok: true,
      request: { apiId: 17349, apiHash: '3449e0b0c0ffee5e5ca1ab1ef00d0000' },
    });
  });

  it('needs host, port and key together for another server', () => {
    expect(telegramBotRequest({ label: 'g', token, ...blank, host: '127.0.0.1' })).toEqual({ ok: false, problem: 'server' });
    expect(telegramBotRequest({ label: 'g', token, ...blank, host: '127.0.0.1', port: '99999', rsaPublicKeyPem: pem })).toEqual({ ok: false, problem: 'server' });
    expect(telegramBotRequest({ label: 'g', token, ...blank, host: '127.0.0.1', port: '4430', rsaPublicKeyPem: 'not a key' })).toEqual({ ok: false, problem: 'server' });
    const ok = telegramBotRequest({ label: 'g', token, ...blank, host: '127.0.0.1', port: '4430', rsaPublicKeyPem: `\n${pem}\n\n` });
    expect(ok).toMatchObject({ ok: true, request: { server: { host: '127.0.0.1', port: 4430 } } });
    if (ok.ok) expect(ok.request.server?.rsaPublicKeyPem.startsWith('-----BEGIN')).toBe(true);
  });

  it('names the field main would refuse: label, token, phone', () => {
    expect(telegramBotRequest({ label: '  ', token, ...blank })).toEqual({ ok: false, problem: 'label' });
    expect(telegramBotRequest({ label: 'g', token: 'MTIzNDU2Nzg5.discord.token', ...blank })).toEqual({ ok: false, problem: 'token' });
    expect(telegramLoginStartRequest({ label: 'g', phone: 'call me', ...blank })).toEqual({ ok: false, problem: 'phone' });
    expect(telegramLoginStartRequest({ label: 'Sam', phone: '+44 7700 900123', ...blank })).toEqual({ ok: true, request: { label: 'Sam', phone: '+44 7700 900123' } });
  });

  it('sends the code alone, then the password alone', () => {
    const loginId = '0b6c3f8e-6d7a-4c2e-9a51-2f1e0d9c8b7a';
    expect(telegramLoginFinishRequest(loginId, { code: '12 345' })).toEqual({ ok: true, request: { loginId, code: '12345' } });
    expect(telegramLoginFinishRequest(loginId, { code: 'abc' })).toEqual({ ok: false, problem: 'code' });
    expect(telegramLoginFinishRequest(loginId, { password: 'hunter2' })).toEqual({ ok: true, request: { loginId, password: 'hunter2' } });
    expect(telegramLoginFinishRequest(loginId, { password: '' })).toEqual({ ok: false, problem: 'password' });
  });
});
