import type { ApprovalRoute, ApprovalSubject } from '../../../shared/domain/approval';
import type { FundSource } from '../../../shared/domain/fund-source';
import type { PaymentKind } from '../../../shared/domain/payment-kind';
import type { ProjectType } from '../../../shared/domain/project';
import type { Clock } from '../app/clock';
import type { WriteLock } from '../app/write-lock';
import type { Actor } from '../api/handler-types';
import type { AuditLog } from '../audit/audit-log';
import type { GovPayDatabase } from '../db/database';
import type { AttachmentDoc } from '../db/schemas';
import type { DeviceIdentity } from '../device/device-identity';

/*
 * What contracts need from the other capabilities, stated as the narrow signatures of the work
 * plan (BUDGET, APPROVAL, PAYMENTS) rather than by importing their classes: the contract code
 * depends on the promise, not on how it is kept, and its tests can run against a core where any
 * of them is the real thing.
 */

/** BUDGET's position of a line (only the fields contracts read). */
export interface BudgetPositionLike {
  budgetLineId: string;
  amount: number;
  reserved: number;
  paid: number;
  /** amount − reserved − paid */
  available: number;
}

export interface BudgetPort {
  position(budgetLineId: string): Promise<BudgetPositionLike>;
}

export interface ApprovalFactsLike {
  amount: number;
  projectType: ProjectType;
  fundSource: FundSource;
  paymentKind: PaymentKind | null;
}

export interface ApprovalPort {
  routeFor(subject: ApprovalSubject, facts: ApprovalFactsLike): Promise<ApprovalRoute>;
}

export interface AttachmentPort {
  save(input: { unitId: string; bytes: Uint8Array; fileName: string; mediaType: string; purpose: string; actor: Actor }): Promise<AttachmentDoc>;
  read(id: string, actor: Actor): Promise<{ doc: AttachmentDoc; bytes: Uint8Array }>;
}

/**
 * Everything the contract services use. The other capabilities are getters because the
 * composition root builds them in one object literal with ours; they are read at call time.
 */
export interface ContractDeps {
  db: GovPayDatabase;
  clock: Clock;
  lock: WriteLock;
  audit: AuditLog;
  device: DeviceIdentity;
  budget(): BudgetPort;
  approval(): ApprovalPort;
  attachments(): AttachmentPort;
}
