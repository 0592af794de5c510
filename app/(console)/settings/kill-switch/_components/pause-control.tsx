"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { ApiError } from "@/lib/queries/api-client";
import { useSetOrgPause } from "@/lib/queries/org";

/** The incident switch: one click denies every MCP call in the organisation until resumed. */
export function PauseControl({ paused }: { paused: boolean }) {
  const router = useRouter();
  const set = useSetOrgPause();
  const [reason, setReason] = useState("");
  const [error, setError] = useState("");
  const submit = async () => {
    try {
      await set.mutateAsync({ paused: !paused, reason });
      setReason("");
      setError("");
      router.refresh();
    } catch (e) {
      if (e instanceof ApiError) setError(e.fields.reason ?? e.message);
    }
  };
  return (
    <Card title="Pause all MCP access">
      <p className="mb-4 max-w-2xl text-sm text-slate-600">
        For an incident: while paused, Warden denies every tool call from every agent on every server, on the very next
        call. Every pause and resume is audited.
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <Field
          label={paused ? "Reason for resuming" : "Reason for pausing"}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={error}
          className="min-w-80 flex-1"
        />
        <Button variant={paused ? "secondary" : "danger"} onClick={submit} disabled={set.isPending}>
          {paused ? "Resume MCP access" : "Pause all MCP access"}
        </Button>
      </div>
    </Card>
  );
}
