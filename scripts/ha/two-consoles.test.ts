import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyChain } from "@/lib/audit/verify-chain";
import { systemActor } from "@/lib/authz/actor";
import { closeConnection, db, useConnection } from "@/lib/db/client";
import { connectPostgres } from "@/lib/db/connection";
import { migrate } from "@/lib/db/migrate";
import { createScratchDatabase } from "@/lib/db/scratch-database";
import { env } from "@/lib/env";
import { BundleHolder } from "@/lib/gateway/bundle-holder";
import { decideCall } from "@/lib/gateway/decide-call";
import { WardenClient } from "@/lib/gateway/warden-client";
import { RateLimiter } from "@/lib/policy/rate-limiter";
import { createSiemTarget } from "@/lib/services/siem/create-siem-target";
import { createToken } from "@/lib/services/tokens/create-token";
import { createUser } from "@/lib/services/users/create-user";
import { BACKENDS } from "@/lib/testing/test-database";
import { seedDecisionWorld } from "@/prisma/seed/decision-fixture";
import { ensureBuild } from "../lib/ensure-build";
import { loadBalancer } from "../lib/load-balancer";
import { serve } from "../lib/serve";
import { hecSink } from "./hec-sink";
import { ingestSender } from "./ingest-sender";
import { leaseHistoryFaults, type LeaseAcquisition } from "./lease-history";

/**
 * Issue 26's multi-instance test: two production consoles on one fresh PostgreSQL database, a round-robin
 * load balancer in front of them, a gateway's bundle long-poll and an ingest sender, and a Splunk HEC sink.
 * PostgreSQL only: PGlite is one process's database, so there is no second instance to have.
 */
const PORTS = { a: 3711, b: 3712, lb: 3713, sink: 3714 };
const HEC_TOKEN = "hec-token-two-consoles";
const sys = systemActor("test");

