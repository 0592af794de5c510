import { readdirSync } from "node:fs";
import path from "node:path";
import { stringify as toYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { ZPolicyDocument } from "@/lib/schemas/policy";
import { NOT_SECRETS, SECRET_SAMPLES } from "@/lib/testing/secret-samples";
import { placeAt, stringPaths } from "@/lib/testing/zod-string-paths";
import { assertNoSecrets, type RouteOptions } from "./with-route";

type Options = RouteOptions<z.ZodType | undefined, z.ZodType | undefined>;

/** Every route of the app with a JSON body, found on disk, with the options withRoute was given. */
async function routesWithBodies() {
  const root = path.resolve("app/api");
  const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith("route.ts"));
  const routes: { name: string; options: Options }[] = [];
  for (const file of files) {
    const mod = (await import(path.join(root, file))) as Record<string, unknown>;
    for (const [method, handler] of Object.entries(mod)) {
      const options = (handler as { options?: Options } | undefined)?.options;
      if (options?.body) routes.push({ name: `${method} /api/${path.dirname(file)}`, options });
    }
  }
  return routes;
}

const routes = await routesWithBodies();

function refusal(body: unknown, options: Options): AppError | null {
  try {
    assertNoSecrets(body, options.secretsAllowed);
    return null;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

describe("the secret check at the route edge", () => {
  it("finds the routes and the text fields of their schemas", () => {
    expect(routes.length).toBeGreaterThan(25);
    const fields = routes.reduce((n, r) => n + stringPaths(r.options.body!).length, 0);
    expect(fields).toBeGreaterThan(80);
  });

  it("lets only these routes take secret values, each for a stated reason", () => {
    const allowed = Object.fromEntries(
      routes.filter((r) => r.options.secretsAllowed).map((r) => [r.name, Object.keys(r.options.secretsAllowed!)]),
    );
    expect(allowed).toEqual({
      "POST /api/console/users": ["password"],
      "POST /api/console/tools/[id]/review": ["definitionHash"],
      "POST /api/console/tools/bulk-review": ["tools"],
      "POST /api/console/servers/[slug]/manifest": ["tokensOnly"],
      "POST /api/v1/servers/[slug]/manifest": ["tokensOnly"],
      "POST /api/v1/decisions": ["all"],
    });
  });

  // Every route x every text field of its schema x every class of secret: a 422 naming that field.
  for (const route of routes) {
    const paths = stringPaths(route.options.body!);
    it(`${route.name}: refuses a secret of each class in each of its ${paths.length} text fields`, () => {
      const allowed = route.options.secretsAllowed;
      let refused = 0;
      for (const p of paths.length > 0 ? paths : [["x"]]) {
        const field = p.length > 0 ? p.join(".") : "_";
        for (const sample of SECRET_SAMPLES) {
          const error = refusal(placeAt(p, sample.value), route.options);
          const exempt =
            !!allowed &&
            ("all" in allowed || Object.hasOwn(allowed, p[0]) || ("tokensOnly" in allowed && !sample.token));
          if (exempt) {
            expect(error, `${field} ${sample.name}`).toBeNull();
            continue;
          }
          expect(error?.status, `${field} ${sample.name}`).toBe(422);
          expect(error?.fields?.[field], `${field} ${sample.name}`).toMatch(/contains .+\. Warden never stores/);
          expect(error?.message).toContain(field);
          expect(JSON.stringify(error?.fields) + error?.message).not.toContain(sample.value);
          refused++;
        }
      }
      if (!allowed) expect(refused).toBe(Math.max(paths.length, 1) * SECRET_SAMPLES.length);
    });
  }

  it("accepts credential references and ordinary text in every field", () => {
    for (const route of routes)
      for (const p of stringPaths(route.options.body!))
        for (const value of NOT_SECRETS) expect(refusal(placeAt(p, value), route.options), value).toBeNull();
  });

  it("refuses a secret in an object key, an unknown field, and deep inside free-form JSON, without echoing it", () => {
    for (const sample of SECRET_SAMPLES) {
      const key = refusal({ attributes: { [sample.value]: "v" } }, {} as Options);
      expect(key?.fields).toHaveProperty("attributes");
      expect(JSON.stringify(key?.fields) + key?.message).not.toContain(sample.value);
      expect(refusal({ extra: sample.value }, {} as Options)?.fields).toHaveProperty("extra");
      expect(refusal({ a: [{ b: { c: sample.value } }] }, {} as Options)?.fields).toHaveProperty("a.0.b.c");
    }
  });

  it("accepts the policy YAML Warden itself exports: a setting named for a secret is not a secret", () => {
    const policy = routes.find((r) => r.name === "POST /api/console/servers/[slug]/policy")!;
    for (const dynamic of ["false", "true"]) {
      const yaml = toYaml({
        mcp_server: {
          name: "Orders",
          description: "",
          credential: {
            vault_path: "secret/mcp/orders/orders-1",
            rotation_days: 30,
            dynamic_secret: dynamic === "true",
          },
          permissions: { allowed_objects: [], allowed_operations: [], denied_fields: ["card_number"] },
          access_control: { requires_active_session: false, high_risk_approval: true },
          audit: { log_all_calls: true, log_response_summary: false, retention_days: 365 },
        },
      });
      expect(yaml).toContain(`dynamic_secret: ${dynamic}`);
      expect(refusal({ yaml, apply: false }, policy.options)).toBeNull();
    }
  });

  it("refuses a secret anywhere in a policy YAML document, naming the yaml field", () => {
    const policy = routes.find((r) => r.name === "POST /api/console/servers/[slug]/policy")!;
    for (const p of stringPaths(ZPolicyDocument))
      for (const sample of SECRET_SAMPLES) {
        const error = refusal({ yaml: toYaml(placeAt(p, sample.value)), apply: false }, policy.options);
        expect(error?.status, `${p.join(".")} ${sample.name}`).toBe(422);
        expect(error?.fields).toHaveProperty("yaml");
      }
  });
});
