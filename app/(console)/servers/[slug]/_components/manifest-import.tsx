"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextareaField } from "@/components/ui/textarea-field";
import { ApiError } from "@/lib/queries/api-client";
import { useImportManifest } from "@/lib/queries/servers";
import type { ManifestImportResult } from "@/lib/services/tools/import-manifest";

export function ManifestImport({ slug }: { slug: string }) {
  const importManifest = useImportManifest(slug);
  const [text, setText] = useState("");
  const [error, setError] = useState("");
  const [result, setResult] = useState<ManifestImportResult | null>(null);
  const submit = async () => {
    setError("");
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return setError("This is not valid JSON: paste the result of tools/list");
    }
    try {
      setResult(await importManifest.mutateAsync(json));
      setText("");
    } catch (e) {
      if (e instanceof ApiError) setError(e.message);
    }
  };
  return (
    <Card title="Import tool manifest">
      <TextareaField
        label="tools/list result (JSON)"
        rows={5}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={error}
        placeholder='{"tools":[{"name":"query_records","description":"…","inputSchema":{"type":"object"}}]}'
      />
      <div className="mt-3 flex items-center gap-3">
        <Button onClick={submit} disabled={!text || importManifest.isPending}>
          Import
        </Button>
        <label className="text-sm text-brand-700 underline">
          or upload a file
          <input
            type="file"
            accept="application/json,.json"
            className="sr-only"
            onChange={async (e) => setText((await e.target.files?.[0]?.text()) ?? "")}
          />
        </label>
      </div>
      {result && (
        <p className="mt-3 text-sm" data-testid="manifest-result">
          {result.added.length} added, {result.changed.length} changed
          {result.changed.length ? ` (${result.changed.join(", ")}: back to review)` : ""}, {result.unchanged.length}{" "}
          unchanged
          {result.missing.length ? `, ${result.missing.length} no longer listed (${result.missing.join(", ")})` : ""}.
          {result.suspicious.length > 0 && (
            <span className="block font-medium text-red-700">
              Instructions hidden in the description of {result.suspicious.join(", ")}: rated CRITICAL, see Findings.
            </span>
          )}
        </p>
      )}
    </Card>
  );
}
