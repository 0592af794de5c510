import { bodyAt } from "@/lib/audit/chain";
import { createHash, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DISGUISES, leakForms, secretClasses } from "@/lib/testing/secret-disguises";
import type { Outcome } from "@/lib/schemas/outcome";
import { prepareAudit } from "@/lib/audit/record-audit";
import { redact, redactText, REDACTED } from "./redact";

const samples = secretClasses();
const cases = samples.flatMap((s) => Object.keys(DISGUISES).map((d) => [s.name, d] as const));
const sample = (name: string) => samples.find((s) => s.name === name)!;

const leaks = (stored: string, core: string, disguise: string) =>
  leakForms(core, disguise).filter((f) => stored.includes(f));

describe("redaction of every secret class in every disguise", () => {
  it.each(cases)("%s, %s: masked as a value, inside a key and inside text", (name, disguise) => {
    const { text, core } = sample(name);
    const written = DISGUISES[disguise](text);
    expect(leaks(redactText(written), core, disguise)).toEqual([]);
    const stored = JSON.stringify(redact({ [written]: written, note: `see ${written} above`, list: [written] }));
    expect(leaks(stored, core, disguise)).toEqual([]);
  });

  it("masks the whole PEM block after Bearer, and a block cut short to the end of the text", () => {
    const pem = sample("PEM private key after Bearer");
    expect(redactText(`Authorization: ${pem.text}\nnext line`)).toBe(`Authorization: Bearer ${REDACTED}\nnext line`);
    const cut = sample("PEM private key cut short");
    expect(redactText(cut.text)).toBe(`key: ${REDACTED}`);
  });

  it("masks only the value column of a CSV password column, in every row", () => {
    const out = redactText("id;name;db_password\n1;alice;x1y2z3\n2;bob;q9w8e7\n\nafter");
    expect(out).toBe(`id;name;db_password\n1;alice;${REDACTED}\n2;bob;${REDACTED}\n\nafter`);
    expect(redactText('"user","Secret"\r\n"a","s1 s2"\r\n')).toBe(`"user","Secret"\r\n"a",${REDACTED}\r\n`);
  });

  it("masks a CSV password column quoted after prose on the header's line", () => {
    const out = redactText(
      "unknown_agent: agent (user,password,team\nalice,Kq7rTz9w,ops\nbob,Mn3vXc8p,dev) is unknown",
    );
    expect(out).toBe(
      `unknown_agent: agent (user,password,team\nalice,${REDACTED},ops\nbob,${REDACTED},dev) is unknown`,
    );
  });

  it.each([
    ["db_pass: hunter2x", `db_pass: ${REDACTED}`],
    ["DB_PASS=hunter2x", `DB_PASS=${REDACTED}`],
    ["passwd=hunter2x", `passwd=${REDACTED}`],
    ["pass: hunter2x", `pass: ${REDACTED}`],
    ["spring.datasource.password: hunter2x", `spring.datasource.password: ${REDACTED}`],
    ["MYSQL_PWD=hunter2x", `MYSQL_PWD=${REDACTED}`],
    ['{"db_pass" : "correct horse battery"}', `{"db_pass" : "${REDACTED}"}`],
    ["run --password hunter2x now", `run --password ${REDACTED} now`],
    ["<password>hunter2x</password>", `<password>${REDACTED}</password>`],
    ["secret_key=abc123def", `secret_key=${REDACTED}`],
  ])("masks the assignment %s", (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it("masks a card number written as a JSON integer, and keeps counts, times and ids", () => {
    const card = Number(sample("card number").core);
    expect(redact({ bytes: card, latencyMs: 12, at: 1_765_000_000_000, id: 123456789 })).toEqual({
      bytes: REDACTED,
      latencyMs: 12,
      at: 1_765_000_000_000,
      id: 123456789,
    });
  });

  it("reads a base64 run with junk glued to its end or its start", () => {
    const token = sample("GitHub token").core;
    const b64 = Buffer.from(`key ${token}`).toString("base64").replace(/=+$/, "");
    for (const written of [`${b64}x`, `${b64}-1`, `x${b64}`, `ab${b64}_`])
      expect(redactText(written), written).not.toContain(b64.slice(4, 24));
  });

  it("keeps two masked keys of one object apart", () => {
    const [a, b] = [sample("GitHub token").core, sample("Stripe key").core];
    expect(Object.keys(redact({ [a]: 1, [b]: 2 }) as object)).toEqual([REDACTED, `${REDACTED} (2)`]);
  });
});

describe("a secret found in one field of a record is masked in all of them", () => {
  const pw = "Qz8mWv2kLp4x";
  it.each([
    ["under a sensitive key", { after: { password: pw }, outcome: `rotated to ${pw}` }],
    ["after a CSV header", { after: { agent: `user,password\nalice,${pw}` }, outcome: `alice uses ${pw}` }],
    ["after password=", { after: { dsn: `password=${pw}` }, outcome: `pw ${pw.toLowerCase()} set` }],
  ])("%s, and quoted without its context elsewhere", (_, { after, outcome }) => {
    const [stored] = prepareAudit([
      {
        actor: { type: "USER", id: null, label: "a" },
        category: "ADMIN",
        action: "server.updated",
        // The type forbids free text here; the column is still redacted whatever a writer passes.
        outcome: outcome as Outcome,
        after,
        call: {
          eventId: `call ${pw}`,
          server: "s",
          tool: "t",
          agent: `agent ${pw}`,
          onBehalfOf: null,
          sessionId: null,
        },
      },
    ]);
    // The stored row is the hashed body (lib/audit/record-audit.ts): no column of it holds the secret.
    expect(bodyAt(stored.body, 1n).toLowerCase()).not.toContain(pw.toLowerCase());
    expect(stored.record.outcome).toContain(REDACTED);
    expect(stored.record.eventId).toMatch(/^redacted-id:/);
  });

  it("leaves short values and records without secrets as they were", () => {
    const [stored] = prepareAudit([
      {
        actor: { type: "USER", id: null, label: "a" },
        category: "ADMIN",
        action: "server.updated",
        after: { password: "abc", note: "abc def" },
      },
    ]);
    expect(stored.record.after).toEqual({ password: REDACTED, note: "abc def" });
  });
});

describe("what the audit log holds that is not secret stays as it is", () => {
  const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
  const keep = [
    ...Array.from({ length: 200 }, (_, i) => sha256(`tool-${i}`)),
    ...Array.from({ length: 200 }, (_, i) => sha256(`git-${i}`).slice(0, 40)),
    ...Array.from({ length: 100 }, () => randomUUID()),
    ...Array.from({ length: 50 }, (_, i) => createHash("sha256").update(`b-${i}`).digest("base64")),
    ...Array.from({ length: 50 }, (_, i) => `sha256:${sha256(`p-${i}`)}`),
    "redacted:3f2a9c0d1e4b5a6978877665544332211",
    "2026-11-02T10:00:00.000Z",
    "2026/11/02 10:00:00",
    "order 1234567890123",
    // Luhn-valid millisecond timestamps: 13 digits, but not a Visa number
    ...[1765000000007, 1700014814804, 1700022222206].map((ms) => `run-${ms}`),
    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/github-app",
    "arn:aws:iam::123456789012:role/mcp-gateway",
    "max_tokens=4096 temperature=0.2",
    "the token expired",
    "support-agent-prod",
    "query_records",
    "alice@corp.example",
    "Zürich, Genève: naïve café",
    "https://mcp.corp.example/crm?page=2",
    "10.0.0.1 192.168.100.200",
    "v1.2.3 build 45",
    "src/components/Button2/index/ReactThings",
    "Users/Alice/Documents/Project2/NotesFile",
    "SELECT id, name FROM accounts WHERE tier = 'gold' LIMIT 50",
    "user,team,role\nalice,ops,admin\nbob,dev,viewer",
    "The quick brown fox jumps over the lazy dog 12 times.",
  ];
  it.each(keep)("keeps %s", (s) => {
    expect(redactText(s)).toBe(s);
    expect(redact({ value: s, list: [s] })).toEqual({ value: s, list: [s] });
    expect(Object.keys(redact({ [s]: 1 }) as object)).toEqual([s]);
  });
});
