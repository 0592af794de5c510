import { generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { auditActor, systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { writeCheckpoint } from "@/lib/services/audit/write-checkpoint";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { recordAudit } from "./record-audit";
import { checkpointMessage, keyIdOf } from "./signing-key";
import { configuredTrustedKeys, parsePublicKeys } from "./trusted-keys";
import { verifyChain } from "./verify-chain";

const pair = () => {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return { privateKey, keyId: keyIdOf(publicKey), pem: publicKey.export({ type: "spki", format: "pem" }).toString() };
};

describe("trusted keys from configuration", () => {
  it("reads every PEM public key, also from a one-line variable with \\n escapes", () => {
    const [a, b] = [pair(), pair()];
    const keys = parsePublicKeys(`${a.pem.replace(/\n/g, "\\n")},${b.pem}`, "WARDEN_TRUSTED_KEYS");
    expect(keys.map((k) => k.keyId)).toEqual([a.keyId, b.keyId]);
  });

  it("refuses a variable with no key, or a key that is not Ed25519", () => {
    expect(() => parsePublicKeys("not a key", "WARDEN_TRUSTED_KEYS")).toThrow(/holds no PEM public key/);
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ type: "spki", format: "pem" });
    expect(() => parsePublicKeys(rsa.toString(), "WARDEN_TRUSTED_KEYS")).toThrow(/key 1 is not an Ed25519 public key/);
  });
});

describeWithDatabase("checkpoints signed by a rotated key", () => {
  it("verify only while the rotated key is in WARDEN_TRUSTED_KEYS, and fail by the key's name otherwise", async () => {
    const old = pair();
    await db().$transaction((tx) =>
      recordAudit(tx, { actor: auditActor(systemActor("test")), category: "ADMIN", action: "server.updated" }),
    );
    const head = await db().auditEvent.findFirstOrThrow({ orderBy: { sequence: "desc" } });
    // A checkpoint the previous key signed, before the operator rotated WARDEN_SIGNING_KEY.
    await db().signingKey.create({ data: { id: old.keyId, publicKey: old.pem } });
    await db().auditCheckpoint.create({
      data: {
        sequence: head.sequence,
        hash: head.hash,
        keyId: old.keyId,
        signature: sign(null, Buffer.from(checkpointMessage(head.sequence, head.hash)), old.privateKey).toString(
          "base64",
        ),
      },
    });
    await db().$transaction((tx) =>
      recordAudit(tx, { actor: auditActor(systemActor("test")), category: "ADMIN", action: "server.updated" }),
    );
    await writeCheckpoint({ anchorsDir: null });

    const current = configuredTrustedKeys();
    const withRotated = new Map(current);
    for (const k of parsePublicKeys(old.pem, "WARDEN_TRUSTED_KEYS")) withRotated.set(k.keyId, k);
    expect(await verifyChain(db(), { trusted: withRotated })).toMatchObject({ ok: true, checkpoints: 2 });
    const without = await verifyChain(db(), { trusted: current });
    expect(without).toMatchObject({ ok: false, problem: "forged", sequence: head.sequence.toString() });
    expect(without.ok ? "" : without.detail).toContain(`is signed by key ${old.keyId}, which is not a trusted key`);
    expect(await verifyChain(db(), { trusted: new Map() })).toMatchObject({ ok: false, problem: "forged" });
  });
});
