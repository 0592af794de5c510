/** The named fields of a form as FormData holds them (`null` when absent), for the zod schema to coerce. */
export function fieldValues<K extends string>(form: FormData, ...names: K[]) {
  return Object.fromEntries(names.map((name) => [name, form.get(name)])) as Record<K, FormDataEntryValue | null>;
}

/** The named checkboxes of a form: true when ticked. */
export function checkedValues<K extends string>(form: FormData, ...names: K[]) {
  return Object.fromEntries(names.map((name) => [name, form.get(name) === "on"])) as Record<K, boolean>;
}
