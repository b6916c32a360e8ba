import { describe, expect, it } from 'vitest';
import * as approval from '../../../shared/domain/approval';
import * as contract from '../../../shared/domain/contract';
import * as disbursement from '../../../shared/domain/disbursement';
import * as fundSource from '../../../shared/domain/fund-source';
import * as paymentKind from '../../../shared/domain/payment-kind';
import * as requestStatus from '../../../shared/domain/payment-request-status';
import * as project from '../../../shared/domain/project';
import * as risk from '../../../shared/domain/risk';

const CJK = /[\u4e00-\u9fff]/u;

/** Every `X_LABELS` record next to an `XS` list must label exactly the list's values. */
const PAIRS: [readonly string[], Record<string, string>, boolean][] = [
  [project.PROJECT_TYPES, project.PROJECT_TYPE_LABELS, true],
  [project.PROJECT_STATUSES, project.PROJECT_STATUS_LABELS, true],
  [fundSource.FUND_SOURCES, fundSource.FUND_SOURCE_LABELS, false],
  [paymentKind.PAYMENT_KINDS, paymentKind.PAYMENT_KIND_LABELS, true],
  [requestStatus.REQUEST_STATUSES, requestStatus.REQUEST_STATUS_LABELS, true],
  [requestStatus.REQUEST_EVENTS, requestStatus.REQUEST_EVENT_LABELS, true],
  [contract.CONTRACT_STATUSES, contract.CONTRACT_STATUS_LABELS, true],
  [contract.CONTRACT_CHANGE_KINDS, contract.CONTRACT_CHANGE_KIND_LABELS, true],
  [contract.CONTRACT_CHANGE_STATUSES, contract.CONTRACT_CHANGE_STATUS_LABELS, true],
  [contract.MILESTONE_DUE_RULES, contract.MILESTONE_DUE_RULE_LABELS, true],
  [contract.MILESTONE_STATUSES, contract.MILESTONE_STATUS_LABELS, true],
  [contract.CERTIFICATE_STATUSES, contract.CERTIFICATE_STATUS_LABELS, true],
  [approval.APPROVAL_DECISIONS, approval.APPROVAL_DECISION_LABELS, true],
  [approval.APPROVAL_SUBJECTS, approval.APPROVAL_SUBJECT_LABELS, true],
  [approval.STEP_SCOPES, approval.STEP_SCOPE_LABELS, true],
  [approval.STEP_MODES, approval.STEP_MODE_LABELS, true],
  [approval.HIT_POLICIES, approval.HIT_POLICY_LABELS, true],
  [approval.DECISION_INPUTS, approval.DECISION_INPUT_LABELS, true],
  [disbursement.DISBURSEMENT_ADAPTERS, disbursement.DISBURSEMENT_ADAPTER_LABELS, true],
  [disbursement.BATCH_STATUSES, disbursement.BATCH_STATUS_LABELS, true],
  [disbursement.INSTRUCTION_STATUSES, disbursement.INSTRUCTION_STATUS_LABELS, true],
  [disbursement.INSTRUCTION_PURPOSES, disbursement.INSTRUCTION_PURPOSE_LABELS, true],
  [disbursement.RECEIPT_DIRECTIONS, disbursement.RECEIPT_DIRECTION_LABELS, true],
  [risk.RISK_SEVERITIES, risk.RISK_SEVERITY_LABELS, true],
  [risk.RISK_STATES, risk.RISK_STATE_LABELS, true],
];

describe('domain enums (shared/domain)', () => {
  it('label every value in Chinese, and nothing else', () => {
    for (const [values, labels, allChinese] of PAIRS) {
      expect(Object.keys(labels).sort()).toEqual([...values].sort());
      if (allChinese) for (const value of values) expect(labels[value], value).toMatch(CJK);
      expect(new Set(values).size).toBe(values.length);
    }
  });

  it('use the codes DOMAIN.md names for project types and fund sources', () => {
    expect(project.PROJECT_TYPE_LABELS).toEqual({ municipalRoad: '市政道路', schoolExpansion: '学校改扩建', waterConservancy: '水利', building: '房建', other: '其他' });
    expect(fundSource.FUND_SOURCES).toEqual(['fiscal', 'specialBond', 'ppp', 'other']);
    expect(paymentKind.MILESTONE_KINDS).toEqual(['advance', 'progress', 'settlement', 'retention']);
  });

  it('never let an administrator be an approver (R10)', () => {
    expect(approval.APPROVER_ROLES).not.toContain('admin');
  });
});

describe('payment request state machine (DOMAIN.md)', () => {
  const { nextRequestStatus: next } = requestStatus;

  it('follows the drawn path from draft to paid', () => {
    expect(next('draft', 'submit')).toBe('submitted');
    expect(next('submitted', 'approveStep')).toBe('submitted');
    expect(next('submitted', 'approveLast')).toBe('approved');
    expect(next('approved', 'batch')).toBe('in_payment');
    expect(next('in_payment', 'receipt')).toBe('paid');
  });

  it('returns to draft, withdraws from draft or submitted, rejects at any step, and re-approves after a bank return', () => {
    expect(next('submitted', 'return')).toBe('draft');
    expect(next('draft', 'withdraw')).toBe('withdrawn');
    expect(next('submitted', 'withdraw')).toBe('withdrawn');
    expect(next('submitted', 'reject')).toBe('rejected');
    expect(next('in_payment', 'bankReturn')).toBe('approved');
  });

  it('refuses every move it does not list', () => {
    expect(next('approved', 'withdraw')).toBeNull();
    expect(next('paid', 'submit')).toBeNull();
    expect(next('rejected', 'submit')).toBeNull();
    expect(next('withdrawn', 'submit')).toBeNull();
    expect(next('draft', 'approveLast')).toBeNull();
    for (const status of requestStatus.REQUEST_STATUSES) {
      const reachable = requestStatus.REQUEST_TRANSITIONS.some((t) => t.to === status) || status === 'draft';
      expect(reachable, status).toBe(true);
    }
  });

  it('counts as committed exactly the states that hold budget', () => {
    expect([...requestStatus.COMMITTING_STATUSES].sort()).toEqual(['approved', 'in_payment', 'paid', 'submitted']);
  });
});
