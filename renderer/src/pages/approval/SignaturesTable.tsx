import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { DecisionView } from '../../../../shared/api/methods/approval-methods';
import { APPROVAL_DECISION_LABELS } from '../../../../shared/domain/approval';
import { ROLE_LABELS } from '../../../../shared/domain/roles';
import { StatusChip } from '../../components/StatusChip';
import { formatDateTime, shortHash } from '../../format/date-time';

/** Every 审批意见 with its signer, time and the result of verifying its SM2 signature. */
export function SignaturesTable({ decisions }: { decisions: readonly DecisionView[] }) {
  const { t } = useTranslation();
  if (decisions.length === 0) return <Typography color="text.secondary">{t('approval.sheet.noDecisions')}</Typography>;
  return (
    <Table size="small" aria-label={t('approval.sheet.signatures')} sx={{ '& td, & th': { border: 1, borderColor: 'divider' } }}>
      <TableHead>
        <TableRow>
          <TableCell>{t('approval.rules.stepLabel')}</TableCell>
          <TableCell>{t('approval.sheet.colApprover')}</TableCell>
          <TableCell>{t('approval.sheet.colOpinion')}</TableCell>
          <TableCell>{t('approval.sheet.colSignedAt')}</TableCell>
          <TableCell>{t('approval.sheet.verify')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {decisions.map((d) => (
          <TableRow key={d.id}>
            <TableCell>
              {d.step + 1}. {d.stepLabel}
              {d.currentRound ? '' : ` ${t('approval.sheet.earlierRound')}`}
            </TableCell>
            <TableCell>
              {d.userName}（{ROLE_LABELS[d.stepRole]}）{d.onBehalfOfName ? ` ${t('approval.delegatedFor', { name: d.onBehalfOfName })}` : ''}
            </TableCell>
            <TableCell>
              <strong>{APPROVAL_DECISION_LABELS[d.decision]}</strong>：{d.comment}
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(d.signedAt)}</TableCell>
            <TableCell>
              <StatusChip
                tone={d.verification.status === 'valid' ? 'ok' : d.verification.status === 'contentChanged' ? 'warn' : 'bad'}
                label={t(`approval.verification.${d.verification.status}`)}
                title={`${d.verification.message}\nSM2 公钥 ${shortHash(d.signerPublicKey, 16)}\n签名 ${shortHash(d.signature, 16)}`}
              />
              <Typography variant="caption" component="div" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
                {shortHash(d.signature, 16)}
              </Typography>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
