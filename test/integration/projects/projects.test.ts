import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { valueOf } from '../../support/test-core';
import { startBudgetWorld, type BudgetWorld } from '../budget/budget-world';

describe('projects', () => {
  let w: BudgetWorld;
  beforeEach(async () => {
    w = await startBudgetWorld();
  });
  afterEach(async () => w.close());

  const road = { code: 'XM-2026-001', name: '城南环路改造工程', type: 'municipalRoad' as const, fundSources: ['fiscal' as const, 'specialBond' as const] };

  it('lets a project lead create their own project, and finance name the lead; codes are unique per office', async () => {
    const own = valueOf(await w.lead.call('projects.create', road));
    expect(own).toMatchObject({ code: 'XM-2026-001', leadUserId: w.leadId, leadName: '李项目', ownerUnitName: '示例县财政局', status: 'preparing' });
    expect(own.totals).toEqual({ amount: 0, reserved: 0, paid: 0, available: 0 });
    expect(await w.lead.call('projects.create', { ...road, code: 'XM-2026-009', leadUserId: w.t.core.services.device.deviceId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', field: 'leadUserId' },
    });
    expect(await w.finance.call('projects.create', { ...road, name: '另一个项目' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field: 'leadUserId' } });
    expect(await w.finance.call('projects.create', { ...road, leadUserId: w.leadId })).toMatchObject({ ok: false, error: { code: 'PROJECT_CODE_TAKEN', field: 'code' } });
    const school = valueOf(await w.finance.call('projects.create', { ...road, code: 'XM-2026-002', name: '第二小学扩建', type: 'schoolExpansion', leadUserId: w.leadId }));
    expect(school.type).toBe('schoolExpansion');
    expect(await w.finance.call('projects.create', { ...road, code: 'XM 3', leadUserId: w.leadId })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field: 'code' } });
    const events = valueOf(await w.auditor.call('audit.events', { limit: 20 })).events;
    expect(events.filter((e) => e.action === 'project.created').map((e) => e.summary)).toEqual(
      expect.arrayContaining([expect.stringContaining('XM-2026-001 城南环路改造工程（市政道路）')]),
    );
  });

  it('shows a project lead only their own projects; auditors read everything and change nothing', async () => {
    const own = valueOf(await w.lead.call('projects.create', road));
    valueOf(await w.otherLead.call('projects.create', { ...road, code: 'XM-2026-077', name: '河道整治' }));
    expect(valueOf(await w.lead.call('projects.list', {})).map((p) => p.code)).toEqual(['XM-2026-001']);
    expect(await w.otherLead.call('projects.get', { projectId: own.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await w.otherLead.call('projects.update', { projectId: own.id, name: '改名' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(valueOf(await w.auditor.call('projects.list', {})).map((p) => p.code)).toEqual(['XM-2026-001', 'XM-2026-077']);
    expect(await w.auditor.call('projects.create', { ...road, code: 'XM-9' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await w.admin.call('projects.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(valueOf(await w.auditor.call('projects.list', { search: '河道' })).map((p) => p.code)).toEqual(['XM-2026-077']);
    expect(valueOf(await w.auditor.call('projects.list', { type: 'schoolExpansion' }))).toEqual([]);
  });

  it('edits a project, keeps fund sources that budget lines use, and lets only finance change the lead', async () => {
    const own = valueOf(await w.lead.call('projects.create', road));
    const edited = valueOf(await w.lead.call('projects.update', { projectId: own.id, name: '城南环路改造工程（一期）', status: 'active' }));
    expect(edited).toMatchObject({ name: '城南环路改造工程（一期）', status: 'active' });
    valueOf(await w.finance.call('budget.lines.create', { projectId: own.id, year: 2026, subjectCode: '2120803', fundSource: 'specialBond', amount: 5_000_000_00 }));
    expect(await w.finance.call('projects.update', { projectId: own.id, fundSources: ['fiscal'] })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'fundSources' },
    });
    // another id (changing the last hex digit; one id in 16 already ends in 0)
    const otherLeadId = own.leadUserId.replace(/.$/u, own.leadUserId.endsWith('0') ? '1' : '0');
    expect(await w.lead.call('projects.update', { projectId: own.id, leadUserId: otherLeadId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', field: 'leadUserId' },
    });
    const options = valueOf(await w.finance.call('projects.formOptions', {}));
    expect(options.leads.map((l) => l.name).sort()).toEqual(['周项目', '李项目'].sort());
  });
});
