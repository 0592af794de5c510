import { describe, expect, it } from "vitest";
import { GET as listAudit } from "@/app/api/console/audit/route";
import { sessionCookie } from "@/lib/testing/session-cookie";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedUser } from "@/prisma/seed/factories";
import { decodeCursor, encodeCursor, ZCursor } from "./cursor";

const b64 = (s: string) => Buffer.from(s).toString("base64");

/** Every malformed shape a client (or an attacker) may send back instead of the nextCursor it was given. */
export const MALFORMED_CURSORS = [
  "1",
  ".",
  "1.",
  ".1",
  "1.2.3",
  "-1.5",
  "1.-5",
  "abc",
  "!!!",
  "%%%",
  "1e3.1",
  "0x10.1",
  " 1.1",
  "1.1 ",
  "１.１",
  b64("1.1"),
  b64("garbage\u0000\u00ff"),
  b64(JSON.stringify({ at: 1, seq: 2 })),
  JSON.stringify({ at: 1, seq: 2 }),
  "[1,2]",
  "null",
  "undefined",
  "9999999999999999.1",
  "253402300800000.1",
  "1.9223372036854775808",
  "1.99999999999999999999",
  "9".repeat(40),
  "1.1\u0000",
];

describe("the keyset cursor codec", () => {
  it("round-trips a row's position", () => {
    const row = { occurredAt: new Date("2026-12-07T04:00:00.123Z"), sequence: 9_223_372_036_854_775_807n };
    expect(decodeCursor(encodeCursor(row))).toEqual({ at: row.occurredAt, sequence: row.sequence });
    expect(decodeCursor("0.0")).toEqual({ at: new Date(0), sequence: 0n });
  });

  it.each(MALFORMED_CURSORS)("decodes %j to null and the schema refuses it", (raw) => {
    expect(decodeCursor(raw)).toBeNull();
    const parsed = ZCursor.safeParse(raw);
    expect(parsed.success).toBe(false);
  });

  it("treats a blank or absent cursor as the first page, and never throws on other types", () => {
    expect(ZCursor.parse("")).toBeUndefined();
    expect(ZCursor.parse(undefined)).toBeUndefined();
    for (const v of [1, null, {}, [], true]) expect(() => ZCursor.safeParse(v)).not.toThrow();
    for (const v of [1, null, {}, [], true]) expect(decodeCursor(v)).toBeNull();
  });
});

describeWithDatabase("GET /api/console/audit?cursor=…", () => {
  it("answers every malformed cursor with a 400 naming the cursor, and a real one with the next page", async () => {
    const admin = await seedUser({ roles: ["ADMIN"] });
    const cookie = await sessionCookie(admin.id);
    const get = (cursor: string) =>
      listAudit(
        new Request(`http://test/api/console/audit?cursor=${encodeURIComponent(cursor)}`, { headers: { cookie } }),
      );
    for (const cursor of MALFORMED_CURSORS) {
      const res = await get(cursor);
      expect(res.status, cursor).toBe(400);
      expect((await res.json()).error.fields).toHaveProperty("cursor");
    }
    const ok = await get(encodeCursor({ occurredAt: new Date(), sequence: 10n }));
    expect(ok.status).toBe(200);
  });
});
