import { fundsInPlace } from '../../../../shared/contracts';
import { COMMITTING_STATUSES, type RequestStatus } from '../../../../shared/domain/payment-request-status';
import type { PaymentRequestDoc } from '../../db/schemas';
import { groupBy, sum, type SeedData } from './load-seed-data';

export function commits(r: PaymentRequestDoc): boolean {
  return (COMMITTING_STATUSES as readonly RequestStatus[]).includes(r.status);
}

/**
 * Invariants 1 and 2: per budget line reserved + paid + available = amount with available ≥ 0;
 * Σ allocations ≤ amount; what this device committed ≤ what it holds of the line.
 */
export function checkBudget(data: SeedData, violations: string[]): void {
  const device = data.settings.find((s) => s.id === 'device')?.value.deviceId;
  const requestsByLine = groupBy(data.paymentRequest, (r) => r.budgetLineId);
  const allocationsByLine = groupBy(data.allocation, (a) => a.budgetLineId);
  const lines = new Map(data.budgetLine.map((l) => [l.id, l]));
  const contracts = new Map(data.contract.map((c) => [c.id, c]));
  for (const line of data.budgetLine) {
    const requests = requestsByLine.get(line.id) ?? [];
    const paid = sum(requests.filter((r) => r.status === 'paid').map((r) => r.amount));
    const reserved = sum(requests.filter((r) => commits(r) && r.status !== 'paid').map((r) => r.amount));
    const available = line.amount - reserved - paid;
    if (available < 0) violations.push(`[budget] line ${line.id}: reserved ${reserved} + paid ${paid} > amount ${line.amount}`);
    const allocations = allocationsByLine.get(line.id) ?? [];
    const allocated = sum(allocations.map((a) => a.amount));
    if (allocated > line.amount) violations.push(`[budget] line ${line.id}: allocations ${allocated} > amount ${line.amount}`);
    const held = sum(allocations.filter((a) => a.holderDeviceId === device).map((a) => a.amount));
    if (reserved + paid > held) violations.push(`[budget] line ${line.id}: commitments ${reserved + paid} > allocations held by this device ${held}`);
  }
  for (const r of data.paymentRequest) {
    const line = lines.get(r.budgetLineId);
    const contract = contracts.get(r.contractId);
    if (!line || !contract) violations.push(`[budget] request ${r.requestNo}: budget line or contract missing`);
    else if (line.projectId !== contract.projectId) violations.push(`[budget] request ${r.requestNo}: line of another project`);
  }
}

/**
 * Invariant 3 and the contract rules: Σ committed ≤ current amount; advance ≤ 30 % (R3);
 * progress ≤ latest confirmed cumulative × ratio (R4); retention withheld until released (R5);
 * SME terms ≤ 60 days (R1); milestone ratios within the rules.
 */
