import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SheetFacts } from '../../../../shared/api/methods/approval-methods';
import { FUND_SOURCE_LABELS } from '../../../../shared/domain/fund-source';
import { PAYMENT_KIND_LABELS } from '../../../../shared/domain/payment-kind';
import { formatFen, toChineseCapitals } from '../../../../shared/money';
import { formatDateTime } from '../../format/date-time';

function Row({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <>
      <Box component="th" scope="row" sx={{ textAlign: 'left', fontWeight: 500, bgcolor: 'action.hover', border: 1, borderColor: 'divider', px: 1, py: 0.75, whiteSpace: 'nowrap', width: '1%' }}>
        {label}
      </Box>
      <Box component="td" colSpan={wide ? 3 : 1} sx={{ border: 1, borderColor: 'divider', px: 1, py: 0.75, wordBreak: 'break-all' }}>
        {children}
      </Box>
    </>
  );
}

/** The facts an approver vouches for, as a ruled form; every amount with its 大写 beside it. */
export function SheetFactsTable({ facts }: { facts: SheetFacts }) {
  const { t } = useTranslation();
  const terms = (value: SheetFacts['before']): string =>
    value ? t('approval.sheet.terms', { amount: formatFen(value.amount), days: value.paymentTermDays, labour: (value.labourShare / 100).toFixed(2), retention: (value.retentionRate / 100).toFixed(2) }) : '';
  return (
    <Box component="table" sx={{ width: '100%', borderCollapse: 'collapse', fontSize: 14 }} aria-label={t('approval.sheet.facts')}>
      <tbody>
        <tr>
          <Row label={t('approval.fact.unit')}>{facts.unitName}</Row>
          <Row label={t('approval.fact.applicant')}>{facts.applicantName}</Row>
        </tr>
        <tr>
          <Row label={t('approval.fact.project')}>{[facts.projectCode, facts.projectName].filter(Boolean).join(' ')}</Row>
          <Row label={t('approval.fact.contract')}>{[facts.contractCode, facts.contractName].filter(Boolean).join(' ')}</Row>
        </tr>
        <tr>
          <Row label={t('approval.fact.counterparty')}>{facts.counterpartyName}</Row>
          <Row label={t('approval.fact.submittedAt')}>{facts.submittedAt ? formatDateTime(facts.submittedAt) : ''}</Row>
        </tr>
        {facts.paymentKind ? (
          <tr>
            <Row label={t('approval.fact.kind')}>{PAYMENT_KIND_LABELS[facts.paymentKind]}</Row>
            <Row label={t('approval.fact.budgetLine')}>{facts.budgetLine ? `${facts.budgetLine.year} 年 · ${facts.budgetLine.subjectCode} · ${FUND_SOURCE_LABELS[facts.budgetLine.fundSource]}` : ''}</Row>
          </tr>
        ) : null}
        <tr>
          <Row label={t('approval.fact.amount')} wide>
            <Typography component="span" sx={{ fontWeight: 700, fontSize: 18, fontVariantNumeric: 'tabular-nums', mr: 2 }}>
              {formatFen(facts.amount)}
            </Typography>
            <Typography component="span" data-testid="amount-capitals">
              {t('approval.sheet.amountCapital')}：{toChineseCapitals(facts.amount)}
            </Typography>
          </Row>
        </tr>
        {facts.labourAmount !== null && facts.labourAmount > 0 ? (
          <tr>
            <Row label={t('approval.fact.labour')} wide>
              {formatFen(facts.labourAmount)}（{toChineseCapitals(facts.labourAmount)}）
            </Row>
          </tr>
        ) : null}
        {facts.changeKind ? (
          <>
            <tr>
              <Row label={t('approval.fact.changeKind')} wide>
                {facts.changeKind}
              </Row>
            </tr>
            <tr>
              <Row label={t('approval.fact.before')} wide>
                {terms(facts.before)}
              </Row>
            </tr>
            <tr>
              <Row label={t('approval.fact.after')} wide>
                {terms(facts.after)}
              </Row>
            </tr>
          </>
        ) : null}
        <tr>
          <Row label={facts.changeKind ? t('approval.fact.reason') : t('approval.fact.description')} wide>
            {facts.description}
          </Row>
        </tr>
        {facts.invoiceNos.length > 0 ? (
          <tr>
            <Row label={t('approval.fact.invoices')} wide>
              <span style={{ fontFamily: 'monospace' }}>{facts.invoiceNos.join('、')}</span>
            </Row>
          </tr>
        ) : null}
      </tbody>
    </Box>
  );
}
