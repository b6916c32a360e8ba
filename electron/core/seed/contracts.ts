import { sm3Hex } from '../../../shared/crypto';
import type { ContractCategory } from '../../../shared/contracts';
import type { ProjectType } from '../../../shared/domain/project';
import type { ContractChangeDoc, ContractDoc, ContractTerms, MilestoneDoc } from '../db/schemas';
import { dayText, instantAt, workdayOnOrAfter, yearOf, type Day } from './calendar';
import type { ContractPlan, PayeePlan, ProjectPlan, SeedContext } from './model';
import type { Prng } from './prng';
import type { Trade } from './vocab/companies';

/** Main works contract price in yuan, by kind of project. */
const WORKS_YUAN: Readonly<Record<ProjectType, readonly [number, number]>> = {
  municipalRoad: [5_000_000, 60_000_000],
  schoolExpansion: [6_000_000, 40_000_000],
  waterConservancy: [3_000_000, 30_000_000],
  building: [10_000_000, 90_000_000],
  other: [800_000, 8_000_000],
};

const CONTRACT_SUFFIX: Readonly<Record<Trade, string>> = {
  works: '施工合同',
  supervision: '施工监理合同',
  design: '勘察设计合同',
  audit: '全过程跟踪审计服务合同',
  equipment: '设备采购及安装合同',
};

/** What each trade buys (R6 applies to works only); 设备采购及安装 is bought as goods. */
const CATEGORY: Readonly<Record<Trade, ContractCategory>> = {
  works: 'works',
  supervision: 'services',
  design: 'services',
  audit: 'services',
  equipment: 'goods',
};

const SECOND_WORKS = ['附属工程', '景观绿化工程', '智能化系统工程', '室外配套工程'];

interface ContractShape {
  trade: Trade;
  name: string;
  amountYuan: number;
  signedDay: Day;
  workStart: Day;
  workEnd: Day;
  draft: boolean;
  fundSlot: number;
}

/** A pending or approved 合同变更 (amount change) and the days its route steps were decided. */
export interface ChangePlan {
  doc: ContractChangeDoc;
  contract: ContractPlan;
  decisionDays: Day[];
}

function shapes(prng: Prng, project: ProjectPlan): ContractShape[] {
  const { startDay, endDay, type } = project;
  const span = endDay - startDay;
  const [minYuan, maxYuan] = WORKS_YUAN[type];
  const works = prng.int(minYuan, maxYuan);
  const preparing = project.status === 'preparing';
  const mainSlot = project.fundSources.length > 1 ? 1 : 0;
  const out: ContractShape[] = [
    { trade: 'works', name: CONTRACT_SUFFIX.works, amountYuan: works, signedDay: startDay - prng.int(5, 25), workStart: startDay, workEnd: endDay, draft: preparing, fundSlot: mainSlot },
  ];
  const designSigned = startDay - prng.int(100, 200);
  if (preparing || prng.chance(0.85)) {
    out.push({
      trade: 'design',
      name: CONTRACT_SUFFIX.design,
      amountYuan: Math.round(works * prng.float(0.02, 0.035)),
      signedDay: designSigned,
      workStart: designSigned + 10,
      workEnd: startDay - prng.int(10, 40),
      draft: false,
      fundSlot: 0,
    });
  }
  if (preparing) return out;
  let worksTotal = works;
  if (type !== 'other' && prng.chance(0.5)) {
    const amountYuan = Math.round(works * prng.float(0.08, 0.2));
    worksTotal += amountYuan;
    const begin = startDay + Math.floor(span * 0.3);
    out.push({ trade: 'works', name: `${prng.pick(SECOND_WORKS)}${CONTRACT_SUFFIX.works}`, amountYuan, signedDay: begin - prng.int(5, 20), workStart: begin, workEnd: endDay, draft: false, fundSlot: 0 });
  }
  out.push({
    trade: 'supervision',
    name: CONTRACT_SUFFIX.supervision,
    amountYuan: Math.round(worksTotal * prng.float(0.012, 0.025)),
    signedDay: startDay - prng.int(10, 30),
    workStart: startDay,
    workEnd: endDay + 20,
    draft: false,
    fundSlot: 0,
  });
  if (prng.chance(0.7)) {
    out.push({
      trade: 'audit',
      name: CONTRACT_SUFFIX.audit,
      amountYuan: Math.round(worksTotal * prng.float(0.008, 0.015)),
      signedDay: startDay - prng.int(0, 20),
      workStart: startDay,
      workEnd: endDay + 60,
      draft: false,
      fundSlot: 0,
    });
  }
  if ((type === 'schoolExpansion' || type === 'building' || type === 'waterConservancy') && prng.chance(0.4)) {
    const signedDay = startDay + Math.floor(span * 0.6);
    out.push({
      trade: 'equipment',
      name: CONTRACT_SUFFIX.equipment,
      amountYuan: Math.round(worksTotal * prng.float(0.05, 0.12)),
      signedDay,
      workStart: signedDay + 10,
      workEnd: signedDay + prng.int(55, 110),
      draft: false,
      fundSlot: 0,
    });
  }
  return out;
}