export function checkContracts(data: SeedData, violations: string[]): void {
  const requestsByContract = groupBy(data.paymentRequest.filter(commits), (r) => r.contractId);
  const milestones = groupBy(data.milestone, (m) => m.contractId);
  const certificates = groupBy(data.progressCertificate, (c) => c.contractId);
  const payees = new Map(data.counterparty.map((c) => [c.id, c]));
  const changes = groupBy(data.contractChange.filter((c) => c.status === 'approved'), (c) => c.contractId);
  for (const c of data.contract) {
    const label = `[contract] ${c.code}`;
    const requests = requestsByContract.get(c.id) ?? [];
    const total = sum(requests.map((r) => r.amount));
    if (total > c.amount) violations.push(`${label}: committed ${total} > amount ${c.amount}`);
    const of = (kind: string) => sum(requests.filter((r) => r.kind === kind).map((r) => r.amount));
    if (of('advance') > Math.floor((c.amount * 3_000) / 10_000)) violations.push(`${label}: advance ${of('advance')} over 30 % (R3)`);
    const ms = milestones.get(c.id) ?? [];
    const progressRatio = ms.find((m) => m.kind === 'progress')?.ratio ?? 10_000;
    const advanceRatio = ms.find((m) => m.kind === 'advance')?.ratio;
    if (advanceRatio !== undefined && (advanceRatio < 1_000 || advanceRatio > 3_000)) violations.push(`${label}: advance milestone ${advanceRatio} bp outside 10–30 % (R3)`);
    if (progressRatio < 8_000) violations.push(`${label}: progress ratio ${progressRatio} bp below 80 % (R4)`);
    const certs = (certificates.get(c.id) ?? []).slice().sort((a, b) => (a.period < b.period ? -1 : 1));
    let running = 0;
    for (const cert of certs) {
      running += cert.certifiedValue;
      if (running !== cert.cumulativeCertified) violations.push(`${label}: certificate ${cert.period} cumulative ${cert.cumulativeCertified} ≠ Σ ${running}`);
    }
    if (running > c.amount) violations.push(`${label}: certified ${running} > amount ${c.amount}`);
    const latest = certs.filter((x) => x.status === 'confirmed').at(-1)?.cumulativeCertified ?? 0;
    if (of('progress') > Math.floor((latest * progressRatio) / 10_000)) violations.push(`${label}: progress ${of('progress')} > certified ${latest} × ${progressRatio} bp (R4)`);
    if (c.retentionRate > 300) violations.push(`${label}: retention ${c.retentionRate} bp over 3 % (R5)`);
    if (c.retentionRate > 0 && total - of('retention') > Math.floor((c.amount * (10_000 - c.retentionRate)) / 10_000)) {
      violations.push(`${label}: payments leave less than the retention withheld (R5)`);
    }
    const payee = payees.get(c.counterpartyId);
    if (!payee) violations.push(`${label}: payee missing`);
    else {
      if (payee.isSme && c.paymentTermDays > 60) violations.push(`${label}: SME term ${c.paymentTermDays} days over 60 (R1)`);
      if (c.labourShare > 0 && payee.wageAccountEnc === null) violations.push(`${label}: labour share without a wage account (R6)`);
    }
    if (c.version !== 1 + (changes.get(c.id)?.length ?? 0)) violations.push(`${label}: version ${c.version} ≠ 1 + approved changes`);
  }
  for (const r of data.paymentRequest) if (r.labourAmount > r.amount) violations.push(`[contract] request ${r.requestNo}: labour part over amount`);
}

/** A signed contract binds its budget line until it is settled or terminated (as the contracts service reads it). */
const BINDING = new Set(['active', 'completed']);

/**
 * R7 and R6 as the contracts service applies them: every contract records what it buys and the
 * budget line (of its own project) it is signed against; a works contract carries a labour share
 * (R6); each signed contract would pass R7 again today — its line's available money, less what
 * the other signed contracts on the line may still claim there, covers what it may still claim —
 * and so would every pending amount increase if it were approved now.
 */
