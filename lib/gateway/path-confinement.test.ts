import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { issueAgentCredential } from "@/lib/services/agent-credentials/issue-agent-credential";
import { voteOnRequest } from "@/lib/services/approvals/vote-on-request";
import { createGrant } from "@/lib/services/grants/create-grant";
import { revokeGrant } from "@/lib/services/grants/revoke-grant";
import { createToken } from "@/lib/services/tokens/create-token";
import { hashSecret } from "@/lib/crypto/prefixed-secret";
import { updateTool } from "@/lib/services/tools/update-tool";
import {
  connectAgent,
  liveTools,
  refusal,
  rejection,
  textOf,
  until,
  type Connected,
} from "@/lib/testing/gateway-clients";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedTeam, seedUser } from "@/prisma/seed/factories";
import { demoFileRoots } from "@/prisma/seed/gateway-demo";
import { writeDemoFiles } from "@/prisma/seed/demo-files";
import { seedReferenceServer } from "@/prisma/seed/gateway-fixture";
import { seedAgent } from "@/prisma/seed/registry-factories";
import type { McpError } from "@modelcontextprotocol/sdk/types.js";
import { wardenApi } from "@/scripts/lib/warden-api";
import { ZGatewayConfig } from "./config";
import { startHttpGateway, type RunningGateway } from "./gateway";

const sys = systemActor("test");
const SERVER = "node_modules/@modelcontextprotocol/server-filesystem/dist/index.js";
const SECRET_ROW = "A. Example,platform,100000";
// The listener's Host check names its configured port, so the gateway takes a fixed one (near this
// branch's e2e port); Warden's API takes a free one.
const GATEWAY_PORT = 3501;

/**
 * What a path rule promises against a local attacker who can write inside the root: the gateway
 * resolves a path as the file system will, decides again after an approval wait, and confines
 * server-filesystem itself with MCP roots, so a swap between the check and the read finds a server
 * that refuses it too.
 */