function payeeFor(prng: Prng, payees: readonly PayeePlan[], trade: Trade): PayeePlan {
  const candidates = payees.filter((p) => p.trade === trade);
  return prng.pick(candidates);
}

function milestone(ctx: SeedContext, contract: ContractDoc, seq: number, fields: Pick<MilestoneDoc, 'name' | 'kind' | 'ratio' | 'dueRule' | 'dueDays'>): MilestoneDoc {
  return {
    id: ctx.ids.next(),
    unitId: contract.unitId,
    createdBy: contract.createdBy,
    createdAt: contract.createdAt,
    updatedAt: contract.createdAt,
    docType: 'milestone',
    contractId: contract.id,
    seq,
    ...fields,
    acceptedAt: null,
    status: 'open',
  };
}

/**
 * The contracts of a project with terms inside the rules: advance 10–30 % (R3), progress at
 * least 80 % of certified value (R4), retention at most 3 % (R5), SME terms at most 60 days (R1),
 * a labour-cost share for works (R6). Contracts signed after asOf do not exist yet.
 */
export function planContracts(ctx: SeedContext, prng: Prng, project: ProjectPlan): ContractPlan[] {
  const plans: ContractPlan[] = [];
  const lead = project.doc.leadUserId;
  for (const shape of shapes(prng, project)) {
    const signedDay = workdayOnOrAfter(Math.max(shape.signedDay, dayOfInstant(project.doc.createdAt) + 1));
    if (!shape.draft && signedDay > ctx.asOfDay) continue;
    const payee = payeeFor(prng, ctx.payees, shape.trade);
    const isWorks = shape.trade === 'works';
    const amount = shape.amountYuan * 100 + prng.int(0, 99);
    const createdDay = shape.draft ? Math.min(ctx.asOfDay, signedDay) - prng.int(1, 10) : signedDay;
    const createdAt = instantAt(createdDay, prng.int(540, 960));
    const retentionRate = isWorks ? prng.pick([300, 300, 300, 250, 200]) : 0;
    const doc: ContractDoc = {
      id: ctx.ids.next(),
      unitId: ctx.org.county.id,
      createdBy: lead,
      createdAt,
      updatedAt: createdAt,
      docType: 'contract',
      code: `HT-${yearOf(signedDay)}-${String(ctx.counters.next('contract')).padStart(5, '0')}`,
      name: `${project.doc.name}${shape.name}`.slice(0, 100),
      projectId: project.doc.id,
      counterpartyId: payee.doc.id,
      amount,
      signedAt: shape.draft ? null : dayText(signedDay),
      paymentTermDays: payee.doc.isSme ? prng.pick([30, 30, 45, 60]) : prng.pick([30, 60, 90]),
      labourShare: isWorks ? prng.int(15, 30) * 100 : 0,
      retentionRate,
      status: shape.draft ? 'draft' : 'active',
      version: 1,
      documentHash: null,
      category: CATEGORY[shape.trade],
    };
    if (!shape.draft) doc.documentHash = sm3Hex(`合同正本|${doc.code}|${doc.amount}|${doc.signedAt ?? ''}`);
    const advanceRate = shape.trade === 'equipment' ? 3000 : isWorks ? prng.pick([1000, 1000, 1500, 2000, 2000, 3000]) : prng.pick([1000, 2000, 3000]);
    const progressRatio = prng.pick([8000, 8500, 9000]);
    const plan: ContractPlan = {
      doc,
      trade: shape.trade,
      payee,
      project,
      originalAmount: amount,
      advanceRate,
      progressRatio,
      settlementValue: Math.floor(amount * prng.float(0.93, 1)),
      workStart: shape.workStart,
      workEnd: shape.workEnd,
      acceptanceDay: workdayOnOrAfter(shape.workEnd + prng.int(7, 25)),
      fundSlot: shape.fundSlot,
      milestones: {},
      certificates: [],
      requests: [],
    };
    const term = doc.paymentTermDays;
    plan.milestones.advance = milestone(ctx, doc, 1, { name: '预付款', kind: 'advance', ratio: advanceRate, dueRule: 'fixedDate', dueDays: null });
    plan.milestones.progress = milestone(ctx, doc, 2, {
      name: isWorks ? '进度款（按月计量支付）' : '进度款（按阶段确认支付）',
      kind: 'progress',
      ratio: progressRatio,
      dueRule: 'afterAcceptance',
      dueDays: term,
    });
    plan.milestones.settlement = milestone(ctx, doc, 3, {
      name: isWorks ? '竣工结算款' : '结算款',
      kind: 'settlement',
      ratio: 10_000 - retentionRate,
      dueRule: 'afterAcceptance',
      dueDays: term,
    });
    if (retentionRate > 0) {
      plan.milestones.retention = milestone(ctx, doc, 4, { name: '质量保证金（缺陷责任期满返还）', kind: 'retention', ratio: retentionRate, dueRule: 'fixedDate', dueDays: null });
    }
    plans.push(plan);
  }
  return plans;
}

