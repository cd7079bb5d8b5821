// Who the staff are, for triage's impersonation check: each space's moderators as its connector knows
// them (Discord members with moderation permissions or staff roles, Telegram chat admins) plus the
// team's own roster. The context object stays the same while its parts do, so triage keeps its work.
import type { ChatEvent } from '@shared/domain/model';
import type { TriageContext } from '@shared/triage';
import type { StaffList } from '../core/connector';

export interface StaffSources {
  /** The connector's staff list for a space (the same object until it changes). */
  platform(sourceId: string, spaceId: string): StaffList | undefined;
  /** The team roster's names (the same array until the roster changes). */
  roster(): readonly string[];
}

interface Entry {
  platform: StaffList | undefined;
  roster: readonly string[];
  context: TriageContext;
}

export class StaffDirectory {
  private readonly bySpace = new Map<string, Entry>();

  constructor(private readonly sources: StaffSources) {}

  context(event: Pick<ChatEvent, 'sourceId' | 'spaceId'>): TriageContext | undefined {
    const platform = this.sources.platform(event.sourceId, event.spaceId);
    const roster = this.sources.roster();
    if (!platform && roster.length === 0) return undefined;
    const key = `${event.sourceId}\u0000${event.spaceId}`;
    const known = this.bySpace.get(key);
    if (known && known.platform === platform && known.roster === roster) return known.context;
    const names = [...new Set([...(platform?.names ?? []), ...roster])];
    const context: TriageContext = { staffNames: names, staffIds: [...(platform?.ids ?? [])] };
    this.bySpace.set(key, { platform, roster, context });
    return context;
  }
}
