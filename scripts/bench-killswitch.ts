import { encode } from "next-auth/jwt";
import { systemActor } from "@/lib/authz/actor";
import { closeConnection } from "@/lib/db/client";
import { BundleHolder } from "@/lib/gateway/bundle-holder";
import { WardenClient } from "@/lib/gateway/warden-client";
import { createToken } from "@/lib/services/tokens/create-token";
import { createUser } from "@/lib/services/users/create-user";
import { ensureDatabase } from "@/lib/startup/ensure-database";
import { args } from "./lib/args";
import { benchDatabase } from "./lib/bench-backend";
import { ensureBuild } from "./lib/ensure-build";
import { percentile } from "./lib/percentile";
import { serve } from "./lib/serve";

// npm run bench:killswitch [-- --trials 50]
// Two console instances (A, B) on one PostgreSQL. A gateway's bundle holder is attached to B, another
// to A. The org pause (the kill switch) is set and lifted through A's console API, alternately; each
// trial times from the admin's request to A until each holder holds a bundle with the new state.
// Floor, same run: the holder on A itself (no other instance in the way). The old design re-read the
// state every 200 ms on each instance, so its propagation was that poll's wait: 100 ms on average, 200 ms worst.
const opts = args({ trials: { type: "string" } });
const trials = Number(opts.trials ?? 50);
const [portA, portB] = [3311, 3312];

ensureBuild();
const fresh = await benchDatabase("warden_bench_killswitch", "postgres");
process.env.WARDEN_SEED_DEMO = "never";
process.env.NEXTAUTH_SECRET ??= "bench-secret-0123456789abcdef0123456789";
await ensureDatabase();
const sys = systemActor("bench");
const admin = await createUser(sys, {
  email: "admin@bench.local",
  name: "Admin",
  password: "bench-password-123",
  roles: ["ADMIN"],
  teamIds: [],
});
const { token } = await createToken(sys, { name: "bench-gateway", scopes: ["bundle"], expiresInDays: 1 });
await closeConnection();

const cookie = `next-auth.session-token=${await encode({ token: { sub: admin.id }, secret: process.env.NEXTAUTH_SECRET })}`;
const consoles = await Promise.all([serve(portA), serve(portB)]);
const holders: BundleHolder[] = [];
try {
  const attach = async (port: number) => {
    // The first request to a fresh server loads the route and opens the database: not part of the figure.
    await fetch(`http://127.0.0.1:${port}/api/v1/policy/bundle`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(60_000),
    });
    const holder = new BundleHolder(new WardenClient(`http://127.0.0.1:${port}`, token), 120_000);
    await holder.start();
    holders.push(holder);
    return holder;
  };
  const viaB = await attach(portB);
  const viaA = await attach(portA);
  const paused = (h: BundleHolder) => {
    const v = h.view();
    return v.ok && v.bundle.paused;
  };
  const enforced = (h: BundleHolder, want: boolean, since: number) =>
    new Promise<number>((resolve) => {
      if (paused(h) === want) return resolve(performance.now() - since);
      const off = h.onChange((b) => {
        if (b.paused !== want) return;
        off();
        resolve(performance.now() - since);
      });
    });
  const setPause = async (want: boolean) => {
    const res = await fetch(`http://127.0.0.1:${portA}/api/console/org/pause`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ paused: want, reason: "bench: kill switch" }),
    });
    if (!res.ok) throw new Error(`A answered ${res.status}: ${await res.text()}`);
  };
  const crossed: number[] = [];
  const local: number[] = [];
  const answered: number[] = [];
  for (let i = 0; i < trials + 2; i++) {
    const want = i % 2 === 0;
    // The holders re-poll right after a change; let them settle on the current bundle first.
    await new Promise((r) => setTimeout(r, 150 + Math.random() * 300));
    const started = performance.now();
    const waitB = enforced(viaB, want, started);
    const waitA = enforced(viaA, want, started);
    await setPause(want);
    const committed = performance.now();
    const [b, a] = await Promise.all([waitB, waitA]);
    // Two warm-up trials compile the routes on both instances.
    if (i < 2) continue;
    crossed.push(b);
    local.push(a);
    answered.push(committed - started);
  }
  const fmt = (xs: number[]) =>
    `p50 ${percentile(xs, 50).toFixed(1)} ms   p99 ${percentile(xs, 99).toFixed(1)} ms   max ${Math.max(...xs).toFixed(1)} ms`;
  crossed.sort((x, y) => x - y);
  local.sort((x, y) => x - y);
  answered.sort((x, y) => x - y);
  console.log(`Kill switch set on A, ${trials} trials (from the admin's request to A until the gateway holds it):`);
  console.log(`  gateway on B (other instance): ${fmt(crossed)}`);
  console.log(`  gateway on A (floor, same run): ${fmt(local)}`);
  console.log(`  A's own answer to the request:  ${fmt(answered)}`);
  console.log(`  ratio p50 B/A: ${(percentile(crossed, 50) / Math.max(percentile(local, 50), 0.001)).toFixed(2)}`);
  console.log(`  old design: a 200 ms re-read on each instance (≈100 ms average, 200 ms worst); target p99 < 1000 ms`);
} finally {
  holders.forEach((h) => h.stop());
  consoles.forEach((c) => c.kill("SIGKILL"));
  await fresh.drop();
}
process.exit(0);
