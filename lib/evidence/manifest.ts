import { sha256Hex } from "@/lib/crypto/sha256";

export const PACK_FORMAT = "warden-evidence-pack/v1";
export const MANIFEST = "manifest.json";
export const SIGNATURE = "manifest.sig";
export const PUBLIC_KEY = "public-key.pem";

export type PackFile = { name: string; sha256: string; bytes: number };

export type Checkpoint = {
  sequence: string;
  hash: string;
  keyId: string;
  signature: string;
  publicKey: string;
  createdAt: string;
  /** The exact bytes the checkpoint signature covers. */
  message: string;
};

export type Manifest = {
  format: typeof PACK_FORMAT;
  report: string;
  generatedAt: string;
  generatedBy: { type: string; id: string | null; label: string };
  filters: Record<string, string>;
  files: PackFile[];
  auditChain: { head: { sequence: string; hash: string } | null; latestCheckpoint: Checkpoint | null };
  signature: { algorithm: "Ed25519"; keyId: string; publicKeyFile: string; signatureFile: string };
};

/** A key's id: the first 16 hex digits of the sha256 of its DER public key (as checkpoints use). */
export const keyIdOf = (spkiDer: Buffer) => sha256Hex(spkiDer).slice(0, 16);

/** The `sha256sum -c` input for the pack's files. */
export const sha256sums = (files: PackFile[]) => files.map((f) => `${f.sha256}  ${f.name}\n`).join("");
