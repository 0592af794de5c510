import { createHash } from "node:crypto";
import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import { ZipFile } from "yazl";
import type { Signer } from "@/lib/audit/signing-key";
import { MANIFEST, PACK_FORMAT, PUBLIC_KEY, SIGNATURE, sha256sums, type Manifest, type PackFile } from "./manifest";
import { verifyInstructions } from "./verify-md";

export type PackInput = { name: string; content: string | Uint8Array | AsyncIterable<string | Uint8Array> };

export type PackMeta = Omit<Manifest, "format" | "files" | "signature">;

async function* chunksOf(content: PackInput["content"]): AsyncGenerator<Uint8Array> {
  if (typeof content === "string") yield Buffer.from(content);
  else if (content instanceof Uint8Array) yield content;
  else for await (const c of content) yield typeof c === "string" ? Buffer.from(c) : c;
}

/**
 * A signed evidence pack as a ZIP stream. Each file is hashed while it streams into the archive, so
 * a million-row export is never held in memory; the manifest (hashes, who, when, filters, chain head,
 * latest checkpoint) is written last and signed with Warden's Ed25519 key.
 */
export function zipPack(inputs: PackInput[], meta: PackMeta, signer: Signer): Readable {
  const zip = new ZipFile();
  const mtime = new Date(meta.generatedAt);
  const add = async (name: string, content: PackInput["content"]): Promise<PackFile> => {
    const hash = createHash("sha256");
    let bytes = 0;
    const pass = new PassThrough();
    zip.addReadStream(pass, name, { mtime });
    for await (const chunk of chunksOf(content)) {
      hash.update(chunk);
      bytes += chunk.length;
      if (!pass.write(chunk)) await once(pass, "drain");
    }
    pass.end();
    return { name, sha256: hash.digest("hex"), bytes };
  };
  const output = zip.outputStream as Readable;
  (async () => {
    const files: PackFile[] = [];
    for (const input of inputs) files.push(await add(input.name, input.content));
    files.push(await add("VERIFY.md", verifyInstructions(meta.report, signer.keyId)));
    files.push(await add("SHA256SUMS", sha256sums(files)));
    const manifest: Manifest = {
      format: PACK_FORMAT,
      ...meta,
      files,
      signature: { algorithm: "Ed25519", keyId: signer.keyId, publicKeyFile: PUBLIC_KEY, signatureFile: SIGNATURE },
    };
    const text = `${JSON.stringify(manifest, null, 2)}\n`;
    zip.addBuffer(Buffer.from(text), MANIFEST, { mtime });
    zip.addBuffer(Buffer.from(signer.sign(text), "base64"), SIGNATURE, { mtime });
    zip.addBuffer(Buffer.from(signer.publicKeyPem), PUBLIC_KEY, { mtime });
    zip.end();
  })().catch((error) => output.destroy(error as Error));
  return output;
}

export const webStream = (stream: Readable) => Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>;
