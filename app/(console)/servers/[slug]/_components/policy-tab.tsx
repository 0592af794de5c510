"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextareaField } from "@/components/ui/textarea-field";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/queries/api-client";
import type { PolicyChange } from "@/lib/policy/server-policy";
import { useImportPolicy, usePolicy } from "@/lib/queries/servers";
import type { TabProps } from "./types";

const show = (v: unknown) => (v === null ? "(unset)" : JSON.stringify(v));

export function PolicyTab({ server }: TabProps) {
  const policy = usePolicy(server.slug);
  const importPolicy = useImportPolicy(server.slug);
  const toast = useToast();
  const [yaml, setYaml] = useState("");
  const [error, setError] = useState("");
  const [preview, setPreview] = useState<PolicyChange[] | null>(null);
  const run = async (apply: boolean) => {
    setError("");
    try {
      const r = await importPolicy.mutateAsync({ yaml, apply });
      if (apply) {
        toast.show(`Policy applied: version ${r.policyVersion}`);
        setPreview(null);
        setYaml("");
      } else setPreview(r.changes);
    } catch (e) {
      if (e instanceof ApiError) setError(e.message);
    }
  };
  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
      <Card
        title={`Current policy (version ${server.policyVersion})`}
        actions={
          policy.data && (
            <a
              className="text-sm text-brand-700 underline"
              download={`${server.slug}.policy.yaml`}
              href={`data:text/yaml;charset=utf-8,${encodeURIComponent(policy.data.yaml)}`}
            >
              Export YAML
            </a>
          )
        }
      >
        <pre
          className="overflow-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100"
          data-testid="policy-yaml"
        >
          {policy.data?.yaml ?? "Loading…"}
        </pre>
      </Card>
      {server.canEdit && (
        <Card title="Import policy">
          <TextareaField
            label="Policy YAML"
            rows={14}
            value={yaml}
            onChange={(e) => {
              setYaml(e.target.value);
              setPreview(null);
            }}
            error={error}
          />
          <div className="mt-3 flex gap-2">
            <Button variant="secondary" onClick={() => run(false)} disabled={!yaml || importPolicy.isPending}>
              Preview changes
            </Button>
            <Button onClick={() => run(true)} disabled={!preview || preview.length === 0 || importPolicy.isPending}>
              Apply
            </Button>
          </div>
          {preview && (
            <div className="mt-4" data-testid="policy-diff">
              {preview.length === 0 ? (
                <p className="text-sm text-slate-600">No changes.</p>
              ) : (
                <ul className="space-y-1 font-mono text-xs">
                  {preview.map((c) => (
                    <li key={c.path}>
                      <span className="font-semibold">{c.path}</span>:{" "}
                      <span className="text-red-700">{show(c.before)}</span> →{" "}
                      <span className="text-emerald-700">{show(c.after)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </Card>
      )}
    </div>
  );
}
