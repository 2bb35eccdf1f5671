import { useState } from 'react';
import { ApiError } from '../api/client.ts';

/** Splits a failed submit into per-field messages and a form-level message. */
export function useFormErrors() {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [form, setForm] = useState<string | null>(null);
  return {
    fields,
    form,
    clear() {
      setFields({});
      setForm(null);
    },
    show(error: unknown) {
      if (error instanceof ApiError) {
        const byField = error.fieldErrors();
        setFields(byField);
        setForm(Object.keys(byField).length > 0 ? null : error.message);
      } else setForm(error instanceof Error ? error.message : String(error));
    },
  };
}
