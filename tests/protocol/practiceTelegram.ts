// A Telegram source on a practice server, as the protocol tests configure it: the server's address
// and key, the practice app's credentials; the test names it and says how it logs in.
import type { TelegramSourceConfig } from '../../src/main/connectors/telegram/client';
import { PRACTICE_TELEGRAM_APP } from '../../src/main/launch';
import type { TelegramSimulator } from '../../src/main/practice/telegram/simulator';

export function practiceTelegramSource(sim: TelegramSimulator, over: Partial<TelegramSourceConfig> & { id: string }): TelegramSourceConfig {
  return {
    label: 'Practice Telegram',
    practice: true,
    ...PRACTICE_TELEGRAM_APP,
    server: { host: sim.host, port: sim.port, rsaPublicKeyPem: sim.rsaPublicKeyPem },
    ...over,
  };
}
