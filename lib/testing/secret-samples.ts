/**
 * One sample of each class of secret value Warden refuses to store, assembled at run time so that no
 * secret-shaped literal sits in the repository. `token`: the class is a token shape (TOKEN_PATTERNS).
 */
const rnd = (n: number, chars: string, seed = 3) =>
  Array.from({ length: n }, (_, i) => chars[(i * 7 + seed) % chars.length]).join("");
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const B64 = `${ALNUM}+/`;
// 40 characters of base64 with "/" and "+" inside, as AWS secret access keys have.
const awsSecret = `${rnd(9, ALNUM, 5)}/${rnd(14, ALNUM, 11)}+${rnd(15, ALNUM, 17)}`;

export type SecretSample = { name: string; value: string; token: boolean };

export const SECRET_SAMPLES: SecretSample[] = [
  { name: "AWS access key id", value: "AKIA" + rnd(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), token: true },
  { name: "AWS secret access key", value: awsSecret, token: false },
  { name: "GitHub token", value: "ghp_" + rnd(36, ALNUM), token: true },
  { name: "GitHub fine-grained token", value: "github_pat_" + rnd(40, ALNUM), token: true },
  { name: "Slack token", value: "xoxb-" + "1234567890-" + rnd(24, ALNUM), token: true },
  { name: "Stripe key", value: "sk_live_" + rnd(24, ALNUM), token: true },
  { name: "API secret key", value: "sk-proj-" + rnd(40, ALNUM), token: true },
  { name: "GitLab token", value: "glpat-" + rnd(20, ALNUM), token: true },
  { name: "Warden API token", value: "wdn_" + rnd(32, ALNUM), token: true },
  { name: "Google API key", value: "AIza" + rnd(35, ALNUM), token: true },
  { name: "JWT", value: "eyJhbGciOiJIUzI1NiJ9." + "eyJzdWIiOiIxMjM0NTY3ODkwIn0." + rnd(43, ALNUM), token: true },
  {
    name: "PEM private key",
    value: "-----BEGIN PRIVATE KEY-----\n" + rnd(64, B64) + "\n-----END PRIVATE KEY-----",
    token: true,
  },
  { name: "long hex key", value: rnd(48, "0123456789abcdef"), token: false },
  { name: "high-entropy key", value: "Zx9" + "q8W7e6R5t4Y3u2I1o0PaSdFgHjKlZxCvBnM", token: false },
  { name: "password assignment", value: "password=" + "hunter2", token: false },
  { name: "URL with user and password", value: "https://admin:" + "pw@siem.corp.example/x", token: false },
  {
    name: "URL with a token in the query",
    value: "https://siem.corp.example/in?token=ghp_" + rnd(36, ALNUM),
    token: true,
  },
  {
    name: "URL with an AWS secret key in the query",
    value: `https://api.corp.example/v1?key=${awsSecret}`,
    token: false,
  },
  {
    name: "URL with a percent-encoded AWS secret key",
    value: `https://api.corp.example/v1?key=${encodeURIComponent(awsSecret)}`,
    token: false,
  },
  { name: "free text with a token", value: "Service account for CI, uses ghp_" + rnd(36, ALNUM), token: true },
];

/** References and ordinary values that must still be accepted. */
export const NOT_SECRETS = [
  "secret/mcp/salesforce/support-agent",
  "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/github-app-AbCdEf",
  "https://corp-kv.vault.azure.net/secrets/jira-api-token",
  "projects/acme-prod/secrets/slack-bot-token/versions/latest",
  "kv/data/platform/postgres-prod/readonly",
  "https://siem.corp.example:8088/services/collector",
  "tcp://siem.corp.example:6514",
  "Customer support MCP server for the EU tenant",
  "repo:read",
];
