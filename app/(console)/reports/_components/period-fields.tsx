"use client";

import { useState } from "react";
import { Field } from "@/components/ui/field";
import { dayStart } from "./report-links";

/** A report's period in whole UTC days ("until" exclusive): the two date fields, and the bounds they give. */
export function usePeriodFields() {
  const [from, setFrom] = useState("");
  const [until, setUntil] = useState("");
  const fields = (
    <>
      <Field label="From (UTC day)" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      <Field label="Until (UTC day, exclusive)" type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
    </>
  );
  return { fields, period: { from: dayStart(from), to: dayStart(until) } };
}
