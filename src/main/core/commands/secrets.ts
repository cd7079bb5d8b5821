// The `secrets.*` commands: how tokens and sessions are kept here, and the user's choice when the OS
// keychain is missing. The secrets themselves never cross the contract.
import { fail, ok } from '@shared/domain/result';
import type { CommandHandlers } from '@shared/ipc/contract';
import type { SecretStore } from '../../secrets/store';

export function secretsHandlers(store: SecretStore): CommandHandlers<'secrets'> {
  return {
    'secrets.protection': async () => store.protection(),
    'secrets.allowUnencrypted': async ({ allow }) => {
      if (!store.allowUnencrypted) return fail('unsupported', 'Secrets here are already protected; there is nothing to choose.');
      await store.allowUnencrypted(allow);
      return ok(store.protection());
    },
  };
}
