import type { UnitLevel } from '../../../shared/domain/unit';
import { AppError } from '../../../shared/errors';
import { newId } from '../../../shared/ids/uuidv7';
import type { Clock } from '../app/clock';
import type { WriteLock } from '../app/write-lock';
import type { AuditLog } from '../audit/audit-log';
import type { GovPayDatabase } from '../db/database';
import type { UnitDoc } from '../db/schemas';
import type { UserService } from '../users/user-service';
import type { DataKeyring } from '../keyring/data-keyring';
import { runAtomically } from '../app/unit-of-work';

export interface SetupInput {
  unit: { name: string; uscc: string; level: UnitLevel };
  admin: { login: string; name: string; password: string; passwordConfirm: string };
}

/**
 * First run: the office and its first administrator, chosen by the people installing it.
 * No default account or password ever ships.
 */
export class SetupService {
  constructor(
    private readonly db: GovPayDatabase,
    private readonly users: UserService,
    private readonly keyring: DataKeyring,
    private readonly audit: AuditLog,
    private readonly lock: WriteLock,
    private readonly clock: Clock,
  ) {}

  async status(): Promise<{ initialized: boolean; unitName: string | null; demoDataPresent: boolean }> {
    const unit = await this.db.units.findOne({ selector: { parentId: null } }).exec();
    const any = unit ?? (await this.db.units.findOne().exec());
    return { initialized: any !== null, unitName: any?.name ?? null, demoDataPresent: false };
  }

  async initialize(input: SetupInput): Promise<{ unitId: string; adminUserId: string; recoveryCode: string }> {
    return runAtomically(this.lock, this.db, async () => {
      if ((await this.db.units.count().exec()) > 0) throw new AppError('ALREADY_SET_UP');
      const now = this.clock.now();
      const unitId = newId();
      const unit: UnitDoc = {
        id: unitId,
        unitId,
        name: input.unit.name,
        uscc: input.unit.uscc,
        level: input.unit.level,
        parentId: null,
        createdBy: 'setup',
        createdAt: now,
        updatedAt: now,
      };
      // The admin is checked before anything is written, so a weak password leaves no office behind.
      const prefixed = (error: unknown): never => {
        if (error instanceof AppError && error.field) throw new AppError(error.code, error.message, `admin.${error.field}`);
        throw error;
      };
      await this.users.checkNewUser({ ...input.admin, roles: ['admin'], unitId }).catch(prefixed);
      await this.db.units.insert(unit);
      const admin = await this.users
        .createLocked({ ...input.admin, roles: ['admin'], unitId }, null, false)
        .catch(prefixed);
      // The installation's data key, sealed for the administrator and under a recovery code that
      // is shown once, so encrypted fields survive even if every password is forgotten.
      const { recoveryCode } = await this.keyring.initialize(unitId, admin.id, input.admin.password);
      await this.audit.appendLocked({
        unitId,
        actor: { id: admin.id, name: admin.name },
        action: 'setup.initialize',
        entity: 'unit',
        entityId: unitId,
        summary: `首次运行初始化：创建单位 ${unit.name}（${unit.uscc}）及系统管理员 ${admin.name}（${admin.login}）`,
        payload: { unit, adminLogin: admin.login },
      });
      return { unitId, adminUserId: admin.id, recoveryCode };
    });
  }
}
