// `npm run practice`: the Discord practice community as a standalone process, with its endless
// scenario playing, so a console (or discord.js script) can connect to it by URL and token.
import '@shared/zodSetup';
import { parseArgs } from 'node:util';
import { startScenario } from './discord/scenario';
import { startDiscordSimulator } from './discord/simulator';

function numberOption(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got "${raw}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      speed: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const port = numberOption(values.port ?? process.env.PRACTICE_PORT, 0, 'port');
  const seed = numberOption(values.seed, 7, 'seed');
  const speed = numberOption(values.speed, 1, 'speed') || 1;

  const sim = await startDiscordSimulator({ port, seed });
  const scenario = startScenario(sim, {
    seed,
    speed,
    loop: true,
    ...(values.quiet ? {} : { onStep: (label: string) => process.stdout.write(`  · ${label}\n`) }),
  });
  process.stdout.write(
    `Practice community running.\n  TRIBE_DISCORD_API=${sim.apiBase}\n  TRIBE_DISCORD_TOKEN=${sim.token}\n` +
      `  guild ${sim.guildId} · ${sim.members().length} members · seed ${seed} · speed ${speed}x · Ctrl-C to stop\n`,
  );

  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    scenario.stop();
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`practice: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
