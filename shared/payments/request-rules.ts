import type { ContractStatus } from '../domain/contract';
import { PAYMENT_KIND_LABELS, type PaymentKind } from '../domain/payment-kind';
import type { ErrorCode } from '../errors/error-codes';
import { formatFen } from '../money';
import { validateEInvoiceNumber } from '../validators';
import { ATTACHMENT_PURPOSE_LABELS, EVIDENCE_RULES, type AttachmentPurpose } from './evidence';
import { DEFAULT_PAYMENT_POLICY, percentText, type PaymentPolicy } from './payment-policy';

/**
 * The request-level rules (issue 4 item 4; REGULATIONS R3–R6, DOMAIN invariants 3 and 4) as one
 * pure function: facts in, findings out. The core loads the facts under its write lock and
 * refuses on the first violation at submit; a draft shows the same findings as warnings, so a
 * person sees at once what will block the request.
 */

/** Committing amounts (submitted … paid) of a contract's OTHER requests, per kind, in 分. */
export interface CommittedByKind {
  advance: number;
  progress: number;
  settlement: number;
  retention: number;
  other: number;
}

export interface RequestFacts {
  kind: PaymentKind;
  amount: number;
  labourAmount: number;
  invoiceNos: readonly string[];
  /** purposes of the attachments the request carries */
  evidence: readonly (AttachmentPurpose | null)[];
  contract: { code: string; amount: number; retentionRate: number; status: ContractStatus };
  committed: CommittedByKind;
  /** latest confirmed 计量/进度确认 cumulative value, 分 (0 when none) */
  cumulativeCertified: number;
  /** end of the defect-liability period (retention milestone's due date), YYYY-MM-DD, or null */
  defectPeriodEnd: string | null;
  /** today in China, YYYY-MM-DD */
  today: string;
  /** invoice number → requestNo of another live request already holding it (invariant 4) */
  invoicesInUse: ReadonlyMap<string, string>;
}

export interface RuleFinding {
  code: ErrorCode;
  message: string;
  field: string;
}

export interface RuleOutcome {
  /** any of these blocks a submit */
  violations: RuleFinding[];
  /** never blocks; shown and recorded (R4's 80 % floor) */
  flags: RuleFinding[];
  figures: RequestFigures;
}

/** The caps as numbers, for the form's "how much may I still ask for" panel. */
export interface RequestFigures {
  advanceCap: number;
  progressCap: number;
  progressFloor: number;
  /** advance recovered (扣回) pro rata to the certified value, counted against the R4 cap */
  advanceRecovered: number;
  /** what payments other than the retention release may reach while retention is withheld */
  beforeRetentionCap: number;
  contractRemaining: number;
}

const PAYABLE_CONTRACT: readonly ContractStatus[] = ['active', 'completed', 'settled'];

export const R3_SOURCE = '《建设工程价款结算暂行办法》（财建〔2004〕369号）第十二条';
export const R4_SOURCE = '《关于完善建设工程价款结算有关办法的通知》（财建〔2022〕183号）';
export const R5_SOURCE = '《建设工程质量保证金管理办法》（建质〔2017〕138号）第七条';
export const R6_SOURCE = '《保障农民工工资支付条例》（国务院令第724号）';

function sumCommitted(c: CommittedByKind): number {
  return c.advance + c.progress + c.settlement + c.retention + c.other;
}

function floorShare(value: number, bp: number): number {
  // exact for the amounts the schemas allow (≤ ~9e14 分 × 1e4 overflows 2^53, so split)
  return Math.floor(value / 10_000) * bp + Math.floor(((value % 10_000) * bp) / 10_000);
}

export function requestFigures(f: Pick<RequestFacts, 'contract' | 'committed' | 'cumulativeCertified'>, policy: PaymentPolicy = DEFAULT_PAYMENT_POLICY): RequestFigures {
  const amount = f.contract.amount;
  const advanceCap = floorShare(amount, policy.advanceMaxBp);
  const certified = Math.min(f.cumulativeCertified, amount);
  // R3: the advance is recovered from progress payments as the work is certified
  const advanceRecovered = amount > 0 ? Math.floor((f.committed.advance * certified) / amount) : 0;
  const grossCap = floorShare(f.cumulativeCertified, Math.max(0, policy.progressMaxBp - f.contract.retentionRate));
  return {
    advanceCap,
    progressCap: Math.max(0, grossCap - advanceRecovered),
    progressFloor: Math.max(0, floorShare(f.cumulativeCertified, policy.progressMinBp) - advanceRecovered),
    advanceRecovered,
    beforeRetentionCap: floorShare(amount, 10_000 - f.contract.retentionRate),
    contractRemaining: amount - sumCommitted(f.committed),
  };
}

