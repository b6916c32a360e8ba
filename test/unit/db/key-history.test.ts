import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyValidAt, rotateKey, startKeyHistory, type KeyHistoryEntry } from '../../../shared/domain/key-history';

describe('key history (shared/domain/key-history.ts)', () => {
  it('starts with one open entry', () => {
    expect(startKeyHistory('k1', 100)).toEqual([{ publicKey: 'k1', validFrom: 100, validTo: null }]);
  });

  it('closes the open entry when a key is replaced and leaves the input alone', () => {
    const start = Object.freeze(startKeyHistory('k1', 100).map((e) => Object.freeze(e)));
    expect(rotateKey(start, 'k2', 250)).toEqual([
      { publicKey: 'k1', validFrom: 100, validTo: 250 },
      { publicKey: 'k2', validFrom: 250, validTo: null },
    ]);
    expect(start[0]?.validTo).toBeNull();
  });

  it('finds the key valid at a time: from inclusive, to exclusive, nothing before the account', () => {
    const history = rotateKey(startKeyHistory('k1', 100), 'k2', 250);
    expect(keyValidAt(history, 99)).toBeNull();
    expect(keyValidAt(history, 100)).toBe('k1');
    expect(keyValidAt(history, 249)).toBe('k1');
    expect(keyValidAt(history, 250)).toBe('k2');
    expect(keyValidAt(history, 9e12)).toBe('k2');
  });

  it('after any sequence of resets: one open entry (the newest key), contiguous periods, every time answered right', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.array(fc.integer({ min: 1, max: 1e9 }), { maxLength: 12 }), (created, gaps) => {
        let history: KeyHistoryEntry[] = startKeyHistory('k0', created);
        let at = created;
        gaps.forEach((gap, i) => {
          at += gap;
          history = rotateKey(history, `k${i + 1}`, at);
        });
        expect(history).toHaveLength(gaps.length + 1);
        expect(history.filter((e) => e.validTo === null)).toEqual([{ publicKey: `k${gaps.length}`, validFrom: at, validTo: null }]);
        history.slice(1).forEach((entry, i) => expect(history[i]?.validTo).toBe(entry.validFrom));
        history.forEach((entry) => {
          expect(keyValidAt(history, entry.validFrom)).toBe(entry.publicKey);
          if (entry.validTo !== null) expect(keyValidAt(history, entry.validTo - 1)).toBe(entry.publicKey);
        });
      }),
    );
  });
});
