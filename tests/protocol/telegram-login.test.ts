// Telegram login against a server that behaves as Telegram does, not as our connector would like:
// answers grouped in msg_containers with an RPC error among the results, any order, steps that are
// never answered. The login ends (ready, or a failure the renderer can word) and tries again.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ActionErrorSchema, type ActionError } from '../../src/shared/domain/result';
import { TelegramConnector, type TelegramSourceConfig } from '../../src/main/connectors/telegram/client';
import { startTelegramSimulator, type AnswerOrder, type TelegramSimulator } from '../../src/main/practice/telegram/simulator';
import { practiceTelegramSource } from './practiceTelegram';
import { until } from './until';

const running: TelegramConnector[] = [];
const sims: TelegramSimulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function simulator(seed: number) {
  const sim = await startTelegramSimulator({ seed });
  sims.push(sim);
  return sim;
}

function connector(sim: TelegramSimulator, extra: Partial<TelegramSourceConfig> = {}) {
  const c = new TelegramConnector(practiceTelegramSource(sim, { id: `telegram-${randomUUID().slice(0, 8)}`, label: 'Login test', practice: false, ...extra }));
  running.push(c);
  return c;
}

/** Settles `work`, or fails the test naming what hung (instead of waiting for the test's own timeout). */
async function settles<T>(work: Promise<T>, what: string, timeoutMs = 30_000): Promise<T> {
  let done: { value: T } | undefined;
  void work.then((value) => (done = { value }));
  return (await until(() => done, what, timeoutMs)).value;
}

describe('Telegram login against a server that groups its answers', () => {
  it('a bot logs in when the answers come in one container with an RPC error first', async () => {
    // The server answers what the client asked together in one container, in the order asked.
    const sim = await simulator(51);
    const c = connector(sim, { botToken: sim.botToken });
    const started = await settles(c.start(), 'the bot login');
    expect(started.ok).toBe(true);
    expect(c.info()).toMatchObject({ state: 'ready', self: { id: sim.botUserId } });
    expect(sim.calls('auth.ImportBotAuthorization')).toBe(1);
  });

  it('does not lose the other answers of a container that carries an error, after login too', async () => {
    const sim = await simulator(52);
    const c = connector(sim, { botToken: sim.botToken });
    expect((await settles(c.start(), 'the bot login')).ok).toBe(true);
    const hello = sim.postMessage({ authorId: sim.memberIds()[0] as string, text: 'hello' });
    await until(() => c.info().spaces.length > 0, 'the bot to learn the group');
    // Two context reads in flight at once: the first is refused, both answers travel in one container.
    sim.injectError('channels.GetMessages', 500, 'INTERNAL_SERVER_ERROR');
    sim.scheduleAnswers({ groups: [{ size: 2, order: 'errors_first' }], waitMs: 5_000 });
    const [refused, read] = await settles(
      Promise.all([c.context(sim.supergroupId, String(hello.id), 2), c.context(sim.supergroupId, String(hello.id), 2)]),
      'both reads to settle',
    );
    expect([refused.ok, read.ok].sort()).toEqual([false, true]);
  });

  it('a silent sign-in step ends in a worded "no answer" with the step and the server, then the login is tried again', async () => {
    const sim = await simulator(53);
    sim.injectSilence('auth.ImportBotAuthorization');
    const c = connector(sim, { botToken: sim.botToken, readyTimeoutMs: 1_500, retryDelayMs: 100 });
    const started = await settles(c.start(), 'the login to give up on the silent step');
    expect(started.ok).toBe(false);
    if (started.ok) return;
    expect(ActionErrorSchema.parse(started.error)).toMatchObject({
      code: 'offline',
      retryable: true,
      fields: { reason: 'no_answer_at', step: 'sign_in', seconds: 2, server: `${sim.host}:${sim.port}` },
    });
    expect(c.info()).toMatchObject({ state: 'error', stateFields: { reason: 'no_answer_at', step: 'sign_in' } });
    // The retry opens a fresh connection and gets through: the server answers this time.
    await until(() => c.info().state === 'ready', 'the retried login');
    expect(sim.calls('auth.ImportBotAuthorization')).toBe(2);
    expect(c.info().stateFields).toBeUndefined();
  });

  it('a user login whose "send code" goes unanswered says so, and the next try works', async () => {
    const sim = await simulator(54);
    const account = sim.userAccounts[0] as (typeof sim.userAccounts)[number];
    sim.injectSilence('auth.SendCode');
    const c = connector(sim, { readyTimeoutMs: 1_500 });
    const first = await settles(c.beginUserLogin(account.phone), 'send code');
    expect(first.ok ? undefined : first.error.fields).toMatchObject({ reason: 'no_answer_at', step: 'send_code' });
    const second = await settles(c.beginUserLogin(account.phone), 'send code again');
    expect(second.ok).toBe(true);
    const signedIn = await settles(c.completeUserLogin(account.code), 'sign in');
    expect(signedIn.ok && signedIn.value.status).toBe('signed_in');
  });
});