function dayOfInstant(ms: number): Day {
  return Math.floor((ms + 8 * 3_600_000) / 86_400_000);
}

function terms(doc: ContractDoc, amount: number): ContractTerms {
  return { amount, paymentTermDays: doc.paymentTermDays, labourShare: doc.labourShare, retentionRate: doc.retentionRate };
}

/**
 * Some works contracts grew by an approved change (签证变更, version 2, the amount all caps use);
 * a few have a change waiting for approval, which changes nothing yet.
 */
export function planChanges(ctx: SeedContext, prng: Prng, contract: ContractPlan): ChangePlan[] {
  const doc = contract.doc;
  if (contract.trade !== 'works' || doc.status === 'draft') return [];
  const out: ChangePlan[] = [];
  const changeDay = workdayOnOrAfter(contract.workStart + Math.floor((contract.workEnd - contract.workStart) * prng.float(0.3, 0.7)));
  if (prng.chance(0.12) && changeDay + 12 < ctx.asOfDay) {
    const before = doc.amount;
    const after = Math.floor(before * prng.float(1.03, 1.12));
    const first = workdayOnOrAfter(changeDay + prng.int(1, 3));
    const steps = [first, workdayOnOrAfter(first + prng.int(1, 3))];
    out.push({ doc: changeDoc(ctx, contract, changeDay, before, after, 'approved', '施工中发现地下管线迁改及地质条件变化，增加相应工程量'), contract, decisionDays: steps });
    doc.amount = after;
    doc.version = 2;
    doc.updatedAt = instantAt(steps[steps.length - 1] ?? changeDay, 1000);
  }
  if (doc.status === 'active' && contract.acceptanceDay > ctx.asOfDay && prng.chance(0.05)) {
    const day = ctx.asOfDay - prng.int(1, 6);
    const first = day + prng.int(1, 2);
    const days = first <= ctx.asOfDay ? [first] : [];
    const after = Math.floor(doc.amount * prng.float(1.02, 1.06));
    out.push({ doc: changeDoc(ctx, contract, day, doc.amount, after, 'submitted', '设计变更增加附属设施，申请调整合同金额'), contract, decisionDays: days });
  }
  return out;
}

function changeDoc(
  ctx: SeedContext,
  contract: ContractPlan,
  day: Day,
  before: number,
  after: number,
  status: 'approved' | 'submitted',
  reason: string,
): ContractChangeDoc {
  const doc = contract.doc;
  const createdAt = instantAt(day, 600);
  const change: ContractChangeDoc = {
    id: ctx.ids.next(),
    unitId: doc.unitId,
    createdBy: doc.createdBy,
    createdAt,
    updatedAt: createdAt,
    docType: 'contractChange',
    contractId: doc.id,
    kind: 'amount',
    fromVersion: doc.version,
    before: terms(doc, before),
    after: terms(doc, after),
    reason,
    status,
    route: { decisionTableId: ctx.tables.changeTableId, decisionTableVersion: 1, routedAt: createdAt + 600_000, steps: ctx.tables.changeRoute(), currentStep: 0 },
    documentHash: status === 'approved' ? sm3Hex(`补充协议|${doc.code}|${after}`) : null,
  };
  return change;
}
