import type { Tx } from "@/lib/db/tx";
import { hourOf } from "./rollups";

export type DecisionCount = { at: Date; server: string; outcome: string; rule: string };

/** Adds decisions to their hour's counts, by server, outcome and rule, in one statement per batch. */
export async function countDecisions(tx: Tx, counts: DecisionCount[]) {
  if (counts.length === 0) return;
  const merged = new Map<string, { hour: string; server: string; outcome: string; rule: string; count: number }>();
  for (const c of counts) {
    const hour = hourOf(c.at).toISOString();
    const key = [hour, c.server, c.outcome, c.rule].join("\u0000");
    const row = merged.get(key) ?? { hour, server: c.server, outcome: c.outcome, rule: c.rule, count: 0 };
    row.count++;
    merged.set(key, row);
  }
  await tx.$executeRawUnsafe(
    `INSERT INTO "DecisionRollup" (hour, server, outcome, rule, count)
     SELECT hour, server, outcome, rule, count FROM json_populate_recordset(NULL::"DecisionRollup", $1::json)
     ON CONFLICT (hour, server, outcome, rule) DO UPDATE SET count = "DecisionRollup".count + EXCLUDED.count`,
    JSON.stringify([...merged.values()]),
  );
}
