import { createHash, createPublicKey, verify } from "node:crypto";
import { promisify } from "node:util";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { keyIdOf, MANIFEST, PACK_FORMAT, PUBLIC_KEY, SIGNATURE, type Manifest } from "./manifest";

export type PackCheck = { ok: boolean; problems: string[]; manifest: Manifest | null; files: number };

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

const verifies = (pem: string, message: Buffer, signature: Buffer) => {
  try {
    return verify(null, message, createPublicKey(pem), signature);
  } catch {
    return false;
  }
};

/**
 * Checks a pack the way VERIFY.md tells a person to, with no Warden server or database: the manifest's
 * Ed25519 signature, every listed file's sha256, no unlisted files, and the audit checkpoint's signature.
 * With `trustedKeyPem`, the pack must also be signed by that key rather than just by the key it carries.
 */
export async function verifyPack(file: string, trustedKeyPem?: string): Promise<PackCheck> {
  const problems: string[] = [];
  const { hashes, small } = await readZip(file);
  const manifestBytes = small.get(MANIFEST);
  const signature = small.get(SIGNATURE);
  const publicKey = small.get(PUBLIC_KEY)?.toString("utf8");
  if (!manifestBytes || !signature || !publicKey)
    return { ok: false, problems: [`missing ${MANIFEST}, ${SIGNATURE} or ${PUBLIC_KEY}`], manifest: null, files: 0 };
  const keyPem = trustedKeyPem ?? publicKey;
  if (!verifies(keyPem, manifestBytes, signature))
    problems.push(
      `the signature in ${SIGNATURE} does not verify ${MANIFEST} with ${trustedKeyPem ? "the trusted key" : PUBLIC_KEY}`,
    );
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestBytes.toString("utf8")) as Manifest;
  } catch {
    return { ok: false, problems: [...problems, `${MANIFEST} is not JSON`], manifest: null, files: 0 };
  }
  if (manifest.format !== PACK_FORMAT) problems.push(`unknown pack format ${String(manifest.format)}`);
  const der = createPublicKey(keyPem).export({ type: "spki", format: "der" });
  if (manifest.signature?.keyId !== keyIdOf(der)) problems.push("the manifest names a different signing key");
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
  return { ok: problems.length === 0, problems, manifest, files: listed.size };
}
