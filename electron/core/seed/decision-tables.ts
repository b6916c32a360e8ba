import { DECISION_INPUT_LABELS, type RouteStep } from '../../../shared/domain/approval';
import type { DecisionTableDoc } from '../db/schemas';
import type { DecisionTables } from './model';
import type { SeededIds } from './seeded-ids';

/** The seed's threshold: ¥500,000 in 分. */
export const APPROVAL_THRESHOLD_FEN = 50_000_000;

const PROJECT_LEAD: RouteStep = { role: 'projectLead', scope: 'own', mode: 'any', label: '项目负责人审批' };
const FINANCE: RouteStep = { role: 'finance', scope: 'own', mode: 'any', label: '财务审核' };
const LEADER: RouteStep = { role: 'leader', scope: 'own', mode: 'any', label: '分管领导审批' };

const INPUTS = (['amount', 'projectType', 'fundSource', 'paymentKind'] as const).map((input) => ({ input, label: DECISION_INPUT_LABELS[input] }));

/**
 * The default rules of the seed article as version 1 (DESIGN.md, approval routing): under
 * ¥500,000 the project lead approves; from ¥500,000 finance and the deputy leader review as well.
 * Contract changes go to finance and the deputy leader. FEEL unary tests, "-" matches anything.
 */
export function buildDecisionTables(ids: SeededIds, at: number, adminId: string, unitId: string): { docs: DecisionTableDoc[]; tables: DecisionTables } {
  const header = (id: string) => ({ id, unitId, createdBy: adminId, createdAt: at, updatedAt: at });
  const payment: DecisionTableDoc = {
    ...header(ids.next()),
    docType: 'decisionTable',
    subject: 'paymentRequest',
    version: 1,
    name: '默认支付审批规则',
    inputs: INPUTS,
    rules: [
      { id: 'below-500k', when: [`< ${APPROVAL_THRESHOLD_FEN}`, '-', '-', '-'], steps: [PROJECT_LEAD], note: '50万元以下：项目负责人审批' },
      {
        id: 'from-500k',
        when: [`>= ${APPROVAL_THRESHOLD_FEN}`, '-', '-', '-'],
        steps: [PROJECT_LEAD, FINANCE, LEADER],
        note: '50万元及以上：项目负责人审批后，财务审核、分管领导审批',
      },
    ],
    hitPolicy: 'FIRST',
    activeFrom: at,
  };
  const change: DecisionTableDoc = {
    ...header(ids.next()),
    docType: 'decisionTable',
    subject: 'contractChange',
    version: 1,
    name: '默认合同变更审批规则',
    inputs: INPUTS.slice(0, 1),
    rules: [{ id: 'any-change', when: ['-'], steps: [FINANCE, LEADER], note: '合同变更：财务审核、分管领导审批' }],
    hitPolicy: 'FIRST',
    activeFrom: at,
  };
  return {
    docs: [payment, change],
    tables: {
      paymentTableId: payment.id,
      changeTableId: change.id,
      paymentRoute: (amount) => (amount < APPROVAL_THRESHOLD_FEN ? [PROJECT_LEAD] : [PROJECT_LEAD, FINANCE, LEADER]).map((s) => ({ ...s })),
      changeRoute: () => [FINANCE, LEADER].map((s) => ({ ...s })),
    },
  };
}
