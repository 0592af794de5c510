"use client";

import { useState, type FormEvent } from "react";
import { parse as parseYaml } from "yaml";
import { Button } from "@/components/ui/button";
import { CheckboxGroup } from "@/components/ui/checkbox-group";
import { Field } from "@/components/ui/field";
import { TextareaField } from "@/components/ui/textarea-field";
import { useToast } from "@/components/ui/toast";
import { useFormErrors } from "@/lib/forms/use-form-errors";
import { AgentSelectField } from "@/app/(console)/_components/agent-select-field";
import { useCreateGrant } from "@/lib/queries/grants";
import { OPERATIONS, ZCreateGrantInput } from "@/lib/schemas/grant";
import { csv, GrantScopeFields, lines } from "./grant-scope-fields";
import type { TabProps } from "./types";

const RULES_EXAMPLE = `- kind: path
  arguments: [path]
  roots: [/srv/files/public]`;

/** The rules box holds YAML (or JSON, which is YAML too); what does not parse is shown as the field's error. */
function readRules(text: string): { rules: unknown; error?: string } {
  if (!text.trim()) return { rules: [] };
  try {
    return { rules: parseYaml(text) ?? [] };
  } catch (error) {
    return { rules: [], error: `Not YAML: ${error instanceof Error ? error.message.split("\n")[0] : error}` };
  }
}

export function GrantForm({ server }: { server: TabProps["server"] }) {
  const create = useCreateGrant(server.slug);
  const toast = useToast();
  const [tools, setTools] = useState<string[]>([]);
  const [ops, setOps] = useState<string[]>(["read"]);
  const { errors, submit: send } = useFormErrors();
  const [rulesError, setRulesError] = useState<string>();
  // A rule's errors come back per field (argumentRules.0.roots): the box shows each with its path.
  const ruleErrors = Object.entries(errors)
    .filter(([k]) => k.startsWith("argumentRules"))
    .map(([k, m]) => `${k.replace(/^argumentRules\.?/, "rule ") || "rules"}: ${m}`)
    .join("\n");
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const f = new FormData(form);
    const rules = readRules(String(f.get("argumentRules") ?? ""));
    setRulesError(rules.error);
    if (rules.error) return;
    const g = await send(
      ZCreateGrantInput,
      {
        agentId: f.get("agentId"),
        serverId: server.id,
        allowedTools: tools,
        allowedResources: lines(f.get("allowedResources")),
        allowedPrompts: csv(f.get("allowedPrompts")),
        allowedOperations: ops,
        allowedObjects: csv(f.get("allowedObjects")),
        deniedFields: csv(f.get("deniedFields")),
        maxRecords: f.get("maxRecords"),
        argumentRules: rules.rules,
        expiresAt: f.get("expiresAt"),
      },
      create.mutateAsync,
    );
    if (!g) return;
    toast.show(g.warnings.length ? `Grant created. ${g.warnings.join(" ")}` : "Grant created");
    // A saved grant empties the form, so the next one starts from scratch rather than from the last one's values.
    form.reset();
    setTools([]);
    setOps(["read"]);
  }
  return (
    <form onSubmit={submit} noValidate className="grid grid-cols-1 gap-3 md:grid-cols-2" aria-label="New grant">
      <AgentSelectField error={errors.agentId} />
      <Field label="Expires" name="expiresAt" type="date" error={errors.expiresAt} hint="Least privilege: set one." />
      <div className="md:col-span-2">
        <CheckboxGroup
          legend="Allowed tools"
          value={tools}
          onChange={setTools}
          error={errors.allowedTools}
          options={[
            ...server.tools.map((t) => ({ value: t.name, label: t.name })),
            { value: "*", label: "* (all, flagged)" },
          ]}
        />
      </div>
      <CheckboxGroup
        legend="Allowed operations"
        value={ops}
        onChange={setOps}
        error={errors.allowedOperations}
        options={OPERATIONS.map((o) => ({ value: o, label: o }))}
      />
      <Field label="Max records per call" name="maxRecords" type="number" error={errors.maxRecords} />
      <Field
        label="Allowed objects (comma separated)"
        name="allowedObjects"
        placeholder="Account, Case"
        error={errors.allowedObjects}
      />
      <Field
        label="Denied fields (comma separated)"
        name="deniedFields"
        placeholder="SSN__c, Salary__c"
        error={errors.deniedFields}
      />
      <GrantScopeFields errors={errors} />
      <TextareaField
        className="md:col-span-2"
        label="Argument rules (YAML: path roots, URL allow-lists, patterns, enums, queries; optional)"
        name="argumentRules"
        rows={4}
        placeholder={RULES_EXAMPLE}
        error={rulesError ?? (ruleErrors || undefined)}
      />
      <div className="md:col-span-2">
        <Button type="submit" disabled={create.isPending}>
          Grant access
        </Button>
      </div>
    </form>
  );
}
