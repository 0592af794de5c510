import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ZArgumentRules, type TArgumentRuleInput } from "@/lib/schemas/argument-rule";
import { argumentRuleViolation } from "./argument-rules";
import { resolvePath } from "./real-path";

const rules = (...r: TArgumentRuleInput[]) => ZArgumentRules.parse(r);
const fsTool = { name: "read_text_file", inputKeys: ["path", "head", "tail"] };
const check = (r: ReturnType<typeof rules>, args: Record<string, unknown>, tool = fsTool, realpath = false) =>
  argumentRuleViolation(r, tool, args, realpath ? { resolve: resolvePath } : {})?.[0] ?? null;

describe("path rules", () => {
  const r = rules({ kind: "path", arguments: ["path", "paths"], roots: ["/srv/files/public"], base: "/srv/files" });

  it("allows a path inside a root, absolute or relative to the base", () => {
    expect(check(r, { path: "/srv/files/public/readme.txt" })).toBeNull();
    expect(check(r, { path: "public/readme.txt" })).toBeNull();
    expect(check(r, { path: "/srv/files/public" })).toBeNull();
  });

  it("refuses other directories, .. escapes and look-alike prefixes", () => {
    expect(check(r, { path: "/srv/files/private/salaries.csv" })).toBe("path_not_allowed");
    expect(check(r, { path: "public/../private/salaries.csv" })).toBe("path_not_allowed");
    expect(check(r, { path: "/srv/files/public/../../../etc/passwd" })).toBe("path_not_allowed");
    expect(check(r, { path: "/srv/files/public-old/x" })).toBe("path_not_allowed");
  });

  it("checks every element of a list, and denies what it cannot read", () => {
    expect(check(r, { paths: ["public/a", "private/b"] }, { name: "read_multiple_files", inputKeys: ["paths"] })).toBe(
      "path_not_allowed",
    );
    expect(check(r, {})).toBe("arguments_unverifiable");
    expect(check(r, { path: 7 })).toBe("arguments_unverifiable");
    expect(check(r, { path: "~/secrets" })).toBe("arguments_unverifiable");
    expect(check(r, { path: "public/a\u0000" })).toBe("arguments_unverifiable");
    const noBase = rules({ kind: "path", arguments: ["path"], roots: ["/srv/files/public"] });
    expect(check(noBase, { path: "public/a" })).toBe("arguments_unverifiable");
  });

  it("does not cover a tool that takes none of its arguments", () => {
    expect(check(r, {}, { name: "list_allowed_directories", inputKeys: [] })).toBeNull();
    const scoped = rules({ kind: "path", tools: ["write_*"], arguments: ["path"], roots: ["/srv/files/public"] });
    expect(check(scoped, { path: "/etc/passwd" })).toBeNull();
    expect(check(scoped, { path: "/etc/passwd" }, { name: "write_file", inputKeys: ["path"] })).toBe(
      "path_not_allowed",
    );
  });

  it("follows symlinks when the gateway can resolve them", () => {
    const dir = realpathSync(mkdtempSync(path.join(tmpdir(), "warden-rules-")));
    mkdirSync(path.join(dir, "public"));
    mkdirSync(path.join(dir, "private"));
    writeFileSync(path.join(dir, "private", "salaries.csv"), "x");
    symlinkSync(path.join(dir, "private", "salaries.csv"), path.join(dir, "public", "link.csv"));
    symlinkSync(path.join(dir, "private"), path.join(dir, "public", "dir-link"));
    const linked = rules({ kind: "path", arguments: ["path"], roots: [path.join(dir, "public")], base: dir });
    expect(check(linked, { path: "public/link.csv" })).toBeNull(); // lexically inside
    expect(check(linked, { path: "public/link.csv" }, fsTool, true)).toBe("path_not_allowed");
    expect(check(linked, { path: "public/dir-link/new-file.txt" }, fsTool, true)).toBe("path_not_allowed");
    expect(check(linked, { path: "public/not-yet/new.txt" }, fsTool, true)).toBeNull();
  });
});

