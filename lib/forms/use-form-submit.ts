"use client";

import type { FormEvent } from "react";
import type { z } from "zod";
import { useFormErrors } from "./use-form-errors";

/**
 * A console form's whole submit handler: read the form, validate and send through `useFormErrors`,
 * then `onSent` with what the API returned and the form element (to reset it, toast, or move on).
 * `onSent` runs only when the API answered with something, as each form's handler did by hand.
 */
export function useFormSubmit<S extends z.ZodType, R>(
  schema: S,
  read: (form: FormData) => unknown,
  send: (data: z.output<S>) => Promise<R>,
  onSent?: (result: R, form: HTMLFormElement) => void,
) {
  const { errors, submit } = useFormErrors();
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Taken before the await: React clears currentTarget once the handler yields.
    const form = event.currentTarget;
    const result = await submit(schema, read(new FormData(form)), send);
    if (result) onSent?.(result, form);
  }
  return { errors, onSubmit };
}

/** For forms that add a row: empty the form once the API has it. */
export const resetForm = (_: unknown, form: HTMLFormElement) => form.reset();
