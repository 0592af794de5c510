import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import { formatUtc } from "@/components/ui/timestamp";
import type { Jsonified } from "./jsonified";

type Row = {
  id: string;
  at: Date;
  closedAt: Date | null;
  note?: string;
  nested: { when: Date; tags: string[] }[];
  attributes: unknown;
  describe: () => string;
};

describe("what arrives over the wire", () => {
  it("types a service's value as its JSON form: dates become strings, functions drop out", () => {
    const row: Row = {
      id: "r",
      at: new Date("2026-12-07T08:13:42.5Z"),
      closedAt: null,
      nested: [{ when: new Date(0), tags: ["a"] }],
      attributes: { x: 1 },
      describe: () => "row",
    };
    const wire = JSON.parse(JSON.stringify(row)) as Jsonified<Row>;
    expectTypeOf(wire.at).toEqualTypeOf<string>();
    expectTypeOf(wire.closedAt).toEqualTypeOf<string | null>();
    expectTypeOf(wire.note).toEqualTypeOf<string | undefined>();
    expectTypeOf(wire.nested[0].when).toEqualTypeOf<string>();
    expectTypeOf(wire.attributes).toEqualTypeOf<unknown>();
    expectTypeOf<keyof Jsonified<Row>>().toEqualTypeOf<"id" | "at" | "closedAt" | "note" | "nested" | "attributes">();
    expect(wire).toEqual({
      id: "r",
      at: "2026-12-07T08:13:42.500Z",
      closedAt: null,
      nested: [{ when: "1970-01-01T00:00:00.000Z", tags: ["a"] }],
      attributes: { x: 1 },
    });
  });

  it("shows every date one way: UTC, 24-hour, to the second or the day", () => {
    expect(formatUtc("2026-12-07T20:13:42.500Z")).toBe("2026-12-07 20:13:42 UTC");
    expect(formatUtc(new Date("2026-12-07T20:13:42Z"), "day")).toBe("2026-12-07");
    expect(formatUtc("not a date")).toBe("not a date");
  });

  it("leaves no other date format in the console: locale formats (AM/PM) and ad-hoc ISO slices go through Timestamp", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const files = (dir: string): string[] =>
      readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
      );
    // The one component, and a form's default value for a date input (not a display).
    const allowed = new Set(["components/ui/timestamp.tsx", "app/(console)/reviews/_components/campaign-form.tsx"]);
    const adHoc = /\.toLocale(Date|Time)String\(|\.toLocaleString\(\)|toISOString\(\)\.(slice|replace)\(|hour12/;
    const offenders = [...files("app/(console)"), ...files("components")].filter(
      (f) => !allowed.has(f) && adHoc.test(readFileSync(path.join(root, f), "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});
