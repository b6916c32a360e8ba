import { USCC_CHARSET, usccCheckChar } from '../../../shared/validators';
import type { Prng } from './prng';

/** GB 11714 organisation code: 8 body characters and a mod-11 check character. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

function orgCodeCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i += 1) {
    const ch = body.charAt(i);
    const value = /[0-9]/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55; // A = 10 … Z = 35
    sum += value * (ORG_WEIGHTS[i] ?? 0);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** Letters allowed in a USCC (no I, O, Z, S, V), for the random part of organisation codes. */
const LETTERS = USCC_CHARSET.slice(10);

function withCheck(first17: string): string {
  const check = usccCheckChar(first17);
  if (check === null) throw new Error(`not a USCC body: ${first17}`);
  return first17 + check;
}

/**
 * 统一社会信用代码 of a government office (登记管理部门 1 机构编制, 类别 1 机关): division code and a
 * GB 11714 organisation code starting 00, as those of county offices do.
 */
export function governmentUscc(prng: Prng, divisionCode: string): string {
  const body = `00${prng.digits(6)}`;
  return withCheck(`11${divisionCode}${body}${orgCodeCheck(body)}`);
}

/** 统一社会信用代码 of a company (9 工商, 1 企业), with an MA-series organisation code of recent years. */
export function companyUscc(prng: Prng, divisionCode: string): string {
  let body = 'MA';
  for (let i = 0; i < 6; i += 1) body += prng.chance(0.6) ? String(prng.int(0, 9)) : prng.pick([...LETTERS]);
  return withCheck(`91${divisionCode}${body}${orgCodeCheck(body)}`);
}

/** A corporate (对公) account number: 17–19 digits, no check digit (shared/validators/bank-account.ts). */
export function corporateAccount(prng: Prng): string {
  return String(prng.int(1, 9)) + prng.digits(prng.int(16, 18));
}

export function last4(account: string): string {
  return account.slice(-4);
}

/**
 * 全电发票号码: 20 digits — year (2), province (2), channel (1), issuing tax office (5) and a
 * 10-digit serial. The serial comes from one counter for the whole run, so no number repeats
 * (invariant 4) however many districts are generated.
 */
export class InvoiceNumbers {
  private serial = 0;

  constructor(
    private readonly provinceCode: string,
    private readonly prng: Prng,
  ) {}

  next(year: number): string {
    this.serial += this.prng.int(1, 40);
    const office = String(10_000 + (this.serial % 89_999)).padStart(5, '0');
    return `${String(year % 100).padStart(2, '0')}${this.provinceCode}2${office}${String(this.serial).padStart(10, '0')}`;
  }
}