const LOGIN_METHODS = ['help.GetConfig', 'updates.GetState', 'auth.ImportBotAuthorization', 'users.GetUsers'] as const;
const FAULTS = [
  { code: 500, message: 'INTERNAL_SERVER_ERROR' },
  { code: 420, message: 'FLOOD_WAIT_3' },
  { code: 401, message: 'AUTH_KEY_UNREGISTERED' },
  { code: 400, message: 'CONNECTION_NOT_INITED' },
] as const;

/** A failure the renderer can word: a typed code, and for silence the step it stopped at. */
function clearFailure(error: ActionError): boolean {
  if (!ActionErrorSchema.safeParse(error).success || error.message.length === 0) return false;
  if (error.fields?.reason) return ['no_answer', 'no_answer_at'].includes(String(error.fields.reason)) && error.code === 'offline';
  return ['internal', 'rate_limited', 'token_invalid', 'invalid_input', 'offline'].includes(error.code);
}

describe('Telegram login under any answer schedule (property)', () => {
  it('finishes or fails with a clear message within its step timeouts, whatever the grouping, order and errors', async () => {
    const stepMs = 800;
    const schedule = fc.record({
      groups: fc.array(fc.record({ size: fc.integer({ min: 1, max: 4 }), order: fc.constantFrom<AnswerOrder>('received', 'reversed', 'errors_first') }), { maxLength: 6 }),
      waitMs: fc.integer({ min: 1, max: 300 }),
      faults: fc.array(fc.record({ method: fc.constantFrom(...LOGIN_METHODS), fault: fc.constantFrom(...FAULTS) }), { maxLength: 2 }),
      silent: fc.subarray([...LOGIN_METHODS], { maxLength: 1 }),
    });
    let seed = 600;
    await fc.assert(
      fc.asyncProperty(schedule, async ({ groups, waitMs, faults, silent }) => {
        const sim = await simulator(seed++);
        sim.scheduleAnswers({ groups, waitMs });
        for (const { method, fault } of faults) sim.injectError(method, fault.code, fault.message);
        for (const method of silent) sim.injectSilence(method);
        const c = connector(sim, { botToken: sim.botToken, readyTimeoutMs: stepMs, retryDelayMs: 60_000 });
        // Five steps at most (connect, check, sign in, profile, position), each bounded by stepMs.
        const result = await settles(c.start(), 'the login to end', 5 * stepMs + 15_000);
        if (result.ok) expect(c.info().state).toBe('ready');
        else {
          expect(clearFailure(result.error), JSON.stringify(result.error)).toBe(true);
          expect(['error', 'token_invalid']).toContain(c.info().state);
        }
        await c.stop();
        running.splice(running.indexOf(c), 1);
        await sim.close();
        sims.splice(sims.indexOf(sim), 1);
      }),
      { numRuns: 12 },
    );
  });
});
