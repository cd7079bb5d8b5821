// A source's cursor (how far the renderer's store reaches: per key a position, handed back to the
// connector's catch-up) and how an event's move advances it. The moves are produced by each
// connector in one form (model.ts CursorMoveSchema); applying one needs no knowledge of the platform.
import { compareIds } from './ids';
import type { CursorMove } from './model';

/** Applies `move` to `positions` in place: `after` positions never move back, `at` ones are replaced. True when any changed. */
export function applyCursorMove(positions: Record<string, string>, move: CursorMove): boolean {
  let moved = false;
  if (move.at) {
    for (const [key, value] of Object.entries(move.at)) {
      if (positions[key] !== value) {
        positions[key] = value;
        moved = true;
      }
    }
  }
  if (move.after) {
    for (const [key, value] of Object.entries(move.after)) {
      const held = positions[key];
      if (held === undefined || compareIds(value, held) > 0) {
        positions[key] = value;
        moved = true;
      }
    }
  }
  return moved;
}

/** The move of a message event: its channel's position goes forward to it. */
export function messageMove(channelId: string, messageId: string): CursorMove {
  return { after: { [channelId]: messageId } };
}
