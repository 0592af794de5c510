import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { registrySignal } from "@/lib/db/registry-signal";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { encodeBundle } from "@/lib/policy/bundle-codec";
import { loadSnapshot } from "@/lib/policy/snapshot";
import { assertServerRunning, serverStopping } from "@/lib/server-stopping";
import { bundleEtagOf as etagOf, bundleOrgState as orgState, type BundleOrgState as OrgState } from "./bundle-etag";

type Built = { etag: string; body: string };

// A held poll wakes at once when any instance commits a registry change (NOTIFY, lib/db/registry-signal.ts),
// and re-reads the state anyway this often, should a notification be lost (a LISTEN connection re-opening).
// Read straight from the database (no short cache): one indexed row read per wake.
const RECHECK_MS = 1000;
const built = new WeakMap<PrismaClient, Promise<Built>>();

async function build(client: PrismaClient, state: OrgState, now: Date): Promise<Built> {
  const [snapshot, credentials, identities] = await Promise.all([
    loadSnapshot(client, state.registryVersion),
    client.agentCredential.findMany({
      where: { revokedAt: null },
      select: { secretHash: true, agent: { select: { clientId: true } } },
    }),
    client.ssoIdentity.findMany({
      where: { user: { disabled: false } },
      select: { issuer: true, subject: true, user: { select: { email: true } } },
    }),
  ]);
  const etag = etagOf(state);
  const body = encodeBundle({
    etag,
    registryVersion: state.registryVersion,
    issuedAt: now.toISOString(),
    paused: state.paused,
    pauseReason: state.paused ? state.pauseReason : null,
    credentials: credentials.map((c) => ({ hash: c.secretHash, agent: c.agent.clientId })),
    identities: identities.map((i) => ({ issuer: i.issuer, subject: i.subject, email: i.user.email })),
    snapshot,
  });
  return { etag, body };
}

/**
 * The policy bundle for gateways. With `ifNoneMatch` equal to the current ETag it waits up to
 * `waitSeconds` for a change (a long poll), then answers "not modified". Built once per registry
 * version and shared by every gateway that asks. While the server is stopping (`stopping`, by default
 * the process's own), it refuses every poll and ends a held one at once: a "not modified" from a server
 * on its way down would keep gateways allowing calls that no admin can stop any more.
 */
export async function getPolicyBundle(
  actor: Actor,
  opts: { ifNoneMatch?: string | null; waitSeconds?: number; signal?: AbortSignal; stopping?: AbortSignal } = {},
): Promise<{ status: 200; etag: string; body: string } | { status: 304; etag: string }> {
  assertCan(actor, "policy.bundle");
  const stopping = opts.stopping ?? serverStopping();
  const wake = opts.signal ? AbortSignal.any([stopping, opts.signal]) : stopping;
  const client = db();
  const deadline = Date.now() + Math.min(Math.max(opts.waitSeconds ?? 0, 0), 60) * 1000;
  const changes = opts.ifNoneMatch && deadline > Date.now() ? await registrySignal() : null;
  for (;;) {
    assertServerRunning(stopping);
    // Taken before the read: a change committed after it wakes the wait below instead of slipping past.
    const seen = changes?.generation ?? 0;
    const state = await orgState(client);
    const etag = etagOf(state);
    if (etag !== opts.ifNoneMatch) {
      let pending = built.get(client);
      if (!pending || (await pending).etag !== etag) {
        pending = build(client, state, new Date());
        built.set(client, pending);
        pending.catch(() => built.delete(client));
      }
      const answer = await pending;
      assertServerRunning(stopping);
      return { status: 200, ...answer };
    }
    const left = deadline - Date.now();
    if (!changes || left <= 0 || wake.aborted) {
      assertServerRunning(stopping);
      return { status: 304, etag };
    }
    await changes.wait(seen, Math.min(RECHECK_MS, left), wake);
  }
}
