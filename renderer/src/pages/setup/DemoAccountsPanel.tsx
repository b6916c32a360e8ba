import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { CenteredPanel } from '../../components/CenteredPanel';
import { RoleChips } from '../../components/RoleChips';
import type { DemoCreated } from './DemoDialog';

/**
 * After the demo is generated: which fictional office it is, who can sign in (all with the
 * password just chosen; everyone but admin changes it at first sign-in), and the recovery code.
 */
export function DemoAccountsPanel({ demo, onDone }: { demo: DemoCreated; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <CenteredPanel title={t('demo.createdTitle')} width={720}>
      <Alert severity="success" sx={{ mb: 2 }}>
        {t('demo.createdIntro', { unit: demo.unitName, uscc: demo.uscc, ...demo.counts })}
      </Alert>
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
        {t('demo.accountsTitle')}
      </Typography>
      <Table size="small" aria-label={t('demo.accountsTitle')} sx={{ mb: 1 }}>
        <TableHead>
          <TableRow>
            <TableCell>{t('demo.colLogin')}</TableCell>
            <TableCell>{t('demo.colName')}</TableCell>
            <TableCell>{t('demo.colRoles')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {demo.users.map((user) => (
            <TableRow key={user.login}>
              <TableCell sx={{ fontFamily: 'monospace' }}>{user.login}</TableCell>
              <TableCell>{user.name}</TableCell>
              <TableCell>
                <RoleChips roles={user.roles} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Alert severity="info" sx={{ mb: 2 }}>
        {t('demo.mustChange')}
      </Alert>
      <Typography variant="body2">{t('demo.recovery')}</Typography>
      <Typography component="p" aria-label={t('setup.recovery.codeLabel')} sx={{ fontFamily: 'monospace', fontSize: 18, my: 1, userSelect: 'all' }}>
        {demo.recoveryCode}
      </Typography>
      <Button variant="contained" fullWidth onClick={onDone}>
        {t('demo.continue')}
      </Button>
    </CenteredPanel>
  );
}
