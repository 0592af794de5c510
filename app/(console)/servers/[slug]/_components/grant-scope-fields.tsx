"use client";

import { Field } from "@/components/ui/field";
import { TextareaField } from "@/components/ui/textarea-field";

/** Comma-separated names, as the form's list fields take them. */
export const csv = (v: FormDataEntryValue | null) =>
  String(v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** One pattern a line (a URI may hold a comma). */
export const lines = (v: FormDataEntryValue | null) =>
  String(v ?? "")
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean);

/** A list's errors: a pattern's come back under its place in the list (allowedResources.1). */
export const listErrors = (errors: Record<string, string>, field: string) =>
  Object.entries(errors)
    .filter(([k]) => k === field || k.startsWith(`${field}.`))
    .map(([, m]) => m)
    .join("\n") || undefined;

/** A grant's resource patterns and prompts, as the new-grant form and the edit dialog ask for them. */
export function GrantScopeFields({
  errors,
  defaults,
}: {
  errors: Record<string, string>;
  defaults?: { allowedResources: string[]; allowedPrompts: string[] };
}) {
  return (
    <>
      <TextareaField
        label="Resources (URI patterns, one a line; none when empty)"
        name="allowedResources"
        rows={3}
        defaultValue={defaults?.allowedResources.join("\n")}
        placeholder={"demo://resource/static/document/*\nfile:///srv/reports/**"}
        hint="* matches within one path segment, ** across segments; * alone covers every resource (flagged)."
        error={listErrors(errors, "allowedResources")}
      />
      <Field
        label="Prompts (comma separated; none when empty)"
        name="allowedPrompts"
        defaultValue={defaults?.allowedPrompts.join(", ")}
        placeholder="simple-prompt, report-*"
        hint="Names, or * patterns as for tools."
        error={listErrors(errors, "allowedPrompts")}
      />
    </>
  );
}
