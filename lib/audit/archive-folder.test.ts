import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeOnce } from "./archive-folder";

describe("writing to the archive folder", () => {
  let dir: string;
  beforeAll(async () => void (dir = await mkdtemp(path.join(tmpdir(), "warden-archive-"))));
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("writes a file once, accepts the same bytes again (a retry), and never overwrites other bytes", async () => {
    const first = await writeOnce(dir, "a.ndjson", ["one\n", "two\n"]);
    expect(first).toMatchObject({ name: "a.ndjson", bytes: 8 });
    expect(await writeOnce(dir, "a.ndjson", ["one\ntwo\n"])).toEqual(first);
    await expect(writeOnce(dir, "a.ndjson", ["one\nthree\n"])).rejects.toThrow(/already exists with other content/);
    expect(await readFile(path.join(dir, "a.ndjson"), "utf8")).toBe("one\ntwo\n");
    // A source that fails half way leaves neither the file nor its temporary copy.
    async function* failing() {
      yield "half";
      throw new Error("source failed");
    }
    await expect(writeOnce(dir, "b.ndjson", failing())).rejects.toThrow(/source failed/);
    expect(await readdir(dir)).toEqual(["a.ndjson"]);
  });
});
