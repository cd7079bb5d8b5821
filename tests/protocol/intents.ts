// Action intents as the renderer sends them, for the protocol tests: parsed by the contract's schema,
// each with a fresh idempotency key, aimed at one place of one source unless a test says otherwise.
import { randomUUID } from 'node:crypto';
import { ActionIntentSchema, type ActionIntent } from '../../src/shared/domain/actions';

type Place = Pick<ActionIntent, 'sourceId' | 'platform' | 'spaceId' | 'channelId'>;

/** What a test writes of an intent: its kind's own fields, and a channel or a key where it needs another. */
export type IntentFields<K extends ActionIntent['kind']> = Omit<Extract<ActionIntent, { kind: K }>, 'key' | 'kind' | keyof Place> & { channelId?: string; key?: string };

/** A builder of intents for the place `where` answers, asked at each intent (tests start their source in beforeAll). */
export function intentsIn(where: () => Place) {
  return <K extends ActionIntent['kind']>(kind: K, fields: IntentFields<K>): ActionIntent => ActionIntentSchema.parse({ key: randomUUID(), kind, ...where(), ...fields });
}
