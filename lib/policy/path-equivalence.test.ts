import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ZArgumentRules } from "@/lib/schemas/argument-rule";
import { argumentRuleViolation } from "./argument-rules";
import { resolvePath } from "./real-path";

/** server-filesystem's own resolver (2026.8.31): what the real server opens for a path. */
type ServerLib = { setAllowedDirectories(d: string[]): void; validatePath(p: string): Promise<string> };
const SERVER_LIB = "@modelcontextprotocol/server-filesystem/dist/lib.js";
const FOLDS = process.platform === "darwin" || process.platform === "win32";
const NFD = (s: string) => s.normalize("NFD");

/**
 * The path rule over real symlinks on disk, spelt every way a file system or a server might take as
 * the same name. Each row: the path sent, the rule's answer, and whether the real server-filesystem
 * (without MCP roots, so only Warden's rule stands between) would open a private file for it.
 */
describe("path rules compare names as the file system and the server resolve them", () => {
  let dir: string;
  let server: ServerLib;
  const check = (p: string) => {
    const rules = ZArgumentRules.parse([
      { kind: "path", arguments: ["path"], roots: [path.join(dir, "public")], base: dir },
    ]);
    return argumentRuleViolation(rules, { name: "read_text_file" }, { path: p }, { resolve: resolvePath })?.[0] ?? null;
  };
  const serverOpensPrivate = async (p: string) =>
    server.validatePath(path.isAbsolute(p) ? p : path.join(dir, p)).then(
      (real) => real.startsWith(path.join(dir, "private")),
      () => false,
    );

  beforeAll(async () => {
    dir = realpathSync(mkdtempSync(path.join(tmpdir(), "warden-equiv-")));
    const at = (...p: string[]) => path.join(dir, ...p);
    for (const d of ["public/inner", "private/data"]) mkdirSync(at(d), { recursive: true });
    writeFileSync(at("private/salaries.csv"), "employee,salary\nA,100000\n");
    writeFileSync(at("private/data/rows.csv"), "secret\n");
    writeFileSync(at("public/readme.txt"), "public\n");
    const secret = at("private/salaries.csv");
    // Links out of public/, each named in one spelling; the rows ask for another.
    symlinkSync(secret, at("public", "donn\u00e9e")); // NFC
    symlinkSync(secret, at("public/Kelvin.csv")); // plain K; asked with the Kelvin sign U+212A
    symlinkSync(secret, at("public/\u212Aey.csv")); // the Kelvin sign; asked with a plain K
    symlinkSync(secret, at("public/\u00c5ngstr\u00f6m.csv")); // Å; asked with the Ångström sign U+212B
    symlinkSync(secret, at("public/why;.csv")); // ;  asked with the Greek question mark U+037E
    symlinkSync(secret, at("public/report.csv")); // asked with fullwidth letters
    symlinkSync(secret, at("public/Secret.csv")); // asked in other cases
    symlinkSync(at("private/data"), at("public/docs")); // a symlinked directory
    symlinkSync(at("private/data"), at("public/caf\u00e9-dir")); // a symlinked directory, NFC
    symlinkSync(at("private/new.txt"), at("public/dangling.txt")); // writing it creates private/new.txt
    symlinkSync("..", at("public/inner/up")); // a link that stays inside
    // Two files whose names are the same name in NFC and NFD: which one a server opens depends on it.
    writeFileSync(at("public", "na\u00efve.txt"), "nfc\n");
    writeFileSync(at("public", NFD("na\u00efve.txt")), "nfd\n");
    server = (await import(SERVER_LIB)) as ServerLib;
    server.setAllowedDirectories([dir]);
  });

  type Row = [name: string, path: string, rule: string | null, serverOpensPrivate: boolean];
  const rows = (): Row[] => [
    ["a plain file inside", "public/readme.txt", null, false],
    ["a link that stays inside", "public/inner/up/readme.txt", null, false],
    ["a new file", "public/new-file.txt", null, false],
    ["a new file in a new directory", "public/new-dir/x.txt", null, false],
    ["the NFC link itself", "public/donn\u00e9e", "path_not_allowed", true],
    ["NFD of the NFC link", NFD("public/donn\u00e9e"), "arguments_unverifiable", true],
    ["NFD with a trailing slash", `${NFD("public/donn\u00e9e")}/`, "arguments_unverifiable", true],
    ["absolute NFD", path.join(dir, NFD("public/donn\u00e9e")), "arguments_unverifiable", true],
    ["Kelvin sign for K", "public/\u212Aelvin.csv", "arguments_unverifiable", true],
    ["K for a Kelvin-sign link", "public/Key.csv", "arguments_unverifiable", true],
    ["Ångström sign for Å", "public/\u212Bngstr\u00f6m.csv", "arguments_unverifiable", true],
    ["NFD Å", NFD("public/\u00c5ngstr\u00f6m.csv"), "arguments_unverifiable", true],
    ["Greek question mark for ;", "public/why\u037E.csv", "arguments_unverifiable", true],
    ["fullwidth letters (NFKC)", "public/\uff52\uff45port.csv", "arguments_unverifiable", false],
    ["soft hyphen inside a name", "public/re\u00adport.csv", "arguments_unverifiable", false],
    ["lower case of a link", "public/secret.csv", FOLDS ? "arguments_unverifiable" : null, FOLDS],
    ["upper case of a link", "public/SECRET.CSV", FOLDS ? "arguments_unverifiable" : null, FOLDS],
    ["a symlinked directory", "public/docs/rows.csv", "path_not_allowed", true],
    ["a symlinked directory, trailing slash", "public/docs/", "path_not_allowed", true],
    ["a new file in a symlinked directory", "public/docs/new.csv", "path_not_allowed", true],
    ["NFD of a symlinked directory", NFD("public/caf\u00e9-dir/rows.csv"), "arguments_unverifiable", true],
    [".. after a symlinked directory", "public/docs/../salaries.csv", "path_not_allowed", false],
    ["a dangling link (a write creates its target)", "public/dangling.txt", "path_not_allowed", false],
    ["NFC of two equivalent files", "public/na\u00efve.txt", null, false],
    ["NFD of two equivalent files", NFD("public/na\u00efve.txt"), "arguments_unverifiable", false],
    ["a new NFD name with no equivalent", `public/${NFD("caf\u00e9-dir")}.txt`, null, false],
    ["a new NFD name beside its NFC twin", NFD("public/caf\u00e9-dir"), "arguments_unverifiable", true],
  ];

  it("refuses every equivalent spelling that leads out of the root, and allows what stays inside", async () => {
    const got: Row[] = [];
    for (const [name, p] of rows()) got.push([name, p, check(p), await serverOpensPrivate(p)]);
    expect(got).toEqual(rows());
    // Every row where the real server would open a private file is refused.
    expect(got.filter(([, , rule, leaks]) => leaks && rule === null)).toEqual([]);
  });

  it("resolves roots spelt in an equivalent form, and loops and unreadable parts are unresolved", () => {
    const nfdRoot = path.join(dir, NFD("public/caf\u00e9-dir"));
    expect(resolvePath(nfdRoot, { followEquivalent: true })).toEqual({ real: path.join(dir, "private/data") });
    expect(resolvePath(nfdRoot)).toHaveProperty("unresolved");
    symlinkSync("loop", path.join(dir, "public/loop"));
    expect(resolvePath(path.join(dir, "public/loop/x"))).toEqual({ unresolved: expect.stringMatching(/symlinks/) });
    expect(check("public/loop")).toBe("arguments_unverifiable");
    expect(resolvePath(path.join(dir, "public/readme.txt/x"))).toEqual({
      unresolved: expect.stringMatching(/ENOTDIR/),
    });
  });
});
