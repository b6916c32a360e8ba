import { useCallback, useRef, useState } from 'react';
import type { Envelope } from '../../../shared/api/envelope';
import type { ErrorBody } from '../../../shared/errors';

/**
 * State shared by every form: values, which fields the user has touched (rules show only after
 * that, or after a submit attempt), the core's error envelope placed on the field it names, and
 * a busy flag that disables the buttons while a call is running.
 *
 * `fieldPaths` maps a form field to the path the core uses in `error.field` (e.g. `unit.uscc`).
 */
export function useForm<F extends string>(initial: Record<F, string>, fieldPaths: Record<F, string>) {
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<Partial<Record<F, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  // A ref as well as state: a double Enter must not send the call twice before React re-renders.
  const busyRef = useRef(false);

  const setValue = useCallback(
    (field: F, value: string) => {
      setValues((previous) => ({ ...previous, [field]: value }));
      setTouched((previous) => ({ ...previous, [field]: true }));
      // Editing the field the core complained about clears that complaint.
      setServerError((previous) => (previous?.field === fieldPaths[field] ? null : previous));
    },
    [fieldPaths],
  );

  const showRules = (field: F): boolean => submitted || touched[field] === true;

  const serverMessage = (field: F): string | null =>
    serverError && serverError.field === fieldPaths[field] ? serverError.message : null;

  const knownPaths = Object.values<string>(fieldPaths);
  const generalError = serverError && !(serverError.field && knownPaths.includes(serverError.field)) ? serverError : null;

  async function submit<T>(clientValid: boolean, action: () => Promise<Envelope<T>>, onSuccess: (value: T) => void): Promise<void> {
    setSubmitted(true);
    if (!clientValid || busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setServerError(null);
    try {
      const envelope = await action();
      if (envelope.ok) onSuccess(envelope.value);
      else setServerError(envelope.error);
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }

  const reset = (next: Record<F, string> = initial) => {
    setValues(next);
    setTouched({});
    setSubmitted(false);
    setServerError(null);
  };

  return { values, setValue, showRules, serverMessage, generalError, serverError, busy, submit, reset, submitted };
}

export type FormApi<F extends string> = ReturnType<typeof useForm<F>>;
