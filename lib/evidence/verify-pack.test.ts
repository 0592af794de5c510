import { spawnSync } from "node:child_process";
import { createHash, createPublicKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { describe, expect, it } from "vitest";
import { ZipFile } from "yazl";
import { keyIdOf, type Signer } from "@/lib/audit/signing-key";
import { unzipTo } from "@/lib/testing/unzip";
import type { Manifest } from "./manifest";
import { packTrust } from "./pack-trust";
import { verifyPack } from "./verify-pack";
import { zipPack } from "./zip-pack";

const work = mkdtempSync(path.join(tmpdir(), "warden-verify-"));
let n = 0;

function keyPair() {
  const { privateKey } = generateKeyPairSync("ed25519");
  const publicKey = createPublicKey(privateKey);
  const signer: Signer = {
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    sign: (m) => sign(null, Buffer.from(m), privateKey).toString("base64"),
  };
  const privatePem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const pubFile = path.join(work, `key-${++n}.pem`);
  writeFileSync(pubFile, signer.publicKeyPem);
  return { signer, privatePem, pubFile, privateKey: privateKey as KeyObject };
}

const warden = keyPair();
const attacker = keyPair();

async function save(stream: Readable) {
  const file = path.join(work, `pack-${++n}.zip`);
  await pipeline(stream, createWriteStream(file));
  return file;
}

const meta = {
  report: "audit",
  generatedAt: "2026-12-07T04:00:00.000Z",
  generatedBy: { type: "USER", id: null, label: "auditor@test.local" },
  filters: {},
  auditChain: { head: null, latestCheckpoint: null },
};

const genuine = await save(
  zipPack([{ name: "audit-events.csv", content: "id,action\n1,user.created\n" }], meta, warden.signer),
);

/** The attack: alter a file, fix the manifest's hash, re-sign with one's own key and ship that key. */
async function resignedByAttacker() {
  const dir = path.join(work, `x-${++n}`);
  await unzipTo(genuine, dir);
  const csv = Buffer.from("id,action\n1,nothing.happened\n");
  writeFileSync(path.join(dir, "audit-events.csv"), csv);
  const manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as Manifest;
  manifest.files.find((f) => f.name === "audit-events.csv")!.sha256 = createHash("sha256").update(csv).digest("hex");
  manifest.files = manifest.files.filter((f) => f.name !== "SHA256SUMS" && f.name !== "VERIFY.md");
  manifest.signature.keyId = attacker.signer.keyId;
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  writeFileSync(path.join(dir, "manifest.json"), text);
  writeFileSync(path.join(dir, "manifest.sig"), Buffer.from(attacker.signer.sign(text), "base64"));
  writeFileSync(path.join(dir, "public-key.pem"), attacker.signer.publicKeyPem);
  const zip = new ZipFile();
  for (const name of readdirSync(dir).filter((f) => f !== "SHA256SUMS" && f !== "VERIFY.md"))
    zip.addFile(path.join(dir, name), name);
  zip.end();
  return save(zip.outputStream as Readable);
}

const forged = await resignedByAttacker();

describe("verifyPack trusts only configured or pinned keys", () => {
  it("refuses an attacker-re-signed pack without trust, naming the key it is valid for", async () => {
    const none = await verifyPack(forged, packTrust({}));
    expect(none.ok).toBe(false);
    expect(none.untrustedKeyId).toBe(attacker.signer.keyId);
    expect(none.problems.join()).toContain(
      `signature valid for key ${attacker.signer.keyId}, which you have not said to trust`,
    );
    const configured = await verifyPack(forged, packTrust({ signingKey: warden.privatePem }));
    expect(configured.ok).toBe(false);
    expect(configured.untrustedKeyId).toBe(attacker.signer.keyId);
    const rotated = await verifyPack(forged, packTrust({ trustedKeys: warden.signer.publicKeyPem }));
    expect(rotated.ok).toBe(false);
    // With Warden's key pinned, the pack carrying the attacker's key is refused even when env would trust it.
    const pinned = packTrust({
      signingKey: attacker.privatePem,
      pinned: [{ pem: warden.signer.publicKeyPem, source: "--key" }],
    });
    expect((await verifyPack(forged, pinned)).ok).toBe(false);
  });

  it("passes the attacker's pack only when the attacker's key is pinned explicitly", async () => {
    const check = await verifyPack(
      forged,
      packTrust({ pinned: [{ pem: attacker.signer.publicKeyPem, source: "--key" }] }),
    );
    expect(check.problems).toEqual([]);
    expect(check.signedBy).toBe(attacker.signer.keyId);
  });

  it("passes the genuine pack with WARDEN_SIGNING_KEY, WARDEN_TRUSTED_KEYS or --key, and not without", async () => {
    for (const trust of [
      packTrust({ signingKey: warden.privatePem }),
      packTrust({ signingKey: warden.privatePem.replace(/\n/g, "\\n") }),
      packTrust({ trustedKeys: `${attacker.signer.publicKeyPem}\n${warden.signer.publicKeyPem}` }),
      packTrust({ pinned: [{ pem: warden.signer.publicKeyPem, source: "--key" }] }),
    ]) {
      const check = await verifyPack(genuine, trust);
      expect(check.problems).toEqual([]);
      expect(check.signedBy).toBe(warden.signer.keyId);
    }
    expect((await verifyPack(genuine, packTrust({}))).ok).toBe(false);
    expect((await verifyPack(genuine, packTrust({ signingKey: attacker.privatePem }))).ok).toBe(false);
  });

  it("leads VERIFY.md with the command that pins the published key", async () => {
    const dir = path.join(work, `v-${++n}`);
    await unzipTo(genuine, dir);
    const md = readFileSync(path.join(dir, "VERIFY.md"), "utf8");
    const firstCommand = /```sh\n([^\n]+)/.exec(md)?.[1];
    expect(firstCommand).toBe("npm run evidence:verify -- this-pack.zip --key warden-public-key.pem");
    expect(md).toContain(warden.signer.keyId);
  });
});

describe("npm run evidence:verify", () => {
  const cli = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/evidence-verify.ts", ...args], {
      env: { ...process.env, WARDEN_SIGNING_KEY: "", WARDEN_TRUSTED_KEYS: "", ...env },
      encoding: "utf8",
      timeout: 60_000,
    });

  it("exits non-zero on a re-signed pack unless its key is pinned, and 0 on a genuine one with a trusted key", () => {
    const untrusted = cli([forged]);
    expect(untrusted.status).toBe(1);
    expect(untrusted.stderr).toContain(
      `signature valid for key ${attacker.signer.keyId}, which you have not said to trust`,
    );
    expect(untrusted.stdout).not.toContain("OK");
    expect(cli([forged], { WARDEN_SIGNING_KEY: warden.privatePem }).status).toBe(1);
    expect(cli([forged, "--key", attacker.pubFile]).status).toBe(0);
    const ok = cli([genuine], { WARDEN_SIGNING_KEY: warden.privatePem });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`signed by trusted key ${warden.signer.keyId} (WARDEN_SIGNING_KEY)`);
    expect(cli([genuine, "--key", warden.pubFile]).status).toBe(0);
    expect(cli([genuine]).status).toBe(1);
  }, 120_000);
});
