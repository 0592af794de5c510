import { expect, it } from "vitest";
import { POST as addCredential } from "@/app/api/console/servers/[slug]/credentials/route";
import { POST as createServer } from "@/app/api/console/servers/route";
import { POST as createSiemTarget } from "@/app/api/console/siem/route";
import { POST as createWebhook } from "@/app/api/console/webhooks/route";
import { db } from "@/lib/db/client";
import { SECRET_SAMPLES } from "@/lib/testing/secret-samples";
import { sessionCookie } from "@/lib/testing/session-cookie";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedUser } from "@/prisma/seed/factories";

type Handler = (req: Request, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response>;

const secret = (name: string) => SECRET_SAMPLES.find((s) => s.name === name)!.value;

/** Everything a refused request could have left behind, as text. */
async function stored() {
  const [servers, creds, siem, hooks, audit] = await Promise.all([
    db().mcpServer.findMany(),
    db().credentialRef.findMany(),
    db().siemTarget.findMany(),
    db().webhook.findMany(),
    db().auditEvent.findMany(),
  ]);
  return JSON.stringify({ servers, creds, siem, hooks, audit }, (_, v) => (typeof v === "bigint" ? String(v) : v));
}

describeWithDatabase("secret values through the real routes", () => {
  it("answers 422 naming the field for SIEM, webhook, server and credential fields, and stores nothing", async () => {
    const admin = await seedUser({ roles: ["ADMIN"] });
    const cookie = await sessionCookie(admin.id);
    const call = async (handler: Handler, body: unknown, params: Record<string, string> = {}) => {
      const res = await handler(
        new Request("http://localhost/api", {
          method: "POST",
          headers: { cookie, "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
        { params: Promise.resolve(params) },
      );
      return { status: res.status, body: (await res.json()) as { error?: { message: string; fields?: object } } };
    };
    const slug = `secrets-${Date.now().toString(36)}`;
    const server = {
      slug,
      name: "Orders",
      environment: "DEV",
      transport: "STREAMABLE_HTTP",
      endpoint: "https://mcp.corp.example/orders",
    };
    expect((await call(createServer, server)).status).toBe(201);
    const before = await stored();

    const cases: [Handler, unknown, string, Record<string, string>?][] = [
      [
        createSiemTarget,
        { name: "splunk", kind: "SPLUNK_HEC", url: secret("URL with user and password"), tokenEnv: "WARDEN_SIEM_X" },
        "url",
      ],
      [
        createSiemTarget,
        { name: "splunk", kind: "SPLUNK_HEC", url: secret("URL with a token in the query"), tokenEnv: "WARDEN_SIEM_X" },
        "url",
      ],
      [
        createWebhook,
        { name: "hook", url: secret("URL with an AWS secret key in the query"), events: ["approval.requested"] },
        "url",
      ],
      [
        createServer,
        { ...server, slug: `${slug}-2`, endpoint: secret("URL with an AWS secret key in the query") },
        "endpoint",
      ],
      [createServer, { ...server, slug: `${slug}-3`, description: secret("free text with a token") }, "description"],
      [createServer, { ...server, slug: `${slug}-4`, tags: ["ok", secret("AWS secret access key")] }, "tags.1"],
      [
        addCredential,
        {
          provider: "HASHICORP_VAULT",
          reference: "secret/mcp/orders",
          kind: "OAUTH_TOKEN",
          oauthScopes: ["read", secret("GitHub token")],
          rotationDays: 30,
          environment: "DEV",
        },
        "oauthScopes.1",
        { slug },
      ],
    ];
    for (const [handler, body, field, params] of cases) {
      const res = await call(handler, body, params);
      expect(res.status, field).toBe(422);
      expect(res.body.error?.fields, field).toHaveProperty([field]);
      expect(res.body.error?.message).toContain(`${field}: This contains`);
    }
    const after = await stored();
    expect(after).toBe(before);
    for (const s of SECRET_SAMPLES) expect(after).not.toContain(s.value);

    // References to a vault are what the field is for.
    for (const reference of [
      "secret/mcp/orders/api",
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders-AbCdEf",
      "https://corp-kv.vault.azure.net/secrets/orders-token",
      "projects/acme-prod/secrets/orders-token/versions/latest",
    ]) {
      const ok = await call(
        addCredential,
        { provider: "OTHER", reference, kind: "API_KEY", rotationDays: 30, environment: "DEV" },
        { slug },
      );
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    }
  });
});