describeWithDatabase("Gateway path confinement (equivalent names, races, approval waits, MCP roots)", () => {
  const warden = wardenApi(0);
  let gw: RunningGateway;
  let files: string;
  let w: Awaited<ReturnType<typeof seed>>;
  const open: Connected[] = [];
  const children: ChildProcess[] = [];
  const agent = async (onBehalfOf?: string) => {
    const c = await connectAgent(`${gw.url}/mcp/${w.filesystem.slug}`, w.key, onBehalfOf);
    open.push(c);
    return c.client;
  };
  const at = (...p: string[]) => path.join(files, ...p);

  async function seed() {
    const team = await seedTeam();
    const filesystem = await seedReferenceServer("filesystem", {
      slug: `files-${team.slug}`,
      ownerTeamId: team.id,
      tools: (await liveTools("node", [SERVER, files])) as never,
    });
    const a = await seedAgent({ teamId: team.id, assertsUsers: true });
    await createGrant(sys, {
      agentId: a.id,
      serverId: filesystem.id,
      allowedTools: ["read_text_file", "write_file", "list_allowed_directories"],
      // write_file says it is destructive (it overwrites): a delete, by its annotations.
      allowedOperations: ["read", "write", "delete"],
      argumentRules: [{ kind: "path", arguments: ["path"], ...demoFileRoots(files) }],
    });
    const write = await db().tool.findFirstOrThrow({ where: { serverId: filesystem.id, name: "write_file" } });
    await updateTool(sys, write.id, { riskOverride: "MEDIUM", requiresApproval: true, reason: "writes wait" });
    const token = await createToken(sys, {
      name: `pc-${team.slug}`,
      scopes: ["bundle", "decide", "ingest", "manifest"],
      expiresInDays: 1,
    });
    return { filesystem, agent: a, token: token.token, key: (await issueAgentCredential(sys, a.id)).secret };
  }

  beforeAll(async () => {
    files = realpathSync(mkdtempSync(path.join(tmpdir(), "warden-confine-")));
    writeDemoFiles(files);
    symlinkSync(at("private", "salaries.csv"), at("public", "donn\u00e9e"));
    await warden.start();
    w = await seed();
    gw = await startHttpGateway(
      ZGatewayConfig.parse({
        warden: { url: warden.url, token: w.token },
        listen: `127.0.0.1:${GATEWAY_PORT}`,
        spool_dir: mkdtempSync(path.join(tmpdir(), "warden-confine-spool-")),
        ship_interval_ms: 100,
        approval_wait_seconds: 20,
        decide_tokens_sha256: [hashSecret(w.token)],
        upstreams: { [w.filesystem.slug]: { command: "node", args: [SERVER, files] } },
      }),
      () => {},
    );
    await until(async () => (await fetch(`${gw.url}/healthz`)).ok || undefined, 20_000);
  }, 90_000);

  afterAll(async () => {
    for (const c of children) c.kill("SIGKILL");
    await Promise.all(open.map((c) => c.close().catch(() => {})));
    await gw?.close();
    await warden.stop();
  });

  it("gives server-filesystem the rule's roots, and new ones when the bundle changes them", async () => {
    const fs = await agent();
    const allowed = async () =>
      textOf(await fs.callTool({ name: "list_allowed_directories", arguments: {} }))
        .join("")
        .split("\n")
        .slice(1);
    expect(await allowed()).toEqual([at("public")]);
    // A second grant's path rule widens what this agent's upstream session may reach: the union.
    const wider = await createGrant(sys, {
      agentId: w.agent.id,
      serverId: w.filesystem.id,
      allowedTools: ["list_directory"],
      allowedOperations: ["read"],
      argumentRules: [{ kind: "path", arguments: ["path"], roots: [at("private")] }],
    });
    const widened = await until(async () => {
      const dirs = await allowed();
      return dirs.length === 2 ? dirs : undefined;
    }, 10_000);
    expect(widened.value.sort()).toEqual([at("private"), at("public")]);
    // The server now takes a relative path against private/ first: salaries.csv would be the private
    // file, though the rule's base (public/) has none. A relative path must hold against every root.
    const read = (p: string) => fs.callTool({ name: "read_text_file", arguments: { path: p } });
    const relative = await rejection(read("salaries.csv"));
    expect(relative.data.rule).toBe("path_not_allowed");
    expect(relative.message).toMatch(/send an absolute path/);
    expect(textOf(await read(at("public", "readme.txt"))).join("")).toContain("Files the demo agent may read");
    await revokeGrant(sys, wider.id, { reason: "the test is done with it" });
    await until(async () => ((await allowed()).length === 1 ? true : undefined), 10_000);
  });

  it("refuses a relative path while the server took no roots: it resolves it against its own folders", async () => {
    const fs = await agent();
    const read = (p: string) => fs.callTool({ name: "read_text_file", arguments: { path: p } });
    // A second grant of this agent without a path rule: no roots can confine its session, so the server
    // is given none and takes a relative path against folders of its own configuration, where
    // `private/salaries.csv` may be the private file (the rule's base, public/, would have checked it
    // as public/private/salaries.csv, inside its root).
    const open = await createGrant(sys, {
      agentId: w.agent.id,
      serverId: w.filesystem.id,
      allowedTools: ["list_directory"],
      allowedOperations: ["read"],
    });
    try {
      // Until the bundle with the new grant arrives, the server still has public/ and finds no such file.
      const refused = await until(async () => {
        const error = await read("private/salaries.csv").then(
          () => undefined,
          (e: unknown) => e as McpError & { data?: { rule?: string } },
        );
        return error?.data?.rule === "arguments_unverifiable" ? error : undefined;
      }, 10_000);
      expect(refused.value.message).toMatch(/took no MCP roots/);
      expect(textOf(await read(at("public", "readme.txt"))).join("")).toContain("Files the demo agent may read");
    } finally {
      await revokeGrant(sys, open.id, { reason: "the test is done with it" });
    }
    // Roots again: a relative path is taken against public/ by both.
    await until(async () => {
      const answer = await read("readme.txt").catch(() => undefined);
      return answer && textOf(answer).join("").includes("Files the demo agent may read") ? true : undefined;
    }, 10_000);
  });

  it("refuses an equivalent spelling (NFD) of a link out of the root", async () => {
    const fs = await agent();
    const nfd = "donn\u00e9e".normalize("NFD");
    expect(await refusal(fs.callTool({ name: "read_text_file", arguments: { path: nfd } }))).toBe(
      "arguments_unverifiable",
    );
  });

  it("returns no private byte while public/x.csv is swapped with a link to private/ during 200 reads", async () => {
    const fs = await agent();
    writeFileSync(at("public", "x.csv"), "public,row\n");
    // The attacker: a separate process, so swaps land between the gateway's check and the server's read.
    const swapper = spawn(process.execPath, [
      "-e",
      `const fs = require("node:fs");
       const [x, secret] = process.argv.slice(1);
       const pause = new Int32Array(new SharedArrayBuffer(4));
       for (let i = 0; ; i++) {
         const tmp = x + ".tmp";
         if (i % 2) fs.symlinkSync(secret, tmp); else fs.writeFileSync(tmp, "public,row\\n");
         fs.renameSync(tmp, x);
         Atomics.wait(pause, 0, 0, i % 5); // 0 to 4 ms: swaps land anywhere in a call
       }`,
      at("public", "x.csv"),
      at("private", "salaries.csv"),
    ]);
    children.push(swapper);
    const why: string[] = [];
    const tally = { public: 0, withheldAfterSwap: 0, refusedByGateway: 0, refusedByServer: 0, leaked: 0 };
    for (let i = 0; i < 200; i++) {
      const result = await fs.callTool({ name: "read_text_file", arguments: { path: "x.csv" } }).then(
        (r) => r,
        (e: { data?: { rule?: string }; message: string }) => {
          why.push(e.data?.rule ?? e.message);
          return null;
        },
      );
      if (result?.isError) why.push(textOf(result).join("").slice(0, 80));
      const text = result ? textOf(result).join("") : "";
      if (text.includes("salary") || text.includes(SECRET_ROW)) tally.leaked++;
      else if (!result && why.at(-1) === "path_changed") tally.withheldAfterSwap++;
      else if (!result) tally.refusedByGateway++;
      else if (result.isError) tally.refusedByServer++;
      else tally.public++;
    }
    swapper.kill("SIGKILL");
    console.log("swap race, 200 reads:", tally);
    expect(tally.leaked).toBe(0);
    expect(tally.refusedByGateway + tally.refusedByServer + tally.withheldAfterSwap).toBeGreaterThan(0);
  }, 120_000);

  it("refuses a write whose path became a symlink out of the root while it waited for approval", async () => {
    const approver = await seedUser({ roles: ["APPROVER"] });
    const fs = await agent("alice@corp.example");
    const before = readFileSync(at("private", "salaries.csv"), "utf8");
    const call = fs.callTool({ name: "write_file", arguments: { path: "report.txt", content: "overwritten\n" } });
    const request = await until(
      async () =>
        (await db().approvalRequest.findFirst({
          where: { kind: "TOOL_CALL", serverId: w.filesystem.id, toolName: "write_file", status: "PENDING" },
        })) ?? undefined,
      10_000,
    );
    // During the wait, public/report.txt appears as a link to the private file.
    symlinkSync(at("private", "salaries.csv"), at("public", "report.txt"));
    await voteOnRequest({ type: "USER", ...approver }, request.value.id, { decision: "approve" });
    expect(await refusal(call)).toBe("path_not_allowed");
    expect(readFileSync(at("private", "salaries.csv"), "utf8")).toBe(before);

    // A write left alone runs once approved (writing changes the file: that is no swap).
    const fresh = fs.callTool({ name: "write_file", arguments: { path: "fresh.txt", content: "fresh\n" } });
    const next = await until(
      async () =>
        (await db().approvalRequest.findFirst({
          where: { kind: "TOOL_CALL", serverId: w.filesystem.id, toolName: "write_file", status: "PENDING" },
        })) ?? undefined,
      10_000,
    );
    await voteOnRequest({ type: "USER", ...approver }, next.value.id, { decision: "approve" });
    expect((await fresh).isError).toBeFalsy();
    expect(readFileSync(at("public", "fresh.txt"), "utf8")).toBe("fresh\n");
  }, 60_000);

  it("binds an approval to the arguments as sent: an own __proto__ key makes another call, in Warden and in the sidecar", async () => {
    const approver = await seedUser({ roles: ["APPROVER"] });
    // Raw JSON bodies, as a gateway or a sidecar's caller sends them: JSON.parse makes __proto__ an own key.
    const ask = async (url: string, args: string) => {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${w.token}` },
        body: `{"agent":"${w.agent.clientId}","server":"${w.filesystem.slug}","tool":"write_file","onBehalfOf":"carol@corp.example","arguments":${args}}`,
      });
      return (await res.json()) as { decision: string; approvalId?: string };
    };
    const plain = `{"path":"proto.txt","content":"plain\\n"}`;
    const smuggled = `{"path":"proto.txt","content":"plain\\n","__proto__":{"mode":"0777"}}`;
    const first = await ask(`${warden.url}/api/v1/decisions`, plain);
    expect(first.decision).toBe("pending");
    await voteOnRequest({ type: "USER", ...approver }, first.approvalId!, { decision: "approve" });
    const second = await ask(`${warden.url}/api/v1/decisions`, smuggled);
    expect(second).toMatchObject({ decision: "pending" });
    expect(second.approvalId).not.toBe(first.approvalId);
    // The sidecar asks Warden for approvals: the same call joins the same pending request.
    expect(await ask(`${gw.url}/v1/decide`, smuggled)).toMatchObject({
      decision: "pending",
      approvalId: second.approvalId,
    });
    // The approved call itself is still allowed, once.
    expect(await ask(`${warden.url}/api/v1/decisions`, plain)).toMatchObject({
      decision: "allow",
      approvalId: first.approvalId,
    });
    expect((await db().approvalRequest.findUniqueOrThrow({ where: { id: first.approvalId! } })).status).toBe(
      "CONSUMED",
    );
  });
});
