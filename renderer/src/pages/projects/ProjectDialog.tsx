import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useTranslation } from 'react-i18next';
import type { ProjectView } from '../../../../shared/api/methods/project-methods';
import { FUND_SOURCE_LABELS, FUND_SOURCES, type FundSource } from '../../../../shared/domain/fund-source';
import { PROJECT_STATUS_LABELS, PROJECT_STATUSES, PROJECT_TYPE_LABELS, PROJECT_TYPES, type ProjectStatus, type ProjectType } from '../../../../shared/domain/project';
import { useApi } from '../../api/api-context';
import { FormDialog } from '../../components/FormDialog';
import { useForm, type FormApi } from '../../forms/use-form';
import { useSession } from '../../session/SessionProvider';
import { useCall } from '../../api/use-call';

type Field = 'code' | 'name' | 'type' | 'ownerUnitId' | 'leadUserId' | 'status' | 'fundSources';
const PATHS: Record<Field, string> = { code: 'code', name: 'name', type: 'type', ownerUnitId: 'ownerUnitId', leadUserId: 'leadUserId', status: 'status', fundSources: 'fundSources' };

function SelectField<F extends string>(props: { form: FormApi<F>; field: F; label: string; children: React.ReactNode; disabled?: boolean }) {
  const message = props.form.serverMessage(props.field);
  return (
    <TextField select label={props.label} value={props.form.values[props.field]} onChange={(e) => props.form.setValue(props.field, e.target.value)} error={message !== null} helperText={message ?? ' '} disabled={props.disabled}>
      {props.children}
    </TextField>
  );
}

/**
 * 新建/编辑项目. The page checks only what it can see (required fields); every rule — code
 * format and uniqueness, who may lead, the fund sources budget lines use — is the core's, and
 * its message lands on the field it names.
 */
export function ProjectDialog({ project, onClose, onSaved }: { project: ProjectView | null; onClose: () => void; onSaved: (p: ProjectView) => void }) {
  const { t } = useTranslation();
  const client = useApi();
  const { user } = useSession();
  const isFinance = user.roles.includes('finance');
  const { data: options } = useCall('projects.formOptions', {});
  const form = useForm<Field>(
    {
      code: project?.code ?? '',
      name: project?.name ?? '',
      type: project?.type ?? 'municipalRoad',
      ownerUnitId: project?.ownerUnitId ?? user.unitId,
      leadUserId: project?.leadUserId ?? (isFinance ? '' : user.id),
      status: project?.status ?? 'preparing',
      fundSources: (project?.fundSources ?? ['fiscal']).join(','),
    },
    PATHS,
  );
  const v = form.values;
  const funds = v.fundSources.split(',').filter(Boolean) as FundSource[];
  const required = !v.code.trim() || !v.name.trim() || funds.length === 0 || (isFinance && !v.leadUserId);
  const toggleFund = (f: FundSource, on: boolean) => form.setValue('fundSources', (on ? [...funds, f] : funds.filter((x) => x !== f)).join(','));

  const submit = () => {
    const body = {
      code: v.code.trim(),
      name: v.name.trim(),
      type: v.type as ProjectType,
      ownerUnitId: v.ownerUnitId,
      fundSources: funds,
      status: v.status as ProjectStatus,
      ...(isFinance && v.leadUserId ? { leadUserId: v.leadUserId } : {}),
    };
    void form.submit(!required, () => (project ? client.call('projects.update', { projectId: project.id, ...body }) : client.call('projects.create', body)), onSaved);
  };
  const fundMessage = form.serverMessage('fundSources');

  return (
    <FormDialog
      title={project ? t('projects.projectDialog.editTitle') : t('projects.projectDialog.createTitle')}
      submitLabel={project ? t('projects.projectDialog.submitEdit') : t('projects.projectDialog.submitCreate')}
      busy={form.busy}
      error={form.generalError}
      onClose={onClose}
      onSubmit={submit}
    >
      <TextField label={t('projects.projectDialog.code')} value={v.code} onChange={(e) => form.setValue('code', e.target.value)} error={form.serverMessage('code') !== null} helperText={form.serverMessage('code') ?? ' '} autoFocus slotProps={{ htmlInput: { maxLength: 32 } }} />
      <TextField label={t('projects.projectDialog.name')} value={v.name} onChange={(e) => form.setValue('name', e.target.value)} error={form.serverMessage('name') !== null} helperText={form.serverMessage('name') ?? ' '} slotProps={{ htmlInput: { maxLength: 100 } }} />
      <SelectField form={form} field="type" label={t('projects.projectDialog.type')}>
        {PROJECT_TYPES.map((x) => (
          <MenuItem key={x} value={x}>
            {PROJECT_TYPE_LABELS[x]}
          </MenuItem>
        ))}
      </SelectField>
      <SelectField form={form} field="ownerUnitId" label={t('projects.projectDialog.owner')}>
        {(options?.units ?? [{ id: v.ownerUnitId, name: project?.ownerUnitName ?? '' }]).map((u) => (
          <MenuItem key={u.id} value={u.id}>
            {u.name}
          </MenuItem>
        ))}
      </SelectField>
      {isFinance ? (
        <SelectField form={form} field="leadUserId" label={t('projects.projectDialog.lead')}>
          {(options?.leads ?? []).map((l) => (
            <MenuItem key={l.id} value={l.id}>
              {l.name}
            </MenuItem>
          ))}
        </SelectField>
      ) : null}
      <SelectField form={form} field="status" label={t('projects.projectDialog.status')}>
        {PROJECT_STATUSES.map((x) => (
          <MenuItem key={x} value={x}>
            {PROJECT_STATUS_LABELS[x]}
          </MenuItem>
        ))}
      </SelectField>
      <FormControl error={fundMessage !== null || (form.submitted && funds.length === 0)} component="fieldset">
        <FormLabel component="legend">{t('projects.projectDialog.fundSources')}</FormLabel>
        <FormGroup row>
          {FUND_SOURCES.map((f) => (
            <FormControlLabel key={f} control={<Checkbox checked={funds.includes(f)} onChange={(e) => toggleFund(f, e.target.checked)} />} label={FUND_SOURCE_LABELS[f]} />
          ))}
        </FormGroup>
        <FormHelperText>{fundMessage ?? ' '}</FormHelperText>
      </FormControl>
    </FormDialog>
  );
}
