"use client";

import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";

/** A mutation that invalidates exactly the queries it changes; failures become toasts in one place. */
export function useApiMutation<I, O>(mutationFn: (input: I) => Promise<O>, invalidates: (input: I) => QueryKey[]) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (_data, input) => Promise.all(invalidates(input).map((queryKey) => qc.invalidateQueries({ queryKey }))),
  });
}
