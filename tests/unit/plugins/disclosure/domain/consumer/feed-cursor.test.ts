import { decodeCursor, encodeCursor } from '../../../../../../src/plugins/disclosure/server/src/domain/consumer/feed-cursor';

describe('feed cursors', () => {
  it('decode to the event id they encode', () => {
    for (const id of [0, 1, 35, 36, 1_000, 123_456_789, 2 ** 40, Number.MAX_SAFE_INTEGER]) {
      expect(decodeCursor(encodeCursor(id))).toBe(id);
    }
  });

  it('are opaque strings of the form c1.<base36>', () => {
    expect(encodeCursor(36)).toBe('c1.10');
    expect(encodeCursor(Number.MAX_SAFE_INTEGER)).toMatch(/^c1\.[0-9a-z]{1,12}$/);
  });

  it('start from the beginning when absent or empty', () => {
    expect(decodeCursor(undefined)).toBe(0);
    expect(decodeCursor('')).toBe(0);
  });

  it('are refused when malformed', () => {
    for (const bad of ['garbage', '10', 'c1.', 'c2.10', 'C1.10', 'c1.ZZ', 'c1.-1', 'c1.1.5', ' c1.10', 'c1.10 ', 'c1.1234567890abc']) {
      expect(decodeCursor(bad)).toBeNull();
    }
  });

  it('are refused when they encode more than a safe integer', () => {
    expect(decodeCursor('c1.zzzzzzzzzzzz')).toBeNull();
  });
});
