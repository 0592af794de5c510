import { describe, expect, it } from "vitest";
import { detectSecret } from "./secret-detector";

// Test values are assembled at run time so that no secret-shaped literal sits in the repository.
const rnd = (n: number, chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") =>
  Array.from({ length: n }, (_, i) => chars[(i * 7 + 3) % chars.length]).join("");

describe("secret detector", () => {
  it.each([
    ["AKIA" + rnd(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), "an AWS access key ID"],
    ["ghp_" + rnd(36), "a GitHub token"],
    ["xoxb-" + "1234567890-" + rnd(24), "a Slack token"],
    ["sk_live_" + rnd(24), "a Stripe key"],
    ["eyJhbGciOiJIUzI1NiJ9." + "eyJzdWIiOiIxMjM0NTY3ODkwIn0." + rnd(43), "a JWT"],
    ["-----BEGIN RSA PRIVATE KEY-----\nMIIE...", "a private key"],
    ["password=hunter2", "a password or key assignment"],
    ["api_key: abc123", "a password or key assignment"],
    ["password: 123456", "a password or key assignment"],
    ["db_pass:falsehood", "a password or key assignment"],
    ["postgres://app:s3cretpw@db.internal/app", "a URL with an embedded password"],
    ["Zx9" + "q8W7e6R5t4Y3u2I1o0PaSdFgHjKlZxCvBnM", "a high-entropy string (key material)"],
  ])("rejects %s", (value, what) => {
    expect(detectSecret(value)).toBe(what);
  });

  it.each([
    "dynamic_secret: false",
    "password: null",
    'token: ""',
    "secret: none",
    "secret/mcp/salesforce/support-agent",
    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/github-app-AbCdEf",
    "https://corp-kv.vault.azure.net/secrets/jira-api-token",
    "projects/acme-prod/secrets/slack-bot-token/versions/latest",
    "GITHUB_TOKEN",
    "kv/data/platform/postgres-prod/readonly",
  ])("accepts the reference %s", (value) => {
    expect(detectSecret(value)).toBeNull();
  });

  // Issue 9: what slipped through before the detector was made the one for every reference and URL.
  const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  it.each([
    ["a bare 40-character AWS secret access key", rnd(40, b64)],
    ["a long hex key", rnd(48, "0123456789abcdef")],
    ["a long base64 key with padding", rnd(44, b64) + "=="],
    ["a base64url key", rnd(43, b64.slice(0, 62) + "-_")],
    ["an access key joined to text", "aws_" + "AKIA" + rnd(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")],
    ["a GitHub token joined to text", "key_" + "ghp_" + rnd(36)],
    ["a password in a path", "secret/team/password/hunter2/x"],
    ["a password in a path, first segment", "password/hunter2"],
    ["a password without a space", "pwd:hunter2"],
    ["user:pass@ in a URL", "https://svc:" + "hunter2@siem.corp.example/ingest"],
    ["an empty user and a password in a URL", "https://:" + "hunter2@hooks.corp.example/x"],
    ["a token in a query string", "https://siem.corp.example/in?token=" + rnd(12)],
  ])("rejects %s", (_, value) => {
    expect(detectSecret(value)).not.toBeNull();
  });

  it.each([
    "https://mcp.corp.example/crm",
    "https://siem.corp.example:8088/services/collector",
    "https://hooks.slack.com/services/T000/B000/" + rnd(24),
    "npx -y @modelcontextprotocol/server-everything stdio",
    "vault://kv/data/team/passwords-rotation-policy",
    "arn:aws:iam::123456789012:role/mcp-gateway",
  ])("accepts the URL or command %s", (value) => {
    expect(detectSecret(value)).toBeNull();
  });

  it("guards every field that holds a reference or a URL", async () => {
    const { ZCreateServerInput } = await import("@/lib/schemas/server");
    const { ZCreateWebhookInput } = await import("@/lib/schemas/webhook");
    const { ZPolicyDocument } = await import("@/lib/schemas/policy");
    const { ZCreateCredentialInput } = await import("@/lib/schemas/credential");
    const withPassword = "https://svc:" + "hunter2@siem.corp.example/in";
    const server = { slug: "crm", name: "CRM", environment: "DEV", transport: "STREAMABLE_HTTP" };
    expect(ZCreateServerInput.safeParse({ ...server, endpoint: withPassword }).success).toBe(false);
    expect(
      ZCreateServerInput.safeParse({ ...server, endpoint: "https://mcp.corp.example", siemForward: withPassword })
        .success,
    ).toBe(false);
    expect(ZCreateServerInput.safeParse({ ...server, endpoint: "https://mcp.corp.example" }).success).toBe(true);
    expect(
      ZCreateWebhookInput.safeParse({ name: "w", url: withPassword, events: ["approval.requested"] }).success,
    ).toBe(false);
    const audit = { log_all_calls: true, log_response_summary: false, retention_days: 30, siem_forward: withPassword };
    const doc = {
      mcp_server: {
        name: "crm",
        permissions: {},
        access_control: { requires_active_session: false, high_risk_approval: true },
        audit,
      },
    };
    expect(ZPolicyDocument.safeParse(doc).success).toBe(false);
    const credential = { provider: "HASHICORP_VAULT", kind: "API_KEY", rotationDays: 30, environment: "DEV" };
    const rejected = ZCreateCredentialInput.safeParse({ ...credential, reference: rnd(40, b64) });
    expect(rejected.success).toBe(false);
    expect(JSON.stringify(rejected.error)).not.toContain(rnd(40, b64));
  });
});
