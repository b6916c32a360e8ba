import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../shared/domain/roles';

/**
 * Roles as a group of labelled checkboxes (each reachable by Tab and Space, and by its label in
 * tests), in the order of shared/domain/roles.ts.
 */
export function RoleCheckboxes(props: {
  legend: string;
  value: readonly Role[];
  onChange: (roles: Role[]) => void;
  error: string | null;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const { legend, value, onChange, error, disabled } = props;
  const toggle = (role: Role, checked: boolean) => {
    const next = checked ? [...value, role] : value.filter((r) => r !== role);
    onChange(ROLES.filter((r) => next.includes(r)));
  };
  return (
    <FormControl component="fieldset" error={error !== null} disabled={disabled} sx={{ mt: 1 }}>
      <FormLabel component="legend">{legend}</FormLabel>
      <FormGroup row>
        {ROLES.map((role) => (
          <FormControlLabel
            key={role}
            control={<Checkbox checked={value.includes(role)} onChange={(event) => toggle(role, event.target.checked)} />}
            label={t(`roles.${role}`)}
          />
        ))}
      </FormGroup>
      <FormHelperText>{error ?? ' '}</FormHelperText>
    </FormControl>
  );
}
