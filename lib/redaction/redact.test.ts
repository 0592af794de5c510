import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { canonicalJson } from "@/lib/crypto/canonical-json";
import { isSensitiveKey, redact, redactAll, redactText, REDACTED, TOO_DEEP } from "./redact";

// Secret-shaped values are assembled at run time so that none sits in the repository.
const rnd = (n: number, chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") =>
  Array.from({ length: n }, (_, i) => chars[(i * 7 + 3) % chars.length]).join("");
const akia = "AKIA" + rnd(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");

describe("the one redaction module", () => {
  it("redacts sensitive keys the audit found stored in clear, and keeps look-alikes", () => {
    for (const key of ["cookie", "Cookie", "set-cookie", "Set-Cookie", "pwd", "otp", "userOtp", "mfa_code", "dsn"])
      expect(isSensitiveKey(key), key).toBe(true);
    for (const key of ["footprint", "sessionId", "server", "tool", "description", "dsname"])
      expect(isSensitiveKey(key), key).toBe(false);
    expect(redact({ headers: { cookie: "sid=abc", "set-cookie": "sid=def" }, pwd: "x", otp: "123456" })).toEqual({
      headers: { cookie: REDACTED, "set-cookie": REDACTED },
      pwd: REDACTED,
      otp: REDACTED,
    });
  });

  it.each([
    ["a DSN with a password", "postgres://app:s3cretpw@db.internal/app", `postgres://app:${REDACTED}@db.internal/app`],
    [
      "a URL with user:pass",
      "fetch https://svc:hunter2@api.example/x failed",
      `fetch https://svc:${REDACTED}@api.example/x failed`,
    ],
    ["a key=value DSN", "host=db user=app password=hunter2 dbname=x", `host=db user=app password=${REDACTED} dbname=x`],
    [
      "a query-string token",
      "GET /cb?code=1&access_token=abc123def&x=1",
      `GET /cb?code=1&access_token=${REDACTED}&x=1`,
    ],
    ["JSON inside a string", '{"password":"hunter2","user":"a"}', `{"password":"${REDACTED}","user":"a"}`],
    ["a bearer header", "Authorization: Bearer abcdefghijklmnop", `Authorization: Bearer ${REDACTED}`],
    ["a token inside text", `used key ${akia} today`, `used key ${REDACTED} today`],
    ["a token joined to text", `aws_${akia}`, `aws_${REDACTED}`],
    ["an SSN", "ssn 123-45-6789", `ssn ${REDACTED}`],
    ["a card number", "card 4111 1111 1111 1111", `card ${REDACTED}`],
  ])("masks %s inside strings", (_, input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it("keeps what is not secret: ids, hashes, numbers that fail Luhn, references", () => {
    const keep = [
      "order 1234567890123",
      "6f1c2d3e-0000-4000-8000-000000000001",
      "a".repeat(64),
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/github-app",
      "the token expired",
    ];
    for (const s of keep) expect(redactText(s)).toBe(s);
  });

  it("masks secrets inside a response summary and in decision-style arguments", () => {
    const out = redact({
      arguments: { query: "SELECT * FROM t WHERE ssn = '123-45-6789'", note: "card 4111-1111-1111-1111" },
      responseSummary: `{"rows":1,"apiKey":"${rnd(20)}","dsn":"mysql://root:toor@db/x"}`,
    });
    expect(JSON.stringify(out)).not.toMatch(/123-45-6789|4111-1111|toor/);
    expect(JSON.stringify(out)).not.toContain(rnd(20));
  });

  it("walks 10,000-deep documents without overflowing: redact cuts them, canonicalJson refuses them", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const cut = JSON.stringify(redact(deep));
    expect(cut).toContain(TOO_DEEP);
    expect(() => canonicalJson(deep)).toThrow(AppError);
    expect(() => canonicalJson(redact({ a: deep }))).not.toThrow();
  });

  it("skips only strings no pattern could touch: the quick screen never changes an answer", () => {
    const fragments = [
      "AKIA",
      "ABCDEFGHIJKLMNOP",
      "ghp_",
      "github_pat_",
      "xoxb-",
      "sk_live_",
      "sk-",
      "glpat-",
      "wdn_",
      "wag_",
      "eyJ",
      ".",
      "-----BEGIN RSA PRIVATE KEY-----",
      "AIza",
      "PASSWORD",
      "Token",
      "api_key",
      "access-key",
      "otp",
      "Bearer ",
      "basic ",
      "postgres://u:",
      "@host",
      "=",
      ": ",
      '":"',
      "123",
      "-",
      "45",
      "6789",
      "4111 1111 1111 1111",
      " ",
      // one whole token of each shape, so a screen that forgets a prefix is caught
      "AKIAABCDEFGHIJKLMNOP",
      `ghp_${"a".repeat(36)}`,
      `github_pat_${"a".repeat(30)}`,
      "xoxb-1234567890ab",
      `sk_live_${"a".repeat(16)}`,
      `sk-${"a".repeat(24)}`,
      `glpat-${"a".repeat(20)}`,
      `wdn_${"a".repeat(24)}`,
      `wag_${"a".repeat(24)}`,
      "eyJhbGciOiJI.eyJzdWIiOiIx.c2lnbmF0dXJl",
      `AIza${"a".repeat(35)}`,
      "078-05-1120",
      "x",
      "Z9",
      "_",
      "a".repeat(20),
      "0".repeat(13),
      // the disguises: normalisation, escapes, spacing, encodings, CSV, other separators
      "\uff47\uff48\uff50\uff3f",
      "\u200b",
      "\u00e9",
      "%67%68",
      "\\u0067",
      "&#103;",
      "g h p _ ",
      "  ",
      "\n",
      "user,password\n",
      "a;cvv\n",
      "67:68:70:5f:",
      "6768",
      "Z2hwX",
      "H4sI",
      "123.45.6789",
      "4111.1111.1111.1111",
      "db_pass: ",
      "--password ",
      "<pwd>",
      "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    ];
    const text = fc.array(fc.constantFrom(...fragments), { maxLength: 6 }).map((xs) => xs.join(""));
    fc.assert(
      fc.property(fc.oneof(text, fc.string()), (s) => {
        expect(redactText(s)).toBe(redactAll(s));
      }),
      { numRuns: 5000 },
    );
  });
});
