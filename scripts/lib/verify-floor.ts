import { createHash } from "node:crypto";
import pg from "pg";
import { canonicalJson } from "@/lib/crypto/canonical-json";

const text = (v: unknown) => (v === null ? "null" : JSON.stringify(v));
const doc = (v: unknown) => (v === null ? "null" : canonicalJson(JSON.parse(v as string)));
const opt = (key: string, v: unknown) => (v === null ? "" : `"${key}":${JSON.stringify(v)},`);
const optTail = (key: string, v: unknown) => (v === null ? "" : `,"${key}":${JSON.stringify(v)}`);

/**
 * The floor for verification: every row read through one server-side cursor with a bare pg client, and
 * the same sha256 chain computed in plain Node (the canonical body written by hand, field by field).
 * Returns how many rows it read and how many did not hash or link as stored (0 for an intact chain).
 */
export async function verifyFloor(url: string, batch: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let rows = 0;
  let bad = 0;
  let prev = "0".repeat(64);
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await client.query(`DECLARE floor_cursor NO SCROLL CURSOR FOR SELECT sequence::text, "prevHash", hash, id::text,
      to_char("occurredAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), "actorType"::text, "actorId", "actorLabel",
      category, action, "targetType", "targetId", outcome, before::text, after::text, attributes::text,
      "eventId", server, tool, agent, "onBehalfOf", "sessionId", "userSource" FROM "AuditEvent" ORDER BY "AuditEvent".sequence`);
    for (;;) {
      const { rows: page } = await client.query({ text: `FETCH ${batch} FROM floor_cursor`, rowMode: "array" });
      for (const c of page as unknown[][]) {
        // Keys in sorted order, as canonical JSON has them; indexed columns only when set.
        const body =
          `{"action":${text(c[9])},"actorId":${text(c[6])},"actorLabel":${text(c[7])},"actorType":${text(c[5])},` +
          `"after":${doc(c[14])},${opt("agent", c[19])}"attributes":${doc(c[15])},"before":${doc(c[13])},` +
          `"category":${text(c[8])},${opt("eventId", c[16])}"id":${text(c[3])},"occurredAt":${text(c[4])},` +
          `${opt("onBehalfOf", c[20])}"outcome":${text(c[12])},"sequence":"${c[0]}"${optTail("server", c[17])}` +
          `${optTail("sessionId", c[21])},"targetId":${text(c[11])},"targetType":${text(c[10])}${optTail("tool", c[18])}${optTail("userSource", c[22])}}`;
        const hash = createHash("sha256").update(prev).update(body).digest("hex");
        if (hash !== c[2] || c[1] !== prev) bad++;
        prev = c[2] as string;
        rows++;
      }
      if (page.length < batch) break;
    }
    await client.query("ROLLBACK");
  } finally {
    await client.end();
  }
  return { rows, bad };
}
