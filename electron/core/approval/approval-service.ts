import type { ApprovalFacts } from '../../../shared/approval/decision-inputs';
import { describeFacts } from '../../../shared/approval/decision-inputs';
import { APPROVAL_SUBJECT_LABELS, type ApprovalRoute, type ApprovalSubject } from '../../../shared/domain/approval';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../app/clock';
import type { WriteLock } from '../app/write-lock';
import type { AuditLog } from '../audit/audit-log';
import type { GovPayDatabase } from '../db/database';
import { ApprovalDecider, type DeciderDeps } from './approval-decider';
import { ApprovalViews } from './approval-views';
import { DecisionTableAdmin } from './decision-table-admin';
import { DecisionTableStore } from './decision-table-store';
import { DelegationStore } from './delegation-store';

export type { ApprovalFacts } from '../../../shared/approval/decision-inputs';

export interface ApprovalServiceDeps {
  db: GovPayDatabase;
  audit: AuditLog;
  lock: WriteLock;
  clock: Clock;
  budget: DeciderDeps['budget'];
  contracts: DeciderDeps['contracts'];
}

/**
 * `services.approval`: routing (PAYMENTS and CONTRACTS call `routeFor` when something is
 * submitted), deciding, delegation, the inbox and the decision tables. The parts live in their
 * own files; this class is the one door other capabilities use.
 */
export class ApprovalService {
  readonly tables: DecisionTableStore;
  readonly tableAdmin: DecisionTableAdmin;
  readonly delegations: DelegationStore;
  readonly decider: ApprovalDecider;
  readonly views: ApprovalViews;
  private readonly clock: Clock;

  constructor(deps: ApprovalServiceDeps) {
    this.clock = deps.clock;
    this.tables = new DecisionTableStore(deps.db, deps.audit, deps.lock, deps.clock);
    this.tableAdmin = new DecisionTableAdmin(deps.db, this.tables, deps.audit, deps.lock, deps.clock);
    this.delegations = new DelegationStore(deps.db, deps.audit, deps.lock, deps.clock);
    this.decider = new ApprovalDecider({ ...deps, delegations: this.delegations });
    this.views = new ApprovalViews(deps.db, this.tables, this.delegations);
  }

  /**
   * The route the table in force now gives these facts, pinned to that table's id and version so
   * a later rule change never re-routes work in flight. Call it inside the submitting unit of
   * work (it joins it when it must first write the default tables of a new office).
   */
  async routeFor(subject: ApprovalSubject, facts: ApprovalFacts): Promise<ApprovalRoute> {
    const table = await this.tables.inForce(subject);
    const outcome = this.tables.compile(table).evaluate(facts);
    if (outcome.steps.length === 0) {
      throw new AppError(
        'NO_ROUTE',
        `${APPROVAL_SUBJECT_LABELS[subject]}没有匹配的审批规则（“${table.name}”第 ${table.version} 版，${describeFacts(facts, table.inputs.map((i) => i.input))}），请系统管理员补充审批规则`,
        'amount',
      );
    }
    return { decisionTableId: table.id, decisionTableVersion: table.version, routedAt: this.clock.now(), steps: outcome.steps, currentStep: 0 };
  }
}

/**
 * The budget and contract ports of the decider, resolved at call time: the composition root
 * builds all services in one object literal, so approval cannot hold the others directly.
 */
export function approvalPorts(get: () => { budget: DeciderDeps['budget']; contracts: DeciderDeps['contracts'] }): Pick<ApprovalServiceDeps, 'budget' | 'contracts'> {
  return {
    budget: {
      assertCanCommit: (input) => get().budget.assertCanCommit(input),
      noteCommitChange: (budgetLineId, actor) => get().budget.noteCommitChange(budgetLineId, actor),
    },
    contracts: {
      applyApprovedChange: (changeId, actor) => get().contracts.applyApprovedChange(changeId, actor),
      markChangeReturned: (changeId, actor) => get().contracts.markChangeReturned(changeId, actor),
      markChangeRejected: (changeId, actor) => get().contracts.markChangeRejected(changeId, actor),
    },
  };
}
