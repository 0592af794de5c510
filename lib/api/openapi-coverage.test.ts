import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import * as PrismaEnums from "@/lib/generated/prisma/enums";
import { openApiDocument } from "./openapi";
import type { RouteOptions } from "./with-route";

type Options = RouteOptions<z.ZodType | undefined, z.ZodType | undefined>;

/**
 * What the services (and the OTLP decoder) behind each machine route throw themselves, beyond what
 * withRoute answers from the route's options. CONFLICT: a write that loses a race (P2002, P2034).
 */
const FROM_SERVICES: Record<string, ErrorCode[]> = {
  "POST /api/v1/decisions": ["CONFLICT"],
  "GET /api/v1/approvals/{id}": ["NOT_FOUND"],
  "POST /api/v1/servers/{slug}/manifest": ["NOT_FOUND", "UNPROCESSABLE", "CONFLICT"],
  "GET /api/v1/policy/bundle": ["UNAVAILABLE", "CONFLICT"],
  "POST /api/v1/audit/events": ["BAD_REQUEST", "PAYLOAD_TOO_LARGE", "CONFLICT"],
  "GET /api/v1/audit/verify": [],
  "POST /api/v1/otlp/v1/traces": ["BAD_REQUEST", "PAYLOAD_TOO_LARGE", "CONFLICT"],
  "POST /api/v1/otlp/v1/logs": ["BAD_REQUEST", "PAYLOAD_TOO_LARGE", "CONFLICT"],
};

/** The statuses withRoute itself can answer for a route with these options. */
function fromWithRoute(options: Options, route: string): ErrorCode[] {
  const codes: ErrorCode[] = options.auth === "token" ? ["UNAUTHORIZED", "FORBIDDEN"] : [];
  if (options.body || options.text) codes.push("BAD_REQUEST", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE");
  // The secret check answers 422 unless the whole body is exempt.
  if (options.body && !(options.secretsAllowed && "all" in options.secretsAllowed)) codes.push("UNPROCESSABLE");
  if (options.query) codes.push("BAD_REQUEST");
  // A path parameter that is not a UUID or slug names nothing: 404.
  if (route.includes("{")) codes.push("NOT_FOUND");
  return codes;
}

/** Every machine route on disk (app/api/v1), by method and OpenAPI path, with its withRoute options. */
async function machineRoutes() {
  const root = path.resolve("app/api/v1");
  const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith("route.ts"));
  const routes: { method: string; path: string; options: Options }[] = [];
  for (const file of files) {
    const mod = (await import(path.join(root, file))) as Record<string, unknown>;
    const openApiPath = `/api/v1/${path.dirname(file)}`.replace(/\[(\w+)\]/g, "{$1}");
    for (const [method, handler] of Object.entries(mod)) {
      const options = (handler as { options?: Options } | undefined)?.options;
      if (options) routes.push({ method, path: openApiPath, options });
    }
  }
  return routes;
}

/** Every `enum` list anywhere in a JSON Schema document. */
function enumsIn(node: unknown, found: unknown[][] = []): unknown[][] {
  if (Array.isArray(node)) node.forEach((n) => enumsIn(n, found));
  else if (node && typeof node === "object")
    for (const [key, value] of Object.entries(node)) {
      if (key === "enum" && Array.isArray(value)) found.push(value);
      else enumsIn(value, found);
    }
  return found;
}

describe("OpenAPI document coverage", () => {
  const doc = openApiDocument();
  const paths = doc.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;

  it("lists every status each machine route can answer", async () => {
    const routes = await machineRoutes();
    expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(Object.keys(FROM_SERVICES).sort());
    for (const route of routes) {
      const name = `${route.method} ${route.path}`;
      const operation = paths[route.path]?.[route.method.toLowerCase()];
      expect(operation, name).toBeDefined();
      const expected = new Set([...fromWithRoute(route.options, route.path), ...FROM_SERVICES[name]]);
      const documented = Object.keys(operation.responses);
      for (const code of expected) expect(documented, `${name} answers ${code}`).toContain(String(ERROR_STATUS[code]));
    }
  });

  it("spells every enum with all of its values, from the Prisma enums and the error codes", () => {
    const approval = paths["/api/v1/approvals/{id}"].get.responses[200] as {
      content: { "application/json": { schema: { properties: Record<string, { enum: string[] }> } } };
    };
    const state = approval.content["application/json"].schema.properties;
    expect(state.status.enum).toEqual(Object.values(PrismaEnums.ApprovalStatus));
    expect(state.kind.enum).toEqual(Object.values(PrismaEnums.ApprovalKind));

    const listed = enumsIn(doc);
    expect(listed).toContainEqual([...Object.keys(ERROR_STATUS), "INTERNAL"]);
    // An enum drawn from a Prisma enum must carry all of it: a hand-written copy that lost a value fails.
    const prismaEnums: string[][] = Object.values(PrismaEnums)
      .filter((e) => typeof e === "object")
      .map((e) => Object.values(e));
    for (const values of listed) {
      const within = prismaEnums.filter((p) => values.length > 1 && values.every((v) => p.includes(v as string)));
      if (within.length === 0) continue;
      expect(
        within.some((p) => p.length === values.length),
        `${values.join(", ")} is part of a Prisma enum`,
      ).toBe(true);
    }
  });
});
