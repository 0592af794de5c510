import { createHash, createPublicKey, verify, type KeyObject } from "node:crypto";
import { promisify } from "node:util";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { configuredTrustedKeys, describeTrusted, parsePublicKeys, type TrustedKeys } from "@/lib/audit/trusted-keys";
import { keyIdOf, MANIFEST, PACK_FORMAT, PUBLIC_KEY, SIGNATURE, type Manifest } from "./manifest";

export type PackCheck = {
  ok: boolean;
  problems: string[];
  manifest: Manifest | null;
  files: number;
  /** The trusted key that signed the manifest. */
  signedBy?: string | null;
  /** The manifest is validly signed, but by a key nobody said to trust (the one the pack carries). */
  untrustedKeyId?: string | null;
};

const SMALL = new Set([MANIFEST, SIGNATURE, PUBLIC_KEY]);

async function readZip(file: string) {
  const zip: ZipFile = await promisify<string, yauzl.Options, ZipFile>(yauzl.open)(file, {
    lazyEntries: true,
    validateEntrySizes: true,
  });
  const hashes = new Map<string, string>();
  const small = new Map<string, Buffer>();
  const openStream = promisify(zip.openReadStream.bind(zip)) as (e: Entry) => Promise<NodeJS.ReadableStream>;
  await new Promise<void>((resolve, reject) => {
    zip.on("error", reject);
    zip.on("end", resolve);
    zip.on("entry", (entry: Entry) => {
      (async () => {
        if (hashes.has(entry.fileName)) throw new Error(`${entry.fileName} appears twice in the archive`);
        const hash = createHash("sha256");
        const keep: Buffer[] = [];
        for await (const chunk of await openStream(entry)) {
          hash.update(chunk as Buffer);
          if (SMALL.has(entry.fileName)) keep.push(chunk as Buffer);
        }
        hashes.set(entry.fileName, hash.digest("hex"));
        if (SMALL.has(entry.fileName)) small.set(entry.fileName, Buffer.concat(keep));
        zip.readEntry();
      })().catch(reject);
    });
    zip.readEntry();
  });
  return { hashes, small };
}

const verifies = (key: KeyObject | string, message: Buffer, signature: Buffer) => {
  try {
    return verify(null, message, typeof key === "string" ? createPublicKey(key) : key, signature);
  } catch {
    return false;
  }
};

const carriedKeyId = (pem: string) => {
  try {
    return keyIdOf(createPublicKey(pem).export({ type: "spki", format: "der" }));
  } catch {
    return null;
  }
};

/** The pinned key the command line should name: how a person fixes "not trusted". */
export const PIN_HINT =
  "pin the key your Warden administrator publishes: npm run evidence:verify -- pack.zip --key warden-public-key.pem (or set WARDEN_TRUSTED_KEYS)";

/**
 * The manifest's signature, by a trusted key only. The key inside the pack is anyone's: a pack re-signed
 * with an attacker's key verifies against the key it carries, so that alone proves nothing. Reported
 * apart (untrustedKeyId) so the person verifying knows to pin the published key.
 */
function checkSignature(trusted: TrustedKeys, manifestBytes: Buffer, signature: Buffer, carriedPem: string) {
  const carriedId = carriedKeyId(carriedPem);
  const key = carriedId ? trusted.get(carriedId) : undefined;
  if (key) {
    return verifies(key.key, manifestBytes, signature)
      ? { keyId: key.keyId, problem: null }
      : {
          keyId: null,
          problem: `the signature in ${SIGNATURE} does not verify ${MANIFEST} with the trusted key ${key.keyId} (${key.source})`,
        };
  }
  for (const k of trusted.values())
    if (verifies(k.key, manifestBytes, signature)) return { keyId: k.keyId, problem: null };
  if (carriedId && verifies(carriedPem, manifestBytes, signature))
    return {
      keyId: null,
      untrustedKeyId: carriedId,
      problem: `signature valid for key ${carriedId}, which you have not said to trust (trusted keys: ${describeTrusted(trusted)}); ${PIN_HINT}`,
    };
  return {
    keyId: null,
    problem: `the signature in ${SIGNATURE} does not verify ${MANIFEST} with ${PUBLIC_KEY} nor with any trusted key (${describeTrusted(trusted)})`,
  };
}

/**
 * Checks a pack the way VERIFY.md tells a person to, with no Warden server or database: the manifest's
 * Ed25519 signature by a trusted key, every listed file's sha256, no unlisted files, and the audit
 * checkpoint's signature. `trusted` is a set of keys, or one pinned PEM; by default the configured ones
 * (the signer's public half and WARDEN_TRUSTED_KEYS). The key the pack carries is never trusted by itself.
 */
export async function verifyPack(
  file: string,
  trusted: TrustedKeys | string = configuredTrustedKeys(),
): Promise<PackCheck> {
  const keys =
    typeof trusted === "string"
      ? new Map(parsePublicKeys(trusted, "the pinned key").map((k) => [k.keyId, k]))
      : trusted;
  const problems: string[] = [];
  const { hashes, small } = await readZip(file);
  const manifestBytes = small.get(MANIFEST);
  const signature = small.get(SIGNATURE);
  const publicKey = small.get(PUBLIC_KEY)?.toString("utf8");
  if (!manifestBytes || !signature || !publicKey)
    return { ok: false, problems: [`missing ${MANIFEST}, ${SIGNATURE} or ${PUBLIC_KEY}`], manifest: null, files: 0 };
  const signed = checkSignature(keys, manifestBytes, signature, publicKey);
  if (signed.problem) problems.push(signed.problem);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestBytes.toString("utf8")) as Manifest;
  } catch {
    return { ok: false, problems: [...problems, `${MANIFEST} is not JSON`], manifest: null, files: 0 };
  }
  if (manifest.format !== PACK_FORMAT) problems.push(`unknown pack format ${String(manifest.format)}`);
  if (signed.keyId && manifest.signature?.keyId !== signed.keyId)
    problems.push("the manifest names a different signing key");
  const listed = new Set<string>();
  for (const f of manifest.files ?? []) {
    listed.add(f.name);
    const actual = hashes.get(f.name);
    if (!actual) problems.push(`${f.name} is listed in the manifest but missing`);
    else if (actual !== f.sha256) problems.push(`${f.name} has changed: sha256 ${actual}, manifest says ${f.sha256}`);
  }
  for (const name of hashes.keys())
    if (!listed.has(name) && !SMALL.has(name)) problems.push(`${name} is not listed in the manifest`);
  const cp = manifest.auditChain?.latestCheckpoint;
  if (cp && !verifies(cp.publicKey, Buffer.from(cp.message), Buffer.from(cp.signature, "base64")))
    problems.push(`the audit checkpoint at sequence ${cp.sequence} does not verify`);
  if (cp && cp.message !== `warden-checkpoint:v1:${cp.sequence}:${cp.hash}`)
    problems.push("the checkpoint message does not match its sequence and hash");
  return {
    ok: problems.length === 0,
    problems,
    manifest,
    files: listed.size,
    signedBy: signed.keyId,
    untrustedKeyId: signed.untrustedKeyId ?? null,
  };
}
