import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export type RouteEntry = {
  /** e.g. /api/console/servers/[slug]/status */
  pattern: string;
  methods: string[];
  /** Names of the dynamic segments, in order (`[...x]` as x). */
  params: string[];
  auth: "session" | "token" | "public" | "next-auth";
};

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function* routeFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* routeFiles(full);
    else if (entry.name === "route.ts") yield full;
  }
}

/** The methods a route module exports, read from its source (`export const POST`, `export { h as GET }`). */
function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|(?:async\s+)?function)\s+([A-Z]+)\b/g)) found.add(m[1]);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g))
    for (const part of m[1].split(","))
      found.add(
        part
          .trim()
          .split(/\s+as\s+/)
          .pop()!
          .trim(),
      );
  return METHODS.filter((method) => found.has(method));
}

/**
 * Every route handler under app/api, found at run time: a new route is fuzzed without anyone
 * remembering to list it.
 */
export function routeTable(root = path.join(process.cwd(), "app", "api")): RouteEntry[] {
  const routes: RouteEntry[] = [];
  for (const file of routeFiles(root)) {
    const source = readFileSync(file, "utf8");
    const rel = path.relative(path.join(root, ".."), path.dirname(file)).split(path.sep);
    const segments = rel.filter((s) => !/^\(.*\)$/.test(s));
    const pattern = "/" + segments.join("/");
    const params = segments.filter((s) => s.startsWith("[")).map((s) => s.replace(/^\[(\.\.\.)?|\]$/g, ""));
    const auth = source.includes("NextAuth(")
      ? "next-auth"
      : /auth:\s*"token"/.test(source)
        ? "token"
        : source.includes("withRoute") || source.includes("suspensionRoute")
          ? "session"
          : "public";
    routes.push({ pattern, methods: exportedMethods(source), params, auth });
  }
  return routes.sort((a, b) => a.pattern.localeCompare(b.pattern));
}
