import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import yauzl, { type Entry, type ZipFile } from "yauzl";

/** Extracts a ZIP into a folder (tests check packs with the standard tools a person would use). */
export async function unzipTo(file: string, dir: string): Promise<string[]> {
  const zip: ZipFile = await promisify<string, yauzl.Options, ZipFile>(yauzl.open)(file, { lazyEntries: true });
  const names: string[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on("error", reject);
    zip.on("end", resolve);
    zip.on("entry", (entry: Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const target = path.join(dir, entry.fileName);
        mkdirSync(path.dirname(target), { recursive: true });
        names.push(entry.fileName);
        pipeline(stream, createWriteStream(target)).then(() => zip.readEntry(), reject);
      });
    });
    zip.readEntry();
  });
  return names;
}
