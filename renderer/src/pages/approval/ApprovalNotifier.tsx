import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Snackbar from '@mui/material/Snackbar';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubscription } from '../../api/api-context';
import { hashFor } from '../../router/hash-route';
import { useHash } from '../../router/use-hash-path';
import { useSession } from '../../session/SessionProvider';

/**
 * A desktop notification where the platform grants it: in Electron the window's session allows
 * exactly this permission (electron/main/security.ts), and the web Notification API is shown as
 * the system's own notification. In browser mode it is usually not granted: the in-page notice
 * alone then tells the user.
 */
function desktopNotice(title: string, body: string): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    new Notification(title, { body, tag: 'approval-inbox' });
  } catch {
    // some platforms refuse notifications from a page; the in-page notice still shows
  }
}

/**
 * The in-page notice "something new waits for your approval": the core pushes the inbox count
 * (approval.inbox topic); a new item (count up or a newer submission) shows a notice with a link.
 * The first value after sign-in only sets the baseline, so opening the app does not nag.
 */
export function ApprovalNotifier() {
  const { t } = useTranslation();
  const [, navigate] = useHash();
  const session = useSession();
  // an administrator never approves (R10): no inbox to watch
  const { data } = useSubscription('approval.inbox', {}, !session.user.roles.includes('admin'));
  const seen = useRef<{ total: number; newestAt: number | null } | null>(null);
  const [notice, setNotice] = useState<number | null>(null);
  useEffect(() => {
    if (!data) return;
    const before = seen.current;
    seen.current = { total: data.total, newestAt: data.newestAt };
    if (before && (data.total > before.total || (data.newestAt ?? 0) > (before.newestAt ?? 0)) && data.total > 0) {
      setNotice(data.total);
      desktopNotice(t('approval.title'), t('approval.newItems', { total: data.total }));
    }
  }, [data, t]);
  return (
    <Snackbar open={notice !== null} onClose={() => setNotice(null)} autoHideDuration={15_000} anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}>
      <Alert
        severity="info"
        variant="filled"
        onClose={() => setNotice(null)}
        action={
          <Button
            color="inherit"
            size="small"
            onClick={() => {
              setNotice(null);
              navigate(hashFor('/approval'));
            }}
          >
            {t('approval.open')}
          </Button>
        }
      >
        {t('approval.newItems', { total: notice ?? 0 })}
      </Alert>
    </Snackbar>
  );
}
