import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { registerCheckpointSink } from "@/lib/audit/checkpoint-sinks";
import { recordAudit } from "@/lib/audit/record-audit";
import { verifyChain } from "@/lib/audit/verify-chain";
import { auditActor, systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import type { TCheckpointAnchor } from "@/lib/schemas/checkpoint-anchor";
import { deliverDueWebhooks } from "@/lib/services/webhooks/deliver-webhooks";
import { createWebhook } from "@/lib/services/webhooks/create-webhook";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { CHECKPOINT_EVERY_MS, maybeCheckpoint, writeCheckpoint } from "./write-checkpoint";

const actor = auditActor(systemActor("test"));
const append = (n: number) =>
  db().$transaction((tx) =>
    recordAudit(
      tx,
      Array.from({ length: n }, () => ({ actor, category: "ADMIN" as const, action: "server.updated" })),
    ),
  );

const bodies: string[] = [];
const receiver = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => (bodies.push(body), res.end()));
});
beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  // A loopback receiver is reachable only through the deployment's outbound allow-list.
  process.env.WARDEN_OUTBOUND_ALLOW = `127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

describeWithDatabase("signed checkpoints leave the database", () => {
  // Each database gets its own anchors folder: two chains anchored in one folder would contradict each other.
  let dir = "";
  beforeAll(async () => void (dir = await mkdtemp(path.join(tmpdir(), "warden-anchors-"))));
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("checkpoints once a minute while the chain moves, and never twice for one head", async () => {
    const t0 = new Date(Date.now() + 3_600_000);
    await append(3);
    const first = await maybeCheckpoint(t0);
    expect(first?.sequence).toBeDefined();
    await append(2);
    expect(await maybeCheckpoint(new Date(t0.getTime() + CHECKPOINT_EVERY_MS - 1))).toBeNull();
    const second = await maybeCheckpoint(new Date(t0.getTime() + CHECKPOINT_EVERY_MS));
    expect(second?.sequence).toBe(first!.sequence + 2n);
    // The chain did not move: nothing to sign, however much time passed.
    expect(await maybeCheckpoint(new Date(t0.getTime() + 10 * CHECKPOINT_EVERY_MS))).toBeNull();
    // Several instances at once: one signs, the others skip.
    await append(1);
    const racing = await Promise.all(Array.from({ length: 4 }, () => writeCheckpoint({ anchorsDir: null })));
    expect(racing.filter(Boolean)).toHaveLength(1);
  });

  it("writes each checkpoint to the anchors folder, the webhook stream and every registered sink", async () => {
    const hook = await createWebhook(systemActor("test"), {
      name: "ledger",
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/anchors`,
      events: ["audit.checkpoint"],
    });
    expect(hook.events).toEqual(["audit.checkpoint"]);
    const sunk: TCheckpointAnchor[] = [];
    const unregister = registerCheckpointSink("test-siem", async (a) => void sunk.push(a));
    try {
      await append(2);
      const cp = await writeCheckpoint({ anchorsDir: dir });
      const day = cp!.createdAt.toISOString().slice(0, 10);
      const file = path.join(dir, day, `${cp!.sequence.toString().padStart(20, "0")}.json`);
      const anchor = JSON.parse(await readFile(file, "utf8"));
      expect(anchor).toMatchObject({
        type: "warden.audit.checkpoint",
        sequence: cp!.sequence.toString(),
        hash: cp!.hash,
      });
      expect(sunk).toEqual([anchor]);
      bodies.length = 0;
      await deliverDueWebhooks(new Date(Date.now() + 1000));
      expect(bodies.map((b) => JSON.parse(b))).toEqual([{ event: "audit.checkpoint", checkpoint: anchor }]);
    } finally {
      unregister();
    }
  });

  it("reports a sink that fails, keeping the checkpoint", async () => {
    const unregister = registerCheckpointSink("broken", async () => {
      throw new Error("SIEM unreachable");
    });
    try {
      await append(1);
      await expect(writeCheckpoint({ anchorsDir: dir })).rejects.toThrow(
        /is stored, but did not reach: broken: SIEM unreachable/,
      );
      const last = await db().auditCheckpoint.findFirstOrThrow({ orderBy: { sequence: "desc" } });
      const head = await db().auditEvent.findFirstOrThrow({ orderBy: { sequence: "desc" } });
      expect(last.sequence).toBe(head.sequence);
    } finally {
      unregister();
    }
    expect((await readdir(dir, { recursive: true })).filter((f) => f.endsWith(".json"))).toHaveLength(2);
    // Checkpoints written before the folder was used are not anchored, which verification notes.
    const result = await verifyChain(db(), { anchorsDir: dir });
    expect(result).toMatchObject({ ok: true, anchors: 2 });
    expect(result.notes.join(" ")).toMatch(/of the database's checkpoints have no file in/);
  });
});
