// One join (and one leave) per member per chat, however Telegram told it. A join or leave reaches
// the connection as a service message (in the chat's history), as updateChannelParticipant (to admins,
// and the only way when join messages are hidden or the group is large), or both: each report of one
// path absorbs one report of the same kind from the other path for the same member within WINDOW, so a
// raid is counted once per account. Two reports on the same path are two real joins (a rejoin).

/** How far apart (Telegram's dates, seconds) the two reports of one join may be. */
export const MEMBERSHIP_WINDOW_SECONDS = 120;
/** Reports remembered per member and chat, and members remembered per connection. */
const PER_MEMBER = 8;
const MEMBERS = 20_000;

export type MembershipPath = 'service' | 'participant';

interface Report {
  kind: 'join' | 'leave';
  path: MembershipPath;
  date: number;
  id: string;
  /** The other path's report this one absorbed. */
  partner?: string;
}

export class MembershipReports {
  private readonly byMember = new Map<string, Report[]>();

  /**
   * Whether to hand this report on: false when it is the other path's word for a join/leave already
   * handed on. A repeat of an event (the same id) gets the same answer as the first time.
   */
  admit(chatId: string, userId: string, report: Omit<Report, 'partner'>): boolean {
    const key = `${chatId}:${userId}`;
    const list = this.byMember.get(key) ?? [];
    if (list.some((r) => r.id === report.id)) return true;
    if (list.some((r) => r.partner === report.id)) return false;
    const twin = list.find((r) => r.kind === report.kind && r.path !== report.path && r.partner === undefined && Math.abs(r.date - report.date) <= MEMBERSHIP_WINDOW_SECONDS);
    if (twin) {
      twin.partner = report.id;
      return false;
    }
    list.push({ ...report });
    this.byMember.delete(key);
    this.byMember.set(key, list.slice(-PER_MEMBER));
    if (this.byMember.size > MEMBERS) {
      const oldest = this.byMember.keys().next().value;
      if (oldest !== undefined) this.byMember.delete(oldest);
    }
    return true;
  }
}
