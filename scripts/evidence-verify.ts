import { readFileSync } from "node:fs";
import { verifyPack } from "@/lib/evidence/verify-pack";

/** npm run evidence:verify -- pack.zip [--key trusted-public-key.pem]: offline, no server, no database. */
async function main() {
  const args = process.argv.slice(2);
  const keyAt = args.indexOf("--key");
  const key = keyAt >= 0 ? readFileSync(args[keyAt + 1], "utf8") : undefined;
  const files = args.filter((_, i) => keyAt < 0 || (i !== keyAt && i !== keyAt + 1));
  if (files.length === 0) {
    console.error("usage: npm run evidence:verify -- pack.zip [more.zip] [--key trusted-public-key.pem]");
    process.exit(2);
  }
  let failed = false;
  for (const file of files) {
    const result = await verifyPack(file, key);
    if (result.ok) {
      const m = result.manifest!;
      console.log(
        `OK ${file}: ${result.files} files, ${m.report} generated ${m.generatedAt} by ${m.generatedBy.label}, signed by key ${m.signature.keyId}${key ? " (the trusted key)" : ""}`,
      );
    } else {
      failed = true;
      console.error(`FAILED ${file}:`);
      for (const p of result.problems) console.error(`  - ${p}`);
    }
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(`FAILED: ${(error as Error).message}`);
  process.exit(1);
});
