import type { UserView } from '../../../../shared/api/common-schemas';

export type UserState = 'active' | 'disabled' | 'locked';

/** 在用 / 已停用 / 已锁定: a disabled account is "disabled" whether or not a lock is also running. */
export function userState(user: Pick<UserView, 'disabled' | 'lockedUntil'>, now: number): UserState {
  if (user.disabled) return 'disabled';
  if (user.lockedUntil !== null && user.lockedUntil > now) return 'locked';
  return 'active';
}

export const USER_STATE_TONE = { active: 'ok', disabled: 'neutral', locked: 'warn' } as const;
