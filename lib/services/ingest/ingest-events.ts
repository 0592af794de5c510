import { randomUUID } from "node:crypto";
import { withAuditIdentifiers } from "@/lib/audit/audit-identifier";
import type { CallData } from "@/lib/audit/call-data";
import { wireMethod } from "@/lib/audit/catalog";
import {
  appendPrepared,
  CHAIN_HEAD_SQL,
  chainHead,
  type ChainHeadRow,
  lockChain,
  prepareAudit,
  type AuditInput,
  type PreparedAudit,
} from "@/lib/audit/record-audit";
import { assertCan, auditActor, type Actor } from "@/lib/authz/actor";
import { db, sqlTransaction } from "@/lib/db/client";
import type { Sql } from "@/lib/db/sql";
import {
  EXFILTRATION_WINDOW_MS,
  sensitiveReads,
  streamFindings,
  type StreamContext,
} from "@/lib/findings/stream-rules";
import { volumeFindings } from "@/lib/findings/volume-rules";
import { ingestRejectionFinding } from "@/lib/findings/ingest-rejections";
import type { IngestError } from "@/lib/ingest/parse-batch";
import { redactArguments } from "@/lib/ingest/redact-values";
import { upsertRollups } from "@/lib/ingest/rollups";
import type { TIngestEvent } from "@/lib/schemas/ingest";
import { countedRule, REDACTED_RULE } from "@/lib/schemas/rule";
import { userSourceOf } from "@/lib/schemas/user-source";
import { maybeCheckpoint } from "@/lib/services/audit/write-checkpoint";
import { raiseFinding, raiseFindings } from "@/lib/services/findings/shared/raise-finding";
import { streamContext, type IngestContext } from "./stream-context";

/**
 * Keeps each session's earliest sensitive read in the database, so an egress call that arrives in a
 * later batch still completes the exfiltration chain. A read older than the window gives way to a
 * newer one; rows past twice the window (by the batch's own clock) are dropped.
 */
async function rememberSensitiveReads(sql: Sql, events: TIngestEvent[], ctx: Pick<StreamContext, "servers">) {
  const reads = [...sensitiveReads(events, ctx)].map(([sessionId, r]) => ({ sessionId, ...r }));
  if (reads.length)
    await sql.query(
      `INSERT INTO "SessionSensitiveRead" ("sessionId", "eventId", agent, server, tool, "onBehalfOf", "readAt")
       SELECT "sessionId", "eventId", agent, server, tool, "onBehalfOf", "readAt"
       FROM json_to_recordset($1::json) AS r("sessionId" text, "eventId" text, agent text, server text, tool text, "onBehalfOf" text, "readAt" timestamptz)
       ON CONFLICT ("sessionId") DO UPDATE SET "eventId" = EXCLUDED."eventId", agent = EXCLUDED.agent, server = EXCLUDED.server, tool = EXCLUDED.tool,
         "onBehalfOf" = EXCLUDED."onBehalfOf", "readAt" = EXCLUDED."readAt"
       WHERE "SessionSensitiveRead"."readAt" > EXCLUDED."readAt"
          OR "SessionSensitiveRead"."readAt" < EXCLUDED."readAt" - ($2::int * interval '1 millisecond')`,
      [JSON.stringify(reads), EXFILTRATION_WINDOW_MS],
    );
  const newest = Math.max(...events.map((e) => e.timestamp.getTime()));
  await sql.query(`DELETE FROM "SessionSensitiveRead" WHERE "readAt" < $1::timestamptz`, [
    new Date(newest - 2 * EXFILTRATION_WINDOW_MS).toISOString(),
  ]);
}

/**
 * Which of the batch's event ids the log already holds, and the chain's head: one statement, which must come
 * after the one that took the chain lock (its snapshot then sees every committed append).
 */
async function storedIdsAndHead(sql: Sql, eventIds: string[]) {
  const [row] = await sql.query<ChainHeadRow & { existing: string }>(
    `SELECT (SELECT COALESCE(json_agg("eventId"), '[]')::text FROM "AuditEventKey"
             WHERE "eventId" IN (SELECT json_array_elements_text($1::json))) AS existing, head.*
     FROM (${CHAIN_HEAD_SQL}) AS head`,
    [JSON.stringify(eventIds)],
  );
  return { existing: JSON.parse(row.existing) as string[], head: chainHead(row) };
}

/** An ingested call as its audit record: arguments, response and extra attributes redacted. */
export function auditInput(
  e: TIngestEvent & { eventId: string },
  ctx: Pick<IngestContext, "serverIds" | "agentIds">,
  ingestedBy: string,
): AuditInput {
  const server = ctx.serverIds.get(e.server);
  return {
    actor: { type: "AGENT", id: ctx.agentIds.get(e.agent) ?? null, label: e.agent },
    // A gateway's local decision (method "decision") files like one of Warden's own decisions.
    category: e.method === "decision" ? "DECISION" : "TOOL_CALL",
    action: e.method === "decision" ? `decision.${e.outcome}` : wireMethod(e.method),
    outcome: e.outcome,
    occurredAt: e.timestamp,
    target: server ? { type: "McpServer", id: server.id } : undefined,
    call: {
      eventId: e.eventId,
      server: e.server,
      tool: e.tool ?? null,
      agent: e.agent,
      onBehalfOf: e.onBehalfOf ?? null,
      userSource: userSourceOf(e.onBehalfOf, e.userSource),
      sessionId: e.sessionId ?? null,
    },
    // In key order, as canonical JSON writes them: it sorts only an object that is not (see canonical-json.ts).
    attributes: {
      arguments: e.arguments === undefined ? undefined : redactArguments(e.arguments, server?.deniedFields ?? []),
      bytes: e.bytes,
      decisionId: e.decisionId,
      errorType: e.errorType,
      extra: e.attributes ? redactArguments(e.attributes, server?.deniedFields ?? []) : undefined,
      ingestedBy,
      latencyMs: e.latencyMs,
      reasons: e.reason === undefined ? undefined : [e.reason],
      recordsReturned: e.recordsReturned,
      requestId: e.requestId,
      responseSummary: e.responseSummary === undefined ? undefined : redactArguments(e.responseSummary, []),
      ...storedRule(e),
      traceId: e.traceId,
    } satisfies CallData,
  };
}

