import { useEffect, useState } from 'react';
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from '../../../shared/auth/password-policy';
import { useApi } from '../api/api-context';

/**
 * The password policy in force (a province may tighten the defaults), from `auth.policy`;
 * the shared defaults apply until the answer arrives, and the core checks again on submit.
 */
export function usePasswordPolicy(): PasswordPolicy {
  const client = useApi();
  const [policy, setPolicy] = useState<PasswordPolicy>(DEFAULT_PASSWORD_POLICY);
  useEffect(() => {
    let live = true;
    void client.call('auth.policy', {}).then((envelope) => {
      if (live && envelope.ok) setPolicy({ minLength: envelope.value.minLength, minClasses: envelope.value.minClasses });
    });
    return () => {
      live = false;
    };
  }, [client]);
  return policy;
}
