// Where an announcement can go: every space of every connection, each with the channel it goes to by
// default (Discord: an announcement channel, else #general, else the first text channel; Telegram: the
// group itself, i.e. its General topic).
import type { AnnouncementTarget } from '@shared/announce/compose';
import type { ChannelInfo, SourceInfo } from '@shared/domain/model';

export interface SpaceChoice {
  /** `sourceId:spaceId`, unique across connections. */
  id: string;
  sourceId: string;
  platform: SourceInfo['platform'];
  spaceId: string;
  spaceName: string;
  channels: ChannelInfo[];
  defaultChannelId: string;
  /** The language the platform tells for the space (a Discord server's primary language). */
  toldLanguage?: string;
  /** Voice and stage channels, where a Discord scheduled event can take place. */
  rooms: ChannelInfo[];
}

const POSTABLE = new Set<ChannelInfo['kind']>(['text', 'announcement', 'thread']);

export function spaceChoices(sources: readonly SourceInfo[]): SpaceChoice[] {
  return sources.flatMap((source) =>
    source.spaces.flatMap((space): SpaceChoice[] => {
      // A group that continues under another id (a Telegram group upgraded) is posted to there.
      if (space.movedTo !== undefined) return [];
      const channels = space.channels.filter((c) => POSTABLE.has(c.kind));
      const preferred =
        channels.find((c) => c.id === space.id) ??
        channels.find((c) => c.kind === 'announcement') ??
        channels.find((c) => c.kind === 'text' && /general/i.test(c.name)) ??
        channels.find((c) => c.kind === 'text') ??
        channels[0];
      if (!preferred) return [];
      return [
        {
          id: `${source.id}:${space.id}`,
          sourceId: source.id,
          platform: source.platform,
          spaceId: space.id,
          spaceName: space.name,
          channels,
          defaultChannelId: preferred.id,
          rooms: space.channels.filter((c) => c.kind === 'voice' || c.kind === 'stage'),
          ...(space.language ? { toldLanguage: space.language } : {}),
        },
      ];
    }),
  );
}

/** A space's language: the one a moderator set on this console, else the one its platform tells. */
export function languageOf(choice: SpaceChoice, set: Readonly<Record<string, string>>): string | undefined {
  return set[choice.id] ?? choice.toldLanguage;
}

/** The chosen spaces (by choice id → channel id) as targets, in the order the spaces are listed, each with its language. */
export function chosenTargets(choices: readonly SpaceChoice[], chosen: ReadonlyMap<string, string>, languages: Readonly<Record<string, string>> = {}): AnnouncementTarget[] {
  return choices.flatMap((c) => {
    const channelId = chosen.get(c.id);
    if (!channelId || !c.channels.some((ch) => ch.id === channelId)) return [];
    const language = languageOf(c, languages);
    return [{ sourceId: c.sourceId, platform: c.platform, spaceId: c.spaceId, channelId, ...(language ? { language } : {}) }];
  });
}
