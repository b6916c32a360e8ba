import { z } from 'zod';
import {
  budgetLineOptionSchema,
  certificateInputSchema,
  certificateViewSchema,
  changeViewSchema,
  contractDetailSchema,
  contractInputSchema,
  contractStatusSchema,
  contractViewSchema,
  counterpartyInputSchema,
  counterpartyViewSchema,
  documentCheckSchema,
  documentViewSchema,
  milestoneTermSchema,
  reminderViewSchema,
  versionViewSchema,
} from '../../contracts/contract-api-schemas';
import { CONTRACT_CHANGE_KINDS, CONTRACT_CHANGE_STATUSES } from '../../domain/contract';
import { idSchema } from '../common-schemas';
import { method, rolesOnly } from '../method-spec';

/**
 * 合同 (issue 4 item 3): counterparties, contracts and their payment milestones, change orders
 * routed through approval, progress certificates, the archived signed document, reminders.
 * Readers: everyone who works with money or oversees it; writers: project lead and finance
 * (DOMAIN.md). The administrator has no business data (R10). The core checks every rule again.
 */
const READERS = rolesOnly('projectLead', 'leader', 'finance', 'cashier', 'auditor', 'riskOfficer');
const WRITERS = rolesOnly('projectLead', 'finance');

const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/u, '日期格式应为 YYYY-MM-DD');
const search = z.string().trim().max(50, '搜索内容不能超过 50 个字').optional();

export const contractMethods = {
  'counterparties.list': method({
    summary: '收款单位列表（账号按角色显示全文或掩码）',
    params: z.object({ search }),
    result: z.array(counterpartyViewSchema),
    access: READERS,
  }),
  'counterparties.create': method({
    summary: '登记收款单位（统一社会信用代码本单位内唯一；账号SM4加密保存）',
    params: counterpartyInputSchema,
    result: counterpartyViewSchema,
    access: WRITERS,
  }),
  'counterparties.update': method({
    summary: '修改收款单位（账号变更记入审计日志）',
    params: counterpartyInputSchema.extend({ counterpartyId: idSchema }),
    result: counterpartyViewSchema,
    access: WRITERS,
  }),
  'contracts.list': method({
    summary: '合同列表（可按项目、收款单位、状态筛选）',
    params: z.object({ projectId: idSchema.optional(), counterpartyId: idSchema.optional(), status: contractStatusSchema.optional(), search }),
    result: z.array(contractViewSchema),
    access: READERS,
  }),
  'contracts.get': method({
    summary: '合同详情：付款节点、计量确认、变更与版本历史、合同正本',
    params: z.object({ contractId: idSchema }),
    result: contractDetailSchema,
    access: READERS,
  }),
  'contracts.formOptions': method({
    summary: '新建合同可选的项目与预算指标',
    params: z.object({}).strict(),
    result: z.object({
      projects: z.array(z.object({ id: idSchema, code: z.string(), name: z.string(), type: z.string() })),
      budgetLines: z.array(budgetLineOptionSchema),
    }),
    access: READERS,
  }),
  'contracts.create': method({
    summary: '起草合同（校验 R1、R3–R6）',
    params: contractInputSchema,
    result: contractViewSchema,
    access: WRITERS,
  }),
  'contracts.update': method({
    summary: '修改合同草稿（签订后只能通过合同变更）',
    params: contractInputSchema.extend({ contractId: idSchema }),
    result: contractViewSchema,
    access: WRITERS,
  }),
  'contracts.sign': method({
    summary: '登记合同签订（再次校验全部规则，并按 R7 核实预算指标资金已落实）',
    params: z.object({ contractId: idSchema, signedAt: day }),
    result: contractViewSchema,
    access: WRITERS,
  }),
  'contracts.close': method({
    summary: '合同完工（验收后）或终止（须无审批中、支付中的申请；终止后不再占用预算指标）',
    params: z.object({
      contractId: idSchema,
      status: z.enum(['completed', 'terminated'], { error: '只能改为已完工或已终止' }),
      reason: z.string({ error: '请填写原因' }).trim().min(4, '原因至少 4 个字').max(500, '原因不能超过 500 字'),
    }),
    result: contractViewSchema,
    access: WRITERS,
  }),
  'contracts.setMilestoneDate': method({
    summary: '登记付款节点的验收日期（验收后N日到期）或约定日期，计算到期日',
    params: z.object({ milestoneId: idSchema, date: day }),
    result: contractDetailSchema,
    access: WRITERS,
  }),
  'contracts.submitChange': method({
    summary: '提交合同变更/补充协议，按审批规则生成审批路线',
    params: z.object({
      contractId: idSchema,
      kind: z.enum(CONTRACT_CHANGE_KINDS),
      reason: z.string({ error: '请填写变更理由' }).trim().min(4, '变更理由至少 4 个字').max(500, '变更理由不能超过 500 字'),
      amount: z.number().int('金额须精确到分').positive('金额必须大于零'),
      paymentTermDays: z.number().int().min(0).max(365),
      labourShare: z.number().int().min(0).max(10_000),
      retentionRate: z.number().int().min(0).max(10_000),
      endDate: day.nullable().optional(),
      milestones: z.array(milestoneTermSchema).max(50).optional(),
      attachmentId: idSchema.nullable().optional(),
    }),
    result: changeViewSchema,
    access: rolesOnly('projectLead'),
  }),
  'contracts.listChanges': method({
    summary: '合同变更列表',
    params: z.object({ contractId: idSchema.optional(), status: z.enum(CONTRACT_CHANGE_STATUSES).optional() }),
    result: z.array(changeViewSchema),
    access: READERS,
  }),
  'contracts.history': method({
    summary: '合同版本历史：每一版改了什么、谁签批',
    params: z.object({ contractId: idSchema }),
    result: z.array(versionViewSchema),
    access: READERS,
  }),
  'contracts.recordCertificate': method({
    summary: '登记计量/进度确认（累计确认产值只增不减、不超过合同金额）',
    params: certificateInputSchema,
    result: certificateViewSchema,
    access: rolesOnly('projectLead'),
  }),
  'contracts.confirmCertificate': method({
    summary: '确认计量/进度确认（确认后作为进度款上限依据）',
    params: z.object({ certificateId: idSchema }),
    result: certificateViewSchema,
    access: WRITERS,
  }),
  'contracts.archiveDocument': method({
    summary: '归档电子签章合同正本（PDF/OFD）：记录SM3并以本单位SM2密钥会签',
    params: z.object({ contractId: idSchema, attachmentId: idSchema }),
    result: documentViewSchema,
    access: WRITERS,
  }),
  'contracts.verifyDocument': method({
    summary: '核验合同正本：重新计算SM3并验证单位会签',
    params: z.object({ contractId: idSchema }),
    result: documentCheckSchema,
    access: READERS,
  }),
  'contracts.reminders': method({
    summary: '付款节点提醒：逾期、7日内到期（R1）、质保期届满（R5）',
    params: z.object({}).strict(),
    result: z.array(reminderViewSchema),
    access: READERS,
  }),
};
