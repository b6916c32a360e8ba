import Alert from '@mui/material/Alert';
import { useTranslation } from 'react-i18next';
import { CenteredPanel } from '../../components/CenteredPanel';

/** First run while a removed demo still waits for the restart that deletes it. */
export function DemoRemovalPending() {
  const { t } = useTranslation();
  return (
    <CenteredPanel title={t('demo.pendingTitle')} width={560}>
      <Alert severity="warning">{t('demo.pendingBody')}</Alert>
    </CenteredPanel>
  );
}
