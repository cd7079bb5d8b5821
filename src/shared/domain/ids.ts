// Platform message ids are numeric strings of growing length; compare them without BigInt parsing.
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxId(a: string | undefined, b: string): string {
  return a === undefined || compareIds(b, a) > 0 ? b : a;
}

/** The stable id of a platform event (DESIGN.md §1): `platform:space:channel:nativeId[:suffix]`. */
export function eventId(platform: string, spaceId: string, channelId: string, nativeId: string, suffix?: string): string {
  return [platform, spaceId, channelId, nativeId, ...(suffix ? [suffix] : [])].join(':');
}
