"use client";

import { useState } from "react";
import type { z } from "zod";
import { ApiError } from "@/lib/queries/api-client";
import type { FieldErrors } from "@/lib/errors";
import { fieldErrors } from "@/lib/schemas/parse";

/**
 * The one submit path of every console form: validate with the same zod schema the API uses, show
 * field errors inline, send, and show the API's field errors inline too (the toast says the rest).
 */
export function useFormErrors() {
  const [errors, setErrors] = useState<FieldErrors>({});
  async function submit<S extends z.ZodType, R>(
    schema: S,
    values: unknown,
    send: (data: z.output<S>) => Promise<R>,
  ): Promise<R | undefined> {
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return undefined;
    }
    try {
      const result = await send(parsed.data);
      setErrors({});
      return result;
    } catch (error) {
      if (error instanceof ApiError) setErrors(error.fields);
      return undefined;
    }
  }
  return { errors, submit };
}