describe.skipIf(!BACKENDS.includes("postgres"))("two consoles on one PostgreSQL [postgres]", () => {
  let drop = async () => {};
  let consoles: { name: string; url: string; child: ChildProcess }[] = [];
  let lb: Awaited<ReturnType<typeof loadBalancer>> | null = null;
  let sink: Awaited<ReturnType<typeof hecSink>>;
  let world: Awaited<ReturnType<typeof seedDecisionWorld>>;
  let token = "";
  let cookie = "";
  let targetId = "";
  const holders: BundleHolder[] = [];

  beforeAll(async () => {
    ensureBuild();
    const scratch = await createScratchDatabase(
      env().DATABASE_URL!,
      `ha_consoles_${randomUUID().replaceAll("-", "").slice(0, 12)}`,
    );
    drop = scratch.drop;
    const conn = connectPostgres(scratch.url, 4);
    await migrate(conn);
    useConnection(conn);
    sink = await hecSink(PORTS.sink, HEC_TOKEN);
    process.env.WARDEN_OUTBOUND_ALLOW = `127.0.0.1:${PORTS.sink}`;
    world = await seedDecisionWorld();
    const admin = await createUser(sys, {
      email: "admin@ha.local",
      name: "Admin",
      password: "ha-password-123",
      roles: ["ADMIN"],
      teamIds: [],
    });
    ({ token } = await createToken(sys, { name: "gateway", scopes: ["bundle", "ingest"], expiresInDays: 1 }));
    targetId = (
      await createSiemTarget(sys, {
        name: "soc",
        kind: "SPLUNK_HEC",
        url: sink.url,
        tokenEnv: "WARDEN_SIEM_HA_HEC",
        startFrom: "beginning",
      })
    ).id;
    cookie = `next-auth.session-token=${await encode({ token: { sub: admin.id }, secret: process.env.NEXTAUTH_SECRET! })}`;
    const serverEnv = {
      ...process.env,
      // A production server, not vitest's test mode.
      NODE_ENV: "production" as const,
      DATABASE_URL: scratch.url,
      WARDEN_SEED_DEMO: "never",
      WARDEN_SIEM_HA_HEC: HEC_TOKEN,
    };
    const [a, b] = await Promise.all([serve(PORTS.a, { env: serverEnv }), serve(PORTS.b, { env: serverEnv })]);
    consoles = [
      { name: "A", url: `http://127.0.0.1:${PORTS.a}`, child: a },
      { name: "B", url: `http://127.0.0.1:${PORTS.b}`, child: b },
    ];
    lb = await loadBalancer(
      consoles.map((c) => c.url),
      PORTS.lb,
    );
  }, 300_000);

  afterAll(async () => {
    holders.forEach((h) => h.stop());
    consoles.forEach((c) => c.child.kill("SIGKILL"));
    await new Promise((r) => (lb ? lb.server.close(r) : r(null)));
    await sink?.close();
    await closeConnection();
    await drop();
  });

  it("a suspension set through console A is enforced by a gateway on each console", async () => {
    const [a] = consoles;
    // The first request to a fresh server loads the route: not part of the figure. An empty body loads
    // A's status route and changes nothing (400).
    await Promise.all(
      consoles.map((c) => fetch(`${c.url}/api/v1/policy/bundle`, { headers: { authorization: `Bearer ${token}` } })),
    );
    const suspend = (body: unknown) =>
      fetch(`${a.url}/api/console/servers/${world.server.slug}/status`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await suspend({})).status).toBe(400);
    // Two gateways, each long-polling its own console: the one on B sees a change made through A.
    const gateways = await Promise.all(
      consoles.map(async (c) => {
        const holder = new BundleHolder(new WardenClient(c.url, token), 120_000);
        await holder.start();
        holders.push(holder);
        const call = () =>
          decideCall(
            holder.view(),
            { agent: world.agent.clientId, server: world.server.slug, tool: "query_records", arguments: { limit: 5 } },
            new Date(),
            new RateLimiter(),
          );
        expect(call().outcome).toBe("allow");
        const seen = new Promise<number>((resolve) => {
          const off = holder.onChange(() => {
            if (call().outcome === "allow") return;
            off();
            resolve(performance.now());
          });
        });
        return { console: c.name, holder, call, seen };
      }),
    );
    const started = performance.now();
    const res = await suspend({ status: "SUSPENDED", reason: "incident: two consoles" });
    const answered = performance.now();
    expect(res.status, await res.text()).toBe(200);
    // Generous for a loaded machine: what is asserted is that both gateways enforce it; the times are reported.
    const figures: string[] = [];
    for (const g of gateways) {
      const enforcedAt = await Promise.race([g.seen, sleep(20_000).then(() => null)]);
      expect(enforcedAt, `the gateway on ${g.console} never saw the suspension`).not.toBeNull();
      const decision = g.call();
      expect(decision.outcome).toBe("deny");
      expect(decision.rule).toBe("server_not_active");
      g.holder.stop();
      figures.push(`the gateway on ${g.console} after ${(enforcedAt! - started).toFixed(0)} ms`);
    }
    console.log(
      `kill switch: set through A, enforced by ${figures.join(" and ")} ` +
        `(A answered after ${(answered - started).toFixed(0)} ms)`,
    );
  }, 60_000);

  it("loses no acknowledged event, forwards none twice and runs no job twice at once when a console is SIGKILLed mid-ingest and mid-SIEM-forward", async () => {
    const lbUrl = `http://127.0.0.1:${PORTS.lb}`;
    const run = randomUUID().slice(0, 8);
    const sender = ingestSender(lbUrl, token, (n) =>
      Array.from({ length: 20 }, (_, i) => ({
        eventId: `${run}-${n}-${i}`,
        timestamp: new Date().toISOString(),
        server: world.server.slug,
        tool: "query_records",
        agent: world.agent.clientId,
        outcome: "success",
      })),
    );
    // The next SIEM batch stays unanswered: the forward is in flight on whichever console holds the target's lease.
    const held = await Promise.race([sink.hold(), sleep(60_000).then(() => null)]);
    expect(held, "no SIEM forward arrived").not.toBeNull();
    const lease = await db().jobLease.findUniqueOrThrow({ where: { name: `siem:${targetId}` } });
    const victim = consoles.find((c) => lease.holder.split(":")[1] === String(c.child.pid));
    expect(victim, `the lease holder ${lease.holder} is neither console`).toBeDefined();
    const survivor = consoles.find((c) => c !== victim)!;
    // Ingest is streaming through the load balancer when the holder dies, with a batch in its hands.
    const streaming = Date.now();
    while (sender.acknowledged.length < 60 && Date.now() - streaming < 5_000) await sleep(50);
    while (lb!.inFlight(victim!.url) === 0 && Date.now() - streaming < 8_000) await sleep(1);
    const midRequest = lb!.inFlight(victim!.url) > 0;
    const ackedBeforeKill = sender.acknowledged.length;
    victim!.child.kill("SIGKILL");
    const killedAt = performance.now();
    await held!.closed;
    // Ingest goes on through the survivor alone.
    while (sender.acknowledged.length < ackedBeforeKill + 100) await sleep(50);
    await sender.stop();

    // The survivor takes the target over when the dead holder's lease expires, and resumes at the durable cursor.
    const head = await db().auditEvent.findFirstOrThrow({ orderBy: { sequence: "desc" }, select: { sequence: true } });
    const caughtUp = Date.now();
    for (;;) {
      const target = await db().siemTarget.findUniqueOrThrow({ where: { id: targetId } });
      if (target.cursor >= head.sequence) break;
      if (Date.now() - caughtUp > 60_000)
        throw new Error(`SIEM forwarding stopped at ${target.cursor} of ${head.sequence} after the holder died`);
      await sleep(250);
    }

    // Every acknowledged event is stored exactly once, and the chain holds across both writers.
    const acked = sender.acknowledged;
    const stored = await db().auditEvent.findMany({ where: { eventId: { in: acked } }, select: { eventId: true } });
    expect(new Set(acked).size).toBe(acked.length);
    expect(stored.map((e) => e.eventId).sort()).toEqual([...acked].sort());
    expect(await verifyChain(db())).toMatchObject({ ok: true });
    // The batch the dead console had in hand was sent again, and not stored twice.
    if (midRequest) expect(sender.retries()).toBeGreaterThan(0);

    // The SIEM acknowledged every stored event exactly once: nothing lost past the cursor, nothing sent twice.
    const forwarded = sink.acknowledged.flatMap((b) => b.events);
    expect(forwarded.length).toBe(new Set(forwarded.map((e) => e.eventId)).size);
    const all = await db().auditEvent.findMany({
      where: { sequence: { lte: head.sequence } },
      select: { sequence: true },
    });
    const upToHead = forwarded.filter((e) => e.type === "audit" && BigInt(e.sequence) <= head.sequence);
    expect(upToHead.map((e) => e.sequence).sort()).toEqual(all.map((e) => e.sequence.toString()).sort());
    expect(sink.maxInFlight()).toBe(1);

    // Lease history: the target changed hands from the dead console to the survivor, and no two holders overlapped.
    const history = await db().$queryRaw<LeaseAcquisition[]>`
      SELECT name, holder, "acquiredAt", "previousHolder", "previousExpiresAt" FROM "JobLeaseAcquisition" ORDER BY id`;
    expect(leaseHistoryFaults(history)).toEqual([]);
    const pid = (c: (typeof consoles)[number]) => String(c.child.pid);
    const takeover = history.find(
      (h) => h.name === `siem:${targetId}` && h.previousHolder?.split(":")[1] === pid(victim!),
    );
    expect(takeover?.holder.split(":")[1]).toBe(pid(survivor));
    const resumed = sink.acknowledged.find((b) => b.at > killedAt);
    console.log(
      `instance loss: ${acked.length} events acknowledged (${ackedBeforeKill} before the SIGKILL${midRequest ? ", one in the dead console's hands" : ""}), ${sender.retries()} retries; ` +
        `SIEM resumed by ${survivor.name} ${((resumed!.at - killedAt) / 1000).toFixed(1)} s after ${victim!.name} died, ` +
        `${forwarded.length} events forwarded once each; ${history.length} lease acquisitions, no overlap`,
    );
  }, 120_000);
});
