import type { UnitView, UserView } from '../../../shared/api';
import type { UnitDoc, UserDoc } from '../db/schemas';

/** What leaves the core about a user: never the password hash or the wrapped key. */
export function toUserView(user: UserDoc, now: number): UserView {
  return {
    id: user.id,
    unitId: user.unitId,
    login: user.login,
    name: user.name,
    roles: [...user.roles],
    disabled: user.disabled,
    disabledReason: user.disabledReason,
    mustChangePassword: user.mustChangePassword,
    lockedUntil: user.lockedUntil !== null && user.lockedUntil > now ? user.lockedUntil : null,
    lastLoginAt: user.lastLoginAt,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

export function toUnitView(unit: UnitDoc): UnitView {
  return {
    id: unit.id,
    name: unit.name,
    uscc: unit.uscc,
    level: unit.level,
    parentId: unit.parentId,
    createdAt: unit.createdAt,
  };
}
