import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { FormDialog } from '../../components/FormDialog';
import { useSession } from '../../session/SessionProvider';

/**
 * Shown on every signed-in screen of a demo installation, so no one mistakes demo data for real
 * payments. Administrators get the removal, which says exactly what will be deleted and when.
 */
export function DemoBanner() {
  const { t } = useTranslation();
  const client = useApi();
  const session = useSession();
  const [demo, setDemo] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);

  useEffect(() => {
    let live = true;
    void client.call('setup.status', {}).then((status) => {
      if (live && status.ok) setDemo(status.value.demoDataPresent);
    });
    return () => {
      live = false;
    };
  }, [client]);

  if (!demo) return null;
  const isAdmin = session.user.roles.includes('admin');
  const remove = async () => {
    setBusy(true);
    const answer = await client.call('setup.removeDemo', { confirm: true });
    setBusy(false);
    if (!answer.ok) return setError(answer.error);
    // The core signed everyone out; starting over shows first run with the restart notice.
    window.location.hash = '#/';
    window.location.reload();
  };

  return (
    <>
      <Alert
        severity="warning"
        square
        role="status"
        sx={{ fontWeight: 600 }}
        action={
          isAdmin ? (
            <Button color="inherit" size="small" onClick={() => setConfirming(true)}>
              {t('demo.remove')}
            </Button>
          ) : undefined
        }
      >
        {t('demo.banner')}
      </Alert>
      {confirming ? (
        <FormDialog
          title={t('demo.removeTitle')}
          submitLabel={t('demo.removeConfirm')}
          submitColor="error"
          busy={busy}
          error={error}
          onClose={() => setConfirming(false)}
          onSubmit={() => void remove()}
        >
          <Alert severity="error">{t('demo.removeBody')}</Alert>
        </FormDialog>
      ) : null}
    </>
  );
}
