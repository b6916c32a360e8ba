import { formatFen } from '../money';
import type { RuleViolation } from './rule-violation';

export interface CertificateInput {
  /** 计量期 YYYY-MM */
  period: string;
  /** value certified in this period, 分 */
  certifiedValue: number;
}

/** The latest certificate that still counts (draft or confirmed, never revoked). */
export interface PreviousCertificate {
  period: string;
  cumulativeCertified: number;
}

/**
 * 计量/进度确认: periods strictly follow each other, and the cumulative certified value only
 * grows and never passes the current contract amount (it caps progress payments, R4, so a value
 * above the contract would let more be paid than was agreed).
 */
export function certificateViolations(input: CertificateInput, previous: PreviousCertificate | null, contractAmount: number): RuleViolation[] {
  const out: RuleViolation[] = [];
  if (!/^\d{4}-(0[1-9]|1[0-2])$/u.test(input.period)) {
    out.push({ rule: 'R4', code: 'CERTIFICATE_INVALID', message: '计量期应为 YYYY-MM', field: 'period' });
    return out;
  }
  if (!Number.isSafeInteger(input.certifiedValue) || input.certifiedValue <= 0) {
    out.push({ rule: 'R4', code: 'CERTIFICATE_INVALID', message: '本期确认完成产值必须大于零', field: 'certifiedValue' });
    return out;
  }
  if (previous && input.period <= previous.period) {
    out.push({ rule: 'R4', code: 'CERTIFICATE_INVALID', message: `计量期须晚于上一期（${previous.period}）`, field: 'period' });
  }
  const cumulative = (previous?.cumulativeCertified ?? 0) + input.certifiedValue;
  if (cumulative > contractAmount) {
    out.push({
      rule: 'R4',
      code: 'CERTIFICATE_INVALID',
      message: `累计确认产值 ${formatFen(cumulative)} 超过合同金额 ${formatFen(contractAmount)}；超出部分须先办理合同变更`,
      field: 'certifiedValue',
    });
  }
  return out;
}
