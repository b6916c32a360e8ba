import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from '../../../renderer/src/api/reconnect-delay';
import { formatDate, formatDateTime, shortHash } from '../../../renderer/src/format/date-time';
import { NEWEST, currentCursor, olderCursor, popNewer, pushOlder } from '../../../renderer/src/pages/audit/audit-paging';
import { userState } from '../../../renderer/src/pages/users/user-state';
import { otherLanguage, storedLanguage } from '../../../renderer/src/i18n/language';

describe('dates as offices write them', () => {
  it('formats YYYY-MM-DD and YYYY-MM-DD HH:mm:ss in local time', () => {
    const at = new Date(2025, 0, 2, 3, 4, 5).getTime();
    expect(formatDate(at)).toBe('2025-01-02');
    expect(formatDateTime(at)).toBe('2025-01-02 03:04:05');
  });

  it('shortens hashes', () => {
    expect(shortHash('0123456789abcdef')).toBe('0123456789ab…');
    expect(shortHash('abc')).toBe('abc');
  });
});

describe('user state chip', () => {
  const now = 1_000;
  it('is 已停用 for a disabled account, 已锁定 while a lock runs, else 在用', () => {
    expect(userState({ disabled: true, lockedUntil: 5_000 }, now)).toBe('disabled');
    expect(userState({ disabled: false, lockedUntil: 5_000 }, now)).toBe('locked');
    expect(userState({ disabled: false, lockedUntil: 500 }, now)).toBe('active');
    expect(userState({ disabled: false, lockedUntil: null }, now)).toBe('active');
  });
});

describe('audit paging by beforeSeq', () => {
  it('offers an older page only when this one is full', () => {
    const page = [{ seq: 120 }, { seq: 119 }, { seq: 118 }];
    expect(olderCursor(page, 3)).toBe(118);
    expect(olderCursor(page, 50)).toBeNull();
    expect(olderCursor([], 3)).toBeNull();
    expect(olderCursor([{ seq: 0 }], 1)).toBeNull();
  });

  it('walks back and forth through visited pages', () => {
    const older = pushOlder(pushOlder(NEWEST, 118), 60);
    expect(currentCursor(older)).toBe(60);
    expect(currentCursor(popNewer(older))).toBe(118);
    expect(currentCursor(popNewer(popNewer(older)))).toBeUndefined();
    expect(popNewer(NEWEST)).toEqual(NEWEST);
  });
});

describe('reconnect back-off', () => {
  it('grows and is capped', () => {
    expect([0, 1, 2, 3, 4, 5, 30].map((n) => reconnectDelayMs(n))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });
});

describe('language choice', () => {
  it('defaults to Chinese and remembers English', () => {
    expect(storedLanguage({ getItem: () => null })).toBe('zh-CN');
    expect(storedLanguage({ getItem: () => 'fr' })).toBe('zh-CN');
    expect(storedLanguage({ getItem: () => 'en' })).toBe('en');
    expect(otherLanguage('zh-CN')).toBe('en');
    expect(otherLanguage('en')).toBe('zh-CN');
  });
});
