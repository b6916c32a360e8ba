import type { CounterpartyDoc } from '../db/schemas';
import { encryptField } from '../keyring/field-cipher';
import { companyUscc, corporateAccount, last4 } from './identifiers';
import type { Org, PayeePlan } from './model';
import type { Prng } from './prng';
import type { SeededIds } from './seeded-ids';
import { BANKS, BRANCH_SUFFIXES, BRANDS, STATE_OWNED_WORKS, TRADE_SUFFIXES, type Trade } from './vocab/companies';
import { COUNTY_NAMES } from './vocab/places';

/** Payees per district, by trade; a district lets about 40 contracts. */
const PER_DISTRICT: Readonly<Record<Trade, number>> = { works: 10, supervision: 4, design: 3, audit: 3, equipment: 3 };

const SME_SHARE: Readonly<Record<Trade, number>> = { works: 0.85, supervision: 0.9, design: 0.8, audit: 0.95, equipment: 0.7 };

function branchName(prng: Prng, org: Org): string {
  const [bank] = prng.pick(BANKS);
  const county = `${org.countyShort}县`;
  // the rural commercial bank is the county's own: 青山农村商业银行营业部
  if (bank === '农村商业银行') return `${org.countyShort}${bank}${prng.pick(['营业部', '城关支行', '开发区支行'])}`;
  return `${bank}${county}${prng.pick(BRANCH_SUFFIXES)}`;
}

function companyName(prng: Prng, org: Org, trade: Trade, used: Set<string>): { name: string; stateOwned: boolean } {
  if (trade === 'works' && prng.chance(0.15)) {
    const free = STATE_OWNED_WORKS.filter((n) => !used.has(n));
    if (free.length > 0) return { name: prng.pick(free), stateOwned: true };
  }
  // A large county needs more names than one brand gives: after a few repeats, brands pair up
  // (恒通宏达…), and a numbered name is the last resort, so this always ends.
  for (let attempt = 0; ; attempt += 1) {
    const brand = attempt < 8 ? prng.pick(BRANDS) : prng.pick(BRANDS) + prng.pick(BRANDS);
    const prefix = prng.weighted<string>([
      [`${org.countyShort}县`, 3],
      [org.provinceAbbr, 4],
      [prng.pick(COUNTY_NAMES).name, 2],
      ['', 3],
    ]);
    const name = prefix + brand + prng.pick(TRADE_SUFFIXES[trade]) + (attempt < 40 ? '' : `（${attempt}）`);
    if (!used.has(name)) return { name, stateOwned: false };
  }
}

/**
 * The county's payees (收款单位): contractors with a 农民工工资专用账户 (R6), supervisors, designers,
 * cost consultants and suppliers, each with a valid credit code and SME flag (R1). Account
 * numbers are SM4-encrypted under the installation's data key, bound to the document id.
 */
export function planPayees(prng: Prng, ids: SeededIds, org: Org, scale: number, dataKey: Uint8Array, at: number): PayeePlan[] {
  const used = new Set<string>();
  const usccs = new Set<string>();
  const payees: PayeePlan[] = [];
  const creators = [...org.byRole.projectLead, ...org.byRole.finance];
  for (const [trade, perDistrict] of Object.entries(PER_DISTRICT) as [Trade, number][]) {
    for (let i = 0; i < perDistrict * scale; i += 1) {
      const { name, stateOwned } = companyName(prng, org, trade, used);
      used.add(name);
      const division = prng.weighted<string>([
        [org.divisionCode, 5],
        [`${org.provinceCode}0100`, 3],
        [`${org.provinceCode}0${prng.int(2, 9)}0${prng.int(1, 9)}`, 2],
      ]);
      let uscc = companyUscc(prng, division);
      while (usccs.has(uscc)) uscc = companyUscc(prng, division);
      usccs.add(uscc);
      const id = ids.next();
      const bankAccount = corporateAccount(prng);
      const wageAccount = trade === 'works' ? corporateAccount(prng) : null;
      const creator = prng.pick(creators);
      const doc: CounterpartyDoc = {
        id,
        unitId: org.county.id,
        createdBy: creator.id,
        createdAt: at,
        updatedAt: at,
        docType: 'counterparty',
        name,
        uscc,
        isSme: !stateOwned && prng.chance(SME_SHARE[trade]),
        bankName: branchName(prng, org),
        bankAccountEnc: encryptField(bankAccount, dataKey, { collection: 'contracts', field: 'bankAccountEnc', docId: id }),
        bankAccountLast4: last4(bankAccount),
        wageBankName: wageAccount === null ? null : branchName(prng, org),
        wageAccountEnc: wageAccount === null ? null : encryptField(wageAccount, dataKey, { collection: 'contracts', field: 'wageAccountEnc', docId: id }),
        wageAccountLast4: wageAccount === null ? null : last4(wageAccount),
      };
      payees.push({ doc, trade, bankAccount, wageAccount });
    }
  }
  return payees;
}
