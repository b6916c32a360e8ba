import { useCallback, useEffect, useRef, useState } from 'react';
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
  // After a refused submit, keyboard users land on the first field that needs fixing. The form
  // is found from the focused element (the submit button, or the field Enter was pressed in).
  const focusForm = useRef<HTMLFormElement | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    if (focusRequest === 0) return;
    focusForm.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);
  const requestFocusOnError = () => {
    focusForm.current = document.activeElement?.closest('form') ?? null;
    setFocusRequest((n) => n + 1);
  };

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
    if (busyRef.current) return;
    if (!clientValid) return requestFocusOnError();
    busyRef.current = true;
    setBusy(true);
    // The previous error stays until the new answer replaces it, so the message does not blink.
    try {
      const envelope = await action();
      if (envelope.ok) {
        setServerError(null);
        onSuccess(envelope.value);
      } else {
        setServerError(envelope.error);
        if (envelope.error.field) requestFocusOnError();
      }
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
