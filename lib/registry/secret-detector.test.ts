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
    ["postgres://app:s3cretpw@db.internal/app", "a URL with an embedded password"],
    ["Zx9" + "q8W7e6R5t4Y3u2I1o0PaSdFgHjKlZxCvBnM", "a high-entropy string (key material)"],
  ])("rejects %s", (value, what) => {
    expect(detectSecret(value)).toBe(what);
  });

  it.each([
    "secret/mcp/salesforce/support-agent",
    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/github-app-AbCdEf",
    "https://corp-kv.vault.azure.net/secrets/jira-api-token",
    "projects/acme-prod/secrets/slack-bot-token/versions/latest",
    "GITHUB_TOKEN",
    "kv/data/platform/postgres-prod/readonly",
  ])("accepts the reference %s", (value) => {
    expect(detectSecret(value)).toBeNull();
  });
});
