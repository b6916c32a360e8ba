import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { APPROVAL_SUBJECTS, type ApprovalSubject } from '../../../../shared/domain/approval';
import { PageHeading } from '../../components/PageHeading';
import { hashFor, queryFromHash } from '../../router/hash-route';
import { useHash } from '../../router/use-hash-path';
import { ApprovalSheet } from './ApprovalSheet';
import { DelegationPanel } from './DelegationPanel';
import { InboxPanel } from './InboxPanel';

function sheetTarget(hash: string): { subject: ApprovalSubject; id: string } | null {
  const query = queryFromHash(hash);
  const subject = query.get('subject');
  const id = query.get('id');
  if (!id || !subject || !(APPROVAL_SUBJECTS as readonly string[]).includes(subject)) return null;
  return { subject: subject as ApprovalSubject, id };
}

/**
 * 审批: what waits for me (and for those who delegated to me), the approval sheet of one item
 * (`#/approval?subject=…&id=…`, printable), and my delegations.
 */
export function ApprovalPage() {
  const { t } = useTranslation();
  const [hash, navigate] = useHash();
  const [tab, setTab] = useState<'inbox' | 'delegations'>('inbox');
  const target = sheetTarget(hash);
  if (target) return <ApprovalSheet subject={target.subject} id={target.id} onBack={() => navigate(hashFor('/approval'))} />;
  return (
    <>
      <PageHeading title={t('approval.title')} />
      <Tabs value={tab} onChange={(_e, value: 'inbox' | 'delegations') => setTab(value)} sx={{ mb: 2 }}>
        <Tab value="inbox" label={t('approval.inboxTab')} />
        <Tab value="delegations" label={t('approval.delegationTab')} />
      </Tabs>
      {tab === 'inbox' ? <InboxPanel onOpen={(subject, id) => navigate(hashFor('/approval', { subject, id }))} /> : <DelegationPanel />}
    </>
  );
}