describe("url rules", () => {
  const r = rules({ kind: "url", arguments: ["url"], hosts: ["api.example.com", "*.corp.example", "10.0.0.5:8443"] });
  const tool = { name: "fetch", inputKeys: ["url"] };
  it("allows listed hosts on their ports only", () => {
    expect(check(r, { url: "https://api.example.com/v1" }, tool)).toBeNull();
    expect(check(r, { url: "https://a.b.corp.example/x" }, tool)).toBeNull();
    expect(check(r, { url: "https://10.0.0.5:8443/" }, tool)).toBeNull();
    expect(check(r, { url: "https://corp.example/" }, tool)).toBe("url_not_allowed");
    expect(check(r, { url: "https://api.example.com:8443/" }, tool)).toBe("url_not_allowed");
    expect(check(r, { url: "https://api.example.com.evil.io/" }, tool)).toBe("url_not_allowed");
    expect(check(r, { url: "https://evilcorp.example/" }, tool)).toBe("url_not_allowed");
  });
  it("refuses other schemes, credentials and what is not a URL", () => {
    expect(check(r, { url: "http://api.example.com/" }, tool)).toBe("url_not_allowed");
    expect(check(r, { url: "file:///etc/passwd" }, tool)).toBe("url_not_allowed");
    expect(check(r, { url: "https://user:pw@api.example.com/" }, tool)).toBe("url_not_allowed");
    expect(check(r, { url: "api.example.com" }, tool)).toBe("arguments_unverifiable");
    expect(check(r, { url: "https://0x7f.1/" }, tool)).toBe("url_not_allowed");
  });
  it("allows data: URIs only when the rule lists the scheme", () => {
    const data = rules({ kind: "url", arguments: ["url"], hosts: ["api.example.com"], schemes: ["https", "data"] });
    expect(check(data, { url: "data:text/plain;base64,aGk=" }, tool)).toBeNull();
    expect(check(r, { url: "data:text/plain;base64,aGk=" }, tool)).toBe("url_not_allowed");
  });
});

describe("pattern, enum and query rules", () => {
  it("matches the whole value against a pattern, and values against an enumeration", () => {
    const p = rules({ kind: "pattern", arguments: ["branch"], pattern: "feature/[a-z0-9-]+" });
    const tool = { name: "push", inputKeys: ["branch", "env"] };
    expect(check(p, { branch: "feature/login" }, tool)).toBeNull();
    expect(check(p, { branch: "main; feature/x" }, tool)).toBe("argument_not_allowed");
    const e = rules({ kind: "enum", arguments: ["env"], values: ["dev", "staging"] });
    expect(check(e, { env: "staging" }, tool)).toBeNull();
    expect(check(e, { env: "prod" }, tool)).toBe("argument_not_allowed");
  });

  it("parses queries with the real parsers: objects, denied fields and LIMIT", () => {
    const q = rules({
      kind: "query",
      arguments: ["sql"],
      objects: ["accounts"],
      denied_fields: ["ssn"],
      max_limit: 100,
    });
    const tool = { name: "query", inputKeys: ["sql"] };
    expect(check(q, { sql: "SELECT id, name FROM accounts LIMIT 10" }, tool)).toBeNull();
    expect(check(q, { sql: "SELECT id FROM salaries LIMIT 10" }, tool)).toBe("object_not_allowed");
    expect(check(q, { sql: "SELECT a.ssn FROM accounts a LIMIT 10" }, tool)).toBe("denied_field");
    expect(check(q, { sql: "SELECT * FROM accounts LIMIT 10" }, tool)).toBe("arguments_unverifiable");
    expect(check(q, { sql: "SELECT id FROM accounts LIMIT 1000" }, tool)).toBe("record_limit");
    expect(check(q, { sql: "SELECT id FROM accounts" }, tool)).toBe("record_limit");
    expect(check(q, { sql: "SELEKT nonsense" }, tool)).toBe("arguments_unverifiable");
    const soql = rules({ kind: "query", arguments: ["q"], objects: ["Account"], denied_fields: ["SSN__c"] });
    expect(check(soql, { q: "SELECT Id, SSN__c FROM Account LIMIT 5" }, { name: "soql", inputKeys: ["q"] })).toBe(
      "denied_field",
    );
  });
});

describe("the schema", () => {
  it("refuses rules it could not enforce, with a clear message", () => {
    const bad = ZArgumentRules.safeParse([{ kind: "path", arguments: ["path"], roots: ["relative/dir"] }]);
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toContain("absolute path");
    expect(ZArgumentRules.safeParse([{ kind: "pattern", arguments: ["x"], pattern: "(" }]).success).toBe(false);
    expect(ZArgumentRules.safeParse([{ kind: "url", arguments: ["u"], hosts: ["http://x"] }]).success).toBe(false);
    expect(ZArgumentRules.safeParse([{ kind: "shell", arguments: ["u"] }]).success).toBe(false);
  });
});
