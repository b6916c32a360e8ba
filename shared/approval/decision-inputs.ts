import type { DecisionInput } from '../domain/approval';
import { FUND_SOURCE_LABELS, FUND_SOURCES, type FundSource } from '../domain/fund-source';
import { PAYMENT_KIND_LABELS, PAYMENT_KINDS, type PaymentKind } from '../domain/payment-kind';
import { PROJECT_TYPE_LABELS, PROJECT_TYPES, type ProjectType } from '../domain/project';
import { formatFen } from '../money';
import type { CellKind } from './feel-cell';

/** The facts of a request (or contract change) a decision table routes on. */
export interface ApprovalFacts {
  /** 分 */
  amount: number;
  projectType: ProjectType;
  fundSource: FundSource;
  /** null for a contract change */
  paymentKind: PaymentKind | null;
}

/**
 * The value a FEEL cell sees for each input column. Administrators write tables in Chinese
 * (`"专项债","PPP"`, DESIGN.md), so text columns are tested against the labels people read, and
 * the amount against integer 分 as stored.
 */
export function feelValueOf(input: DecisionInput, facts: ApprovalFacts): number | string | null {
  switch (input) {
    case 'amount':
      return facts.amount;
    case 'projectType':
      return PROJECT_TYPE_LABELS[facts.projectType];
    case 'fundSource':
      return FUND_SOURCE_LABELS[facts.fundSource];
    case 'paymentKind':
      return facts.paymentKind === null ? null : PAYMENT_KIND_LABELS[facts.paymentKind];
  }
}

/** The values a column can take; the text columns are closed sets (the payment kind may be empty). */
export function cellKindOf(input: DecisionInput): CellKind {
  switch (input) {
    case 'amount':
      return { kind: 'number' };
    case 'projectType':
      return { kind: 'text', values: PROJECT_TYPES.map((t) => PROJECT_TYPE_LABELS[t]) };
    case 'fundSource':
      return { kind: 'text', values: FUND_SOURCES.map((f) => FUND_SOURCE_LABELS[f]) };
    case 'paymentKind':
      return { kind: 'text', values: [...PAYMENT_KINDS.map((k) => PAYMENT_KIND_LABELS[k]), null] };
  }
}

/** Describes a set of facts for people (the no-hit warning, the try-it panel). */
export function describeFacts(facts: ApprovalFacts, inputs: readonly DecisionInput[]): string {
  const parts: string[] = [];
  for (const input of inputs) {
    const value = feelValueOf(input, facts);
    if (input === 'amount') parts.push(`金额 ${formatFen(facts.amount)}（${facts.amount} 分）`);
    else if (input === 'projectType') parts.push(`项目类型 ${String(value)}`);
    else if (input === 'fundSource') parts.push(`资金来源 ${String(value)}`);
    else parts.push(`款项类型 ${value === null ? '（无）' : String(value)}`);
  }
  return parts.join('、');
}