/** Shape rules that need no contract: amount, labour part, invoice numbers. */
export function checkShape(f: Pick<RequestFacts, 'amount' | 'labourAmount' | 'invoiceNos'>): RuleFinding[] {
  const out: RuleFinding[] = [];
  if (!Number.isSafeInteger(f.amount) || f.amount <= 0) out.push({ code: 'INVALID_AMOUNT', message: '申请金额须大于 0，且最多两位小数', field: 'amount' });
  if (!Number.isSafeInteger(f.labourAmount) || f.labourAmount < 0) {
    out.push({ code: 'INVALID_AMOUNT', message: '人工费用金额不正确', field: 'labourAmount' });
  } else if (f.labourAmount > f.amount) {
    out.push({
      code: 'LABOUR_OVER_AMOUNT',
      message: `${R6_SOURCE}：人工费用 ${formatFen(f.labourAmount)} 超过本次申请金额 ${formatFen(f.amount)}，人工费用是申请金额中拨付至农民工工资专用账户的部分`,
      field: 'labourAmount',
    });
  }
  const seen = new Set<string>();
  f.invoiceNos.forEach((no, i) => {
    const valid = validateEInvoiceNumber(no);
    if (!valid.ok) out.push({ code: valid.code, message: `第 ${i + 1} 个发票号码：${valid.message}`, field: `invoiceNos.${i}` });
    else if (seen.has(valid.value)) out.push({ code: 'INVALID_E_INVOICE', message: `发票号码 ${valid.value} 重复填写`, field: `invoiceNos.${i}` });
    else seen.add(valid.value);
  });
  return out;
}

/** Evidence each kind needs (shared/payments/evidence.ts), including at least one invoice number. */
export function checkEvidence(f: Pick<RequestFacts, 'kind' | 'invoiceNos' | 'evidence'>): RuleFinding[] {
  const rule = EVIDENCE_RULES[f.kind];
  const label = PAYMENT_KIND_LABELS[f.kind];
  const out: RuleFinding[] = [];
  if (f.invoiceNos.length === 0) out.push({ code: 'EVIDENCE_MISSING', message: `${label}须填写发票号码（同一发票只能支付一次）`, field: 'invoiceNos' });
  const missing = rule.required.filter((p) => !f.evidence.includes(p));
  if (missing.length > 0) {
    out.push({
      code: 'EVIDENCE_MISSING',
      message: `${label}须附：${missing.map((p) => ATTACHMENT_PURPOSE_LABELS[p]).join('、')}（${rule.basis}）`,
      field: 'attachmentIds',
    });
  }
  return out;
}

