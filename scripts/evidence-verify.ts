import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { packTrust } from "@/lib/evidence/pack-trust";
import { verifyPack } from "@/lib/evidence/verify-pack";

const USAGE = "usage: npm run evidence:verify -- pack.zip [more.zip] [--key published-public-key.pem ...]";

/**
 * npm run evidence:verify -- pack.zip [--key published-public-key.pem]: offline, no server, no database.
 * Trusts only the keys named here (--key), or else WARDEN_SIGNING_KEY's public half and WARDEN_TRUSTED_KEYS;
 * never the key a pack carries. Exit 0 when every pack holds and is signed by a trusted key, 1 otherwise.
 */
async function main() {
  const { values, positionals } = parseArgs({
    options: { key: { type: "string", multiple: true } },
    allowPositionals: true,
  });
  if (positionals.length === 0) {
    console.error(USAGE);
    process.exit(2);
  }
  const trusted = packTrust({
    signingKey: process.env.WARDEN_SIGNING_KEY || undefined,
    trustedKeys: process.env.WARDEN_TRUSTED_KEYS || undefined,
    pinned: (values.key ?? []).map((file) => ({ pem: readFileSync(file, "utf8"), source: `--key ${file}` })),
  });
  let failed = false;
  for (const file of positionals) {
    const result = await verifyPack(file, trusted);
    if (result.ok) {
      const m = result.manifest!;
      const source = trusted.get(result.signedBy!)?.source;
      console.log(
        `OK ${file}: ${result.files} files, ${m.report} generated ${m.generatedAt} by ${m.generatedBy.label}, signed by trusted key ${result.signedBy} (${source})`,
      );
    } else {
      failed = true;
      console.error(`${result.untrustedKeyId ? "NOT TRUSTED" : "FAILED"} ${file}:`);
      for (const p of result.problems) console.error(`  - ${p}`);
    }
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(`FAILED: ${(error as Error).message}`);
  process.exit(1);
});
