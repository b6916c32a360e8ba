import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/domain/roles';

/** The roles of a user, in the order shared/domain/roles.ts lists them. */
export function RoleChips({ roles, onDark = false }: { roles: readonly Role[]; onDark?: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {roles.map((role) => (
        <Chip
          key={role}
          label={t(`roles.${role}`)}
          variant="outlined"
          sx={onDark ? { color: 'inherit', borderColor: 'rgba(255,255,255,0.6)' } : undefined}
        />
      ))}
    </Stack>
  );
}
