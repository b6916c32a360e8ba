import { ROLES, type Role } from '../../../shared/domain/roles';
import type { UnitDoc } from '../db/schemas';
import { governmentUscc } from './identifiers';
import type { Org, SeedUser, UserPlan } from './model';
import type { Prng } from './prng';
import type { SeededIds } from './seeded-ids';
import { GIVEN_CHARS, SURNAMES } from './vocab/person-names';
import { COUNTY_NAMES, PROVINCES } from './vocab/places';

/** From this scale on, the county sits under a provincial office (with a provincial auditor). */
export const PROVINCE_FROM_SCALE = 10;

export interface OrgPlan {
  county: UnitDoc;
  province: UnitDoc | null;
  countyShort: string;
  divisionCode: string;
  provinceCode: string;
  provinceAbbr: string;
  users: UserPlan[];
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}

/** How many people hold each role: a small county office at scale 1, more hands as it grows. */
export function staffing(scale: number): Record<Role, number> {
  return {
    admin: 1,
    // at least two, so the person filing a request is never the project lead who approves it (R10)
    projectLead: clamp(3 + scale, 4, 24),
    leader: clamp(2 + Math.floor(scale / 10), 2, 6),
    finance: clamp(2 + Math.floor(scale / 5), 2, 8),
    cashier: clamp(1 + Math.floor(scale / 20), 1, 4),
    auditor: 1,
    riskOfficer: clamp(1 + Math.floor(scale / 50), 1, 3),
  };
}

class NameMaker {
  private readonly names = new Set<string>();
  private readonly logins = new Set<string>(['admin']);

  constructor(private readonly prng: Prng) {}

  next(prefix = ''): { name: string; login: string } {
    for (;;) {
      const [surname, surnamePinyin] = this.prng.pick(SURNAMES);
      const chars = this.prng.chance(0.75) ? [this.prng.pick(GIVEN_CHARS), this.prng.pick(GIVEN_CHARS)] : [this.prng.pick(GIVEN_CHARS)];
      const name = surname + chars.map(([c]) => c).join('');
      if (this.names.has(name)) continue;
      const base = prefix + surnamePinyin + chars.map(([, p]) => p.charAt(0)).join('');
      let login = base;
      for (let n = 2; this.logins.has(login); n += 1) login = `${base}${n}`;
      this.names.add(name);
      this.logins.add(login);
      return { name, login };
    }
  }
}

/** The office, the province above it (from PROVINCE_FROM_SCALE on) and who works there. */
export function planOrg(prng: Prng, ids: SeededIds, scale: number, at: number): OrgPlan {
  const province = prng.pick(PROVINCES);
  const county = prng.pick(COUNTY_NAMES);
  const divisionCode = `${province.code}${String(prng.int(1, 9)).padStart(2, '0')}${String(prng.int(21, 35))}`;
  const office = prng.chance(0.7) ? '财政局' : '住房和城乡建设局';
  const provinceUnit: UnitDoc | null =
    scale >= PROVINCE_FROM_SCALE
      ? (() => {
          const id = ids.next();
          return {
            id,
            unitId: id,
            name: `${province.name}财政厅`,
            uscc: governmentUscc(prng, `${province.code}0000`),
            level: 'province',
            parentId: null,
            createdBy: 'seed',
            createdAt: at,
            updatedAt: at,
          };
        })()
      : null;
  const countyId = ids.next();
  const countyUnit: UnitDoc = {
    id: countyId,
    unitId: countyId,
    name: `${county.name}${office}`,
    uscc: governmentUscc(prng, divisionCode),
    level: 'county',
    parentId: provinceUnit?.id ?? null,
    createdBy: 'seed',
    createdAt: at,
    updatedAt: at,
  };

  const names = new NameMaker(prng);
  const users: UserPlan[] = [];
  const counts = staffing(scale);
  for (const role of ROLES) {
    for (let i = 0; i < counts[role]; i += 1) {
      const person = names.next();
      users.push({
        id: ids.next(),
        // the one administrator signs in as "admin": the login the CLI and the demo screen name
        login: role === 'admin' ? 'admin' : person.login,
        name: person.name,
        roles: [role],
        unitId: countyId,
      });
    }
  }
  if (provinceUnit) {
    const person = names.next('sheng.');
    users.push({ id: ids.next(), login: person.login, name: person.name, roles: ['auditor'], unitId: provinceUnit.id });
  }
  return {
    county: countyUnit,
    province: provinceUnit,
    countyShort: county.short,
    divisionCode,
    provinceCode: province.code,
    provinceAbbr: province.abbr,
    users,
  };
}

/** The plan with its users' keys, indexed by role (county staff only: they do the work). */
export function assembleOrg(plan: OrgPlan, users: SeedUser[]): Org {
  const byRole = Object.fromEntries(ROLES.map((role) => [role, users.filter((u) => u.roles.includes(role) && u.unitId === plan.county.id)])) as Record<
    Role,
    SeedUser[]
  >;
  const admin = byRole.admin[0];
  if (!admin) throw new Error('the generated office has no administrator');
  return {
    county: plan.county,
    province: plan.province,
    countyShort: plan.countyShort,
    divisionCode: plan.divisionCode,
    provinceCode: plan.provinceCode,
    provinceAbbr: plan.provinceAbbr,
    users,
    byRole,
    admin,
  };
}
