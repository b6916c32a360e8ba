import type { Role } from '../../../shared/domain/roles';
import type { ApproverRole, RouteStep } from '../../../shared/domain/approval';
import type { FundSource } from '../../../shared/domain/fund-source';
import type { PaymentKind } from '../../../shared/domain/payment-kind';
import type { ProjectStatus, ProjectType } from '../../../shared/domain/project';
import type { RequestStatus } from '../../../shared/domain/payment-request-status';
import type {
  ContractDoc,
  CounterpartyDoc,
  MilestoneDoc,
  ProgressCertificateDoc,
  ProjectDoc,
  UnitDoc,
} from '../db/schemas';
import type { Day } from './calendar';
import type { Prng } from './prng';
import type { SeededIds } from './seeded-ids';
import type { Trade } from './vocab/companies';
import type { InvoiceNumbers } from './identifiers';
import type { BatchBook } from './batch-book';

/** A generated person: the account's facts before any password or key exists. */
export interface UserPlan {
  id: string;
  login: string;
  name: string;
  roles: Role[];
  unitId: string;
}

/** A user once their keys exist: the private key stays in memory to sign decisions. */
export interface SeedUser extends UserPlan {
  publicKey: string;
  privateKey: string;
}

/** The office (and the province above it at larger scales) with its people by role. */
export interface Org {
  county: UnitDoc;
  province: UnitDoc | null;
  countyShort: string;
  /** GB/T 2260-style code of the county, for payees' credit codes */
  divisionCode: string;
  provinceCode: string;
  provinceAbbr: string;
  users: SeedUser[];
  byRole: Readonly<Record<Role, readonly SeedUser[]>>;
  admin: SeedUser;
}

/** Where both decision tables live, and the route each gives. */
export interface DecisionTables {
  paymentTableId: string;
  changeTableId: string;
  paymentRoute(amount: number): RouteStep[];
  changeRoute(): RouteStep[];
}

/** A payee and the clear account numbers it was generated with (only the ciphertext is stored). */
export interface PayeePlan {
  doc: CounterpartyDoc;
  trade: Trade;
  bankAccount: string;
  wageAccount: string | null;
}

/** Run-wide counters: numbers that must be unique across districts. */
export class Counters {
  private readonly perKey = new Map<string, number>();
  next(key: string): number {
    const value = (this.perKey.get(key) ?? 0) + 1;
    this.perKey.set(key, value);
    return value;
  }
}

/** Everything a district builder needs from the run. */
export interface SeedContext {
  prng: Prng;
  ids: SeededIds;
  org: Org;
  tables: DecisionTables;
  payees: readonly PayeePlan[];
  invoices: InvoiceNumbers;
  counters: Counters;
  /** the office's payment batches, shared by all districts */
  batches: BatchBook;
  deviceId: string;
  dataKey: Uint8Array;
  /** the last day of the data; nothing happens after its end */
  asOfDay: Day;
  /** the instant that ends `asOfDay` */
  asOf: number;
  /** when the office, its users and its rules came into being */
  originDay: Day;
}

export interface ProjectPlan {
  doc: ProjectDoc;
  type: ProjectType;
  status: ProjectStatus;
  /** construction start and (planned or actual) end */
  startDay: Day;
  endDay: Day;
  fundSources: FundSource[];
  /** 预算科目 per fund-source slot (0 = main) */
  subjects: string[];
  contracts: ContractPlan[];
}

export interface ContractPlan {
  doc: ContractDoc;
  trade: Trade;
  payee: PayeePlan;
  project: ProjectPlan;
  /** amount at signing (before any approved change) */
  originalAmount: number;
  advanceRate: number;
  progressRatio: number;
  /** the settlement value the work will end at (≤ current amount) */
  settlementValue: number;
  workStart: Day;
  workEnd: Day;
  /** 竣工/完成验收 day */
  acceptanceDay: Day;
  /** which budget line of the project pays it (fund-source slot) */
  fundSlot: number;
  milestones: Partial<Record<'advance' | 'progress' | 'settlement' | 'retention', MilestoneDoc>>;
  certificates: ProgressCertificateDoc[];
  requests: RequestPlan[];
}

/** Day offsets of a request's life from its creation day; the state at asOf follows from them. */
export interface RequestTimeline {
  createdDay: Day;
  submitDay: Day;
  /** returned (退回) once: the first round's approvals, then the return at `step` on `day` */
  returned: { step: number; approvedDays: Day[]; day: Day; resubmitDay: Day } | null;
  /** approval days of each route step (of the round that counts) */
  stepDays: Day[];
  batchDay: Day;
  receiptDay: Day;
  /** 退汇: the payment came back on returnDay and went out again */
  bankReturn: { returnDay: Day; batchDay: Day; receiptDay: Day } | null;
}

/** A request before its documents exist. */
export interface RequestPlan {
  contract: ContractPlan;
  kind: PaymentKind;
  amount: number;
  labourAmount: number;
  /** advance recovered (扣回) by this payment, booked against 预付账款 */
  advanceRecovery: number;
  /** retention withheld at settlement, booked as a liability */
  retentionWithheld: number;
  description: string;
  invoiceNos: string[];
  milestone: MilestoneDoc | null;
  /** the certificate it pays, if any (progress and settlement) */
  certificate: ProgressCertificateDoc | null;
  timeline: RequestTimeline;
  /** a failed attempt before the real request: it never commits money */
  attempt: { outcome: 'rejected'; step: number } | { outcome: 'withdrawn'; fromSubmitted: boolean; day: Day } | null;
  status: RequestStatus;
  /** filled when the documents are built */
  id: string;
  applicant: SeedUser;
  route: RouteStep[];
}

/** Approvers by role for one project: the project lead, and the others picked per project. */
export type ApproverPick = (role: ApproverRole) => SeedUser;
