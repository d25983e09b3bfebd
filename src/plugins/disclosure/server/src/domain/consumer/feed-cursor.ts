/**
 * Feed cursors are opaque to consumers: `c1.<base36 event id>`. Event ids are assigned in commit order (feed
 * writes are serialized until commit), so "everything after the cursor" never skips an event committed later.
 */
const CURSOR = /^c1\.([0-9a-z]{1,12})$/;

export const encodeCursor = (eventId: number) => `c1.${eventId.toString(36)}`;

/** The event id after which to read, or null for a malformed cursor. Undefined/empty means from the start (0). */
export function decodeCursor(cursor: string | undefined): number | null {
  if (cursor === undefined || cursor === '') return 0;
  const match = CURSOR.exec(cursor);
  if (!match) return null;
  const id = parseInt(match[1], 36);
  return Number.isSafeInteger(id) ? id : null;
}