/**
 * A denied or paused call is stored under the rule it is counted under (`countedRule`: canonical, after
 * redaction, "rule_not_reported" when the gateway named none), so the dashboard's bar for a rule and the
 * explorer's filter on it find the same rows; a spelling that differs is kept beside it as `ruleReported`.
 */
function storedRule(e: TIngestEvent): Pick<CallData, "rule" | "ruleReported"> {
  if (e.outcome !== "deny" && e.outcome !== "pending") return { rule: e.rule };
  const rule = countedRule(e.rule);
  return e.rule === undefined || e.rule === rule ? { rule } : { rule, ruleReported: e.rule };
}

/**
 * The batch's audit records, prepared. A rule that the record's redaction still changed (a secret that
 * another field revealed, such as an argument's password repeated in the rule) is stored as `rule_redacted`,
 * so the rollups, which count the stored rule, and the explorer's filter agree, and no chart shows it.
 */
function prepareCalls(inputs: AuditInput[]): PreparedAudit[] {
  const prepared = prepareAudit(inputs);
  return prepared.map((p, i) => {
    const a = inputs[i].attributes as CallData;
    if (a.rule === undefined || (p.record.attributes as CallData).rule === a.rule) return p;
    return prepareAudit([
      { ...inputs[i], attributes: { ...a, rule: REDACTED_RULE, ruleReported: a.ruleReported ?? a.rule } },
    ])[0];
  });
}

/** The event with the names and the rule its audit record stores: what the rollups count. */
function asStored(e: TIngestEvent, record: PreparedAudit["record"]): TIngestEvent {
  return {
    ...e,
    server: record.server ?? "",
    tool: record.tool ?? undefined,
    agent: record.agent ?? "",
    rule: (record.attributes as CallData | null)?.rule,
  };
}

/**
 * Ingests the valid events of a batch, together. Retried events (same eventId) are counted as duplicates
 * and never stored twice; arguments are redacted before they are stored; every event joins the hash
 * chain; rollups and findings are updated in the same transaction. Acknowledged only after commit.
 * Events of the batch that failed validation (`rejected`) raise a finding for the sender, so an operator
 * hears of records that are not in the audit log.
 */
export async function ingestEvents(actor: Actor, events: TIngestEvent[], rejected: IngestError[] = []) {
  assertCan(actor, "audit.ingest");
  const rejection = ingestRejectionFinding(rejected, auditActor(actor));
  if (events.length === 0) {
    if (rejection) await raiseFinding(db(), rejection);
    return { accepted: 0, duplicates: 0 };
  }
  // Ids as the log stores them (a secret-looking one as its keyed hash), so de-duplication compares like with like.
  const withIds = events.map((e) => withAuditIdentifiers({ ...e, eventId: e.eventId ?? randomUUID() }));
  // On the driver itself (no ORM): the batch's records travel as one JSON parameter of a megabyte or two.
  const result = await sqlTransaction(async (sql) => {
    // Reads, pure rules, redaction and serialisation first: a concurrent batch holding the chain lock
    // does not wait for them.
    const ctx = await streamContext(sql, withIds);
    const streamed = streamFindings(withIds, ctx);
    const prepared = prepareCalls(withIds.map((e) => auditInput(e, ctx, auditActor(actor).label)));
    // The ids as stored: a record that reveals a secret elsewhere (a password in its reason, say) stores an
    // eventId holding it as its keyed hash, which withAuditIdentifiers alone cannot know. Compared unhashed,
    // a retry of that event was not seen as one and failed the batch on the unique key.
    const storedIds = prepared.map((p, i) => p.record.eventId ?? withIds[i].eventId);
    await lockChain(sql);
    // Under the lock, so two concurrent retries of one batch cannot both store it.
    const { existing, head } = await storedIdsAndHead(sql, storedIds);
    const seen = new Set(existing);
    const keep = storedIds.map((id) => !seen.has(id) && (seen.add(id), true));
    const fresh = withIds.filter((_, i) => keep[i]);
    if (fresh.length === 0) {
      if (rejection) await raiseFindings(sql, [rejection]);
      return { accepted: 0, duplicates: events.length };
    }
    const stored = prepared.filter((_, i) => keep[i]);
    await appendPrepared(sql, stored, head);
    await upsertRollups(
      sql,
      fresh.map((e, i) => asStored(e, stored[i].record)),
    );
    const findings = fresh.length === withIds.length ? streamed : streamFindings(fresh, ctx);
    // Raised as if one after another: the refused events first, then the stream's, then the volume rules'.
    await raiseFindings(sql, [...(rejection ? [rejection] : []), ...findings, ...(await volumeFindings(sql, fresh))]);
    await rememberSensitiveReads(sql, fresh, ctx);
    return { accepted: fresh.length, duplicates: events.length - fresh.length };
  });
  if (result.accepted > 0) await maybeCheckpoint().catch((error) => console.error("Checkpoint failed", error));
  return result;
}
