import { REQUEST_STATUSES, type RequestStatus } from '../../../../shared/domain/payment-request-status';
import type { GovPayDatabase } from '../../db/database';
import { checkAuditChain } from './audit-invariants';
import { loadSeedData } from './load-seed-data';
import { checkBudget, checkContractFunds, checkContracts, checkInvoices, checkLedger } from './money-invariants';
import { checkDisbursement, checkStates } from './state-invariants';

export interface InvariantReport {
  violations: string[];
  /** requests per state, for "every state present" */
  statuses: Record<RequestStatus, number>;
  documents: number;
}

/**
 * The invariants of DOMAIN.md over a whole database (generated or not): budget identity per line,
 * contract caps and rules R1/R3/R4/R5, R6 and R7 (funds in place on the contract's line), invoice
 * uniqueness, balanced ledger, state/decision
 * consistency with R10, disbursement matching and the audit chain. Reads everything into memory:
 * meant for tests and `npm run seed -- --check`, not for the running app.
 */
export async function checkSeedInvariants(db: GovPayDatabase, options: { signatureSampleEvery?: number } = {}): Promise<InvariantReport> {
  const data = await loadSeedData(db);
  const violations: string[] = [];
  checkBudget(data, violations);
  checkContracts(data, violations);
  checkContractFunds(data, violations);
  checkInvoices(data, violations);
  checkLedger(data, violations);
  checkStates(data, violations, { sampleEvery: options.signatureSampleEvery ?? Math.max(1, Math.floor(data.approvalDecision.length / 2_000)) });
  checkDisbursement(data, violations);
  checkAuditChain(data, violations);
  const statuses = Object.fromEntries(REQUEST_STATUSES.map((s) => [s, 0])) as Record<RequestStatus, number>;
  for (const r of data.paymentRequest) statuses[r.status] += 1;
  const documents = Object.values(data).reduce((n, list) => n + list.length, 0);
  return { violations, statuses, documents };
}