export function checkContractFunds(data: SeedData, violations: string[]): void {
  const lines = new Map(data.budgetLine.map((l) => [l.id, l]));
  const byLine = groupBy(data.paymentRequest.filter(commits), (r) => r.budgetLineId);
  const bound = groupBy(data.contract.filter((c) => BINDING.has(c.status) && c.budgetLineId !== undefined), (c) => c.budgetLineId ?? '');
  const pending = groupBy(data.contractChange.filter((c) => c.status === 'submitted' && c.after.amount > c.before.amount), (c) => c.contractId);
  for (const c of data.contract) {
    const label = `[contract] ${c.code}`;
    if (c.category === undefined) violations.push(`${label}: no category recorded (R6)`);
    else if (c.category === 'works' && c.labourShare <= 0) violations.push(`${label}: works contract without a labour share (R6)`);
    const line = c.budgetLineId === undefined ? undefined : lines.get(c.budgetLineId);
    if (!line) violations.push(`${label}: no budget line recorded, or it is missing (R7)`);
    else if (line.projectId !== c.projectId) violations.push(`${label}: budget line of another project (R7)`);
  }
  for (const [lineId, contracts] of bound) {
    const line = lines.get(lineId);
    if (!line) continue;
    const requests = byLine.get(lineId) ?? [];
    const available = line.amount - sum(requests.map((r) => r.amount));
    const committed = (contractId: string) => sum(requests.filter((r) => r.contractId === contractId).map((r) => r.amount));
    for (const c of contracts) {
      const others = contracts.filter((o) => o.id !== c.id).map((o) => ({ contractId: o.id, amount: o.amount, committed: committed(o.id) }));
      const check = (amount: number, what: string) => {
        const position = fundsInPlace({ available, others, amount, committedSelf: committed(c.id) });
        if (!position.ok) violations.push(`[R7] ${c.code}${what} needs ${position.needed} on line ${lineId}, which has ${position.free} free`);
      };
      check(c.amount, '');
      for (const change of pending.get(c.id) ?? []) check(change.after.amount, ` (pending change to ${change.after.amount})`);
    }
  }
}

/** Invariant 4: an invoice number in at most one non-rejected request; 20 digits each. */
export function checkInvoices(data: SeedData, violations: string[]): void {
  const seen = new Map<string, string>();
  for (const r of data.paymentRequest) {
    for (const no of r.invoiceNos) {
      if (!/^\d{20}$/.test(no)) violations.push(`[invoice] ${r.requestNo}: ${no} is not 20 digits`);
      if (r.status === 'rejected') continue;
      const other = seen.get(no);
      if (other) violations.push(`[invoice] ${no} in ${other} and ${r.requestNo}`);
      else seen.set(no, r.requestNo);
    }
  }
}

/** Invariant 6 and R9: every voucher balanced, each period balanced, reversals point at originals once. */
export function checkLedger(data: SeedData, violations: string[]): void {
  const periods = new Map<string, { debit: number; credit: number }>();
  const byId = new Map(data.ledgerEntry.map((e) => [e.id, e]));
  const reversed = new Set<string>();
  for (const e of data.ledgerEntry) {
    const debit = sum(e.lines.map((l) => l.debit));
    const credit = sum(e.lines.map((l) => l.credit));
    if (debit !== credit) violations.push(`[ledger] ${e.voucherNo}: debit ${debit} ≠ credit ${credit}`);
    if (e.lines.some((l) => l.debit > 0 && l.credit > 0)) violations.push(`[ledger] ${e.voucherNo}: a line with both debit and credit`);
    const p = periods.get(e.period) ?? { debit: 0, credit: 0 };
    p.debit += debit;
    p.credit += credit;
    periods.set(e.period, p);
    if (e.reversesId !== undefined) {
      const original = byId.get(e.reversesId);
      if (!original) violations.push(`[ledger] ${e.voucherNo}: reverses a missing entry`);
      if (reversed.has(e.reversesId)) violations.push(`[ledger] ${e.reversesId} reversed twice`);
      reversed.add(e.reversesId);
    }
  }
  for (const [period, p] of periods) if (p.debit !== p.credit) violations.push(`[ledger] period ${period}: debit ${p.debit} ≠ credit ${p.credit}`);
  const live = groupBy(
    data.ledgerEntry.filter((e) => e.reversesId === undefined && !reversed.has(e.id) && e.requestId !== undefined),
    (e) => e.requestId ?? '',
  );
  for (const r of data.paymentRequest) {
    const entries = live.get(r.id)?.length ?? 0;
    if (r.status === 'paid' && entries !== 1) violations.push(`[ledger] paid request ${r.requestNo} has ${entries} standing vouchers`);
    if (r.status !== 'paid' && entries !== 0) violations.push(`[ledger] unpaid request ${r.requestNo} (${r.status}) has a standing voucher`);
  }
}
