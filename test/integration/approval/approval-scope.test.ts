import { firstValueFrom, filter, take, timeout } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approvalInboxTopic } from '../../../electron/core/approval/approval-handlers';
import type { UnitDoc } from '../../../electron/core/db/schemas';
import { AppError } from '../../../shared/errors';
import { newId } from '../../../shared/ids/uuidv7';
import { approvalWorld, PASSWORD, type ApprovalWorld } from './approval-fixture';

describe('approval scope and live inbox', () => {
  let w: ApprovalWorld;
  beforeEach(async () => {
    w = await approvalWorld();
  });
  afterEach(async () => {
    await w.t.close();
  });

  it('an "upper office" step is signed by the leader of the office above, not by the own office', async () => {
    const now = w.services.clock.now();
    const county: UnitDoc = { id: newId(), unitId: '', name: '示例县交通局', uscc: '91350100M000100Y43', level: 'county', parentId: w.unitId, createdBy: 'setup', createdAt: now, updatedAt: now };
    county.unitId = county.id;
    await w.services.db.units.insert(county);
    const admin = (await w.services.db.users.findOne(w.adminId).exec())?.toMutableJSON();
    await w.services.approval.tableAdmin.publish(await w.actor(admin as never), {
      subject: 'paymentRequest',
      name: '上级审批',
      hitPolicy: 'COLLECT',
      inputs: [{ input: 'amount', label: '金额（分）' }],
      rules: [
        { id: 'own', when: ['-'], steps: [{ role: 'finance', scope: 'own', mode: 'any', label: '财务审核' }], note: '' },
        { id: 'upper', when: ['>= 10000000'], steps: [{ role: 'leader', scope: 'upper', mode: 'any', label: '上级领导审批' }], note: '' },
      ],
    }, null);
    const applicant = await w.user('县申请', ['projectLead'], county.id);
    const countyFinance = await w.user('县财务', ['finance'], county.id);
    const countyLeader = await w.user('县领导', ['leader'], county.id);
    const cityLeader = await w.user('市领导', ['leader']);
    const request = await w.submit(applicant, 20_000_000);
    expect(request.route?.steps.map((s) => s.scope)).toEqual(['own', 'upper']);
    await w.services.approval.decider.decide(await w.actor(countyFinance), { subject: 'paymentRequest', requestId: request.id, decision: 'approve', comment: '同意', password: PASSWORD });
    // the county's own leader is not the upper office's
    const own = await w.services.approval.decider
      .decide(await w.actor(countyLeader), { subject: 'paymentRequest', requestId: request.id, decision: 'approve', comment: '同意', password: PASSWORD })
      .catch((e: unknown) => e);
    expect(own).toBeInstanceOf(AppError);
    expect((own as AppError).message).toMatch(/由申请单位的上级单位的分管领导审批/);
    expect((await w.services.approval.views.inbox(await w.actor(cityLeader))).counts.total).toBe(1);
    const done = await w.services.approval.decider.decide(await w.actor(cityLeader), { subject: 'paymentRequest', requestId: request.id, decision: 'approve', comment: '同意', password: PASSWORD });
    expect(done.status).toBe('approved');
  });

  it('the approval.inbox topic pushes a new count when something starts waiting', async () => {
    const applicant = await w.user('张申请', ['projectLead']);
    const lead = await w.user('李负责', ['projectLead']);
    const counts = approvalInboxTopic(w.services, await w.actor(lead));
    const first = await firstValueFrom(counts.pipe(take(1), timeout(10_000)));
    expect(first.total).toBe(0);
    const next = firstValueFrom(counts.pipe(filter((c) => c.total === 1), take(1), timeout(10_000)));
    await w.submit(applicant, 100_00);
    expect((await next).paymentRequest).toBe(1);
  });
});