/** Every rule; `violations` empty means the request may be submitted (budget aside). */
export function evaluateRequest(f: RequestFacts, policy: PaymentPolicy = DEFAULT_PAYMENT_POLICY): RuleOutcome {
  const violations: RuleFinding[] = [...checkShape(f)];
  const flags: RuleFinding[] = [];
  const figures = requestFigures(f, policy);
  const { contract } = f;
  const label = PAYMENT_KIND_LABELS[f.kind];
  if (!PAYABLE_CONTRACT.includes(contract.status)) {
    violations.push({ code: 'CONTRACT_NOT_PAYABLE', message: `合同 ${contract.code} 尚未签订生效或已终止，不能申请付款`, field: 'contractId' });
  }
  violations.push(...checkEvidence(f));
  for (const [i, no] of f.invoiceNos.entries()) {
    const holder = f.invoicesInUse.get(no);
    if (holder) {
      violations.push({
        code: 'INVOICE_ALREADY_USED',
        message: `发票号码 ${no} 已在支付申请 ${holder} 中使用：同一张发票只能支付一次（全省唯一）`,
        field: `invoiceNos.${i}`,
      });
    }
  }
  const amount = Number.isSafeInteger(f.amount) && f.amount > 0 ? f.amount : 0;

  if (f.kind === 'advance' && f.committed.advance + amount > figures.advanceCap) {
    violations.push({
      code: 'ADVANCE_OVER_LIMIT',
      message:
        `${R3_SOURCE}：预付款不得超过合同金额的${percentText(policy.advanceMaxBp)}。合同金额 ${formatFen(contract.amount)}，` +
        `预付款上限 ${formatFen(figures.advanceCap)}，已申请 ${formatFen(f.committed.advance)}，本次 ${formatFen(amount)}，` +
        `超出 ${formatFen(f.committed.advance + amount - figures.advanceCap)}`,
      field: 'amount',
    });
  }

  if (f.kind === 'advance' && f.committed.progress > 0) {
    // A later advance raises the share recovered from progress already paid: it must not push
    // that progress over its R4 cap after the fact.
    const after = requestFigures({ ...f, committed: { ...f.committed, advance: f.committed.advance + amount } }, policy);
    if (f.committed.progress > after.progressCap) {
      violations.push({
        code: 'ADVANCE_OVER_LIMIT',
        message:
          `${R3_SOURCE}：预付款须从进度款中扣回。本次预付款 ${formatFen(amount)} 按已确认产值应扣回 ${formatFen(after.advanceRecovered)}，` +
          `已申请的进度款 ${formatFen(f.committed.progress)} 将超过扣回后的上限 ${formatFen(after.progressCap)}`,
        field: 'amount',
      });
    }
  }

  if (f.kind === 'progress') {
    const after = f.committed.progress + amount;
    if (f.cumulativeCertified === 0) {
      violations.push({ code: 'PROGRESS_OVER_CERTIFIED', message: `${R4_SOURCE}：合同 ${contract.code} 尚无已确认的计量/进度确认，进度款须按已确认的完成产值支付`, field: 'amount' });
    } else if (after > figures.progressCap) {
      violations.push({
        code: 'PROGRESS_OVER_CERTIFIED',
        message:
          `${R4_SOURCE}：进度款累计不得超过已确认完成产值 ${formatFen(f.cumulativeCertified)} × ` +
          `${percentText(policy.progressMaxBp - contract.retentionRate)}（扣除质量保证金 ${percentText(contract.retentionRate)}）` +
          `并扣回预付款 ${formatFen(figures.advanceRecovered)}，上限 ${formatFen(figures.progressCap)}；` +
          `已申请 ${formatFen(f.committed.progress)}，本次 ${formatFen(amount)}，超出 ${formatFen(after - figures.progressCap)}`,
        field: 'amount',
      });
    } else if (after < figures.progressFloor) {
      flags.push({
        code: 'PROGRESS_OVER_CERTIFIED',
        message:
          `${R4_SOURCE}：政府机关进度款支付比例不得低于已确认完成产值的${percentText(policy.progressMinBp)}，` +
          `本次申请后累计 ${formatFen(after)}，低于 ${formatFen(figures.progressFloor)}（少付也属违规，请核实）`,
        field: 'amount',
      });
    }
  }

  if (f.kind === 'retention') {
    if (f.defectPeriodEnd === null || f.today < f.defectPeriodEnd) {
      violations.push({
        code: 'RETENTION_NOT_DUE',
        message:
          f.defectPeriodEnd === null
            ? `${R5_SOURCE}：合同 ${contract.code} 未登记缺陷责任期满日期，不能返还质量保证金`
            : `${R5_SOURCE}：缺陷责任期至 ${f.defectPeriodEnd} 期满，期满前不能返还质量保证金（今天是 ${f.today}）`,
        field: 'kind',
      });
    }
  } else {
    const before = sumCommitted(f.committed) - f.committed.retention;
    if (contract.retentionRate > 0 && before + amount > figures.beforeRetentionCap) {
      violations.push({
        code: 'RETENTION_NOT_WITHHELD',
        message:
          `${R5_SOURCE}：质量保证金（合同金额的${percentText(contract.retentionRate)}）返还前须预留，` +
          `${label}等累计支付不得超过 ${formatFen(figures.beforeRetentionCap)}；已申请 ${formatFen(before)}，本次 ${formatFen(amount)}`,
        field: 'amount',
      });
    }
  }

  const total = sumCommitted(f.committed) + amount;
  if (total > contract.amount) {
    violations.push({
      code: 'CONTRACT_AMOUNT_EXCEEDED',
      message: `累计支付不得超过现行合同金额：合同 ${contract.code} 金额 ${formatFen(contract.amount)}，已申请 ${formatFen(sumCommitted(f.committed))}，本次 ${formatFen(amount)}，超出 ${formatFen(total - contract.amount)}`,
      field: 'amount',
    });
  }
  return { violations, flags, figures };
}
