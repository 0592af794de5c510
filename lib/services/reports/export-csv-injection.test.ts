import { spawnSync } from "node:child_process";
import { parse } from "csv-parse/sync";
import Papa from "papaparse";
import { expect, it } from "vitest";
import { GET as exportAudit } from "@/app/api/console/audit/export/route";
import { POST as ingest } from "@/app/api/v1/audit/events/route";
import { systemActor } from "@/lib/authz/actor";
import { createToken } from "@/lib/services/tokens/create-token";
import { sessionCookie } from "@/lib/testing/session-cookie";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedUser } from "@/prisma/seed/factories";

const ATTACK = "bob@corp.example\r=cmd|' /C calc'!A0";

describeWithDatabase("a CSV export of ingested events", () => {
  it("keeps a bare CR and the formula after it inside the cell, for three CSV readers", async () => {
    const admin = await seedUser({ roles: ["ADMIN"] });
    const { token } = await createToken(systemActor("test"), {
      name: "collector",
      scopes: ["ingest"],
      expiresInDays: 1,
    });
    const server = `csv-${Date.now().toString(36)}`;
    const events = ["\n", "\r\n", "\r@SUM(A1)", "\r\t=1"].map((tail, i) => ({
      eventId: `${server}-${i}`,
      timestamp: new Date().toISOString(),
      server,
      agent: "collector",
      tool: `t\r-${i}`,
      onBehalfOf: i === 0 ? ATTACK : `eve@corp.example${tail}+x`,
      outcome: "success",
    }));
    const sent = await ingest(
      new Request("http://test/api/v1/audit/events", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(events),
      }),
    );
    expect(sent.status, await sent.clone().text()).toBe(200);
    const res = await exportAudit(
      new Request(`http://test/api/console/audit/export?format=csv&server=${server}`, {
        headers: { cookie: await sessionCookie(admin.id) },
      }),
    );
    expect(res.status).toBe(200);
    const body = (await res.text()).replace(/^\uFEFF/, "");
    const python = spawnSync(
      "python3",
      ["-c", "import csv,json,sys; print(json.dumps(list(csv.reader(sys.stdin.read().splitlines(True)))))"],
      { input: body, encoding: "utf8" },
    );
    expect(python.status, python.stderr).toBe(0);
    const reads = {
      "csv-parse": parse(body) as string[][],
      papaparse: Papa.parse<string[]>(body, { delimiter: ",", skipEmptyLines: true }).data,
      python: JSON.parse(python.stdout) as string[][],
    };
    for (const [reader, rows] of Object.entries(reads)) {
      expect(rows.length, reader).toBe(events.length + 1);
      const column = rows[0].indexOf("onBehalfOf");
      expect(rows.map((r) => r[column])).toContain("bob@corp.example\r'=cmd|' /C calc'!A0");
      for (const row of rows) {
        expect(row.length, reader).toBe(rows[0].length);
        for (const cell of row) expect(cell, reader).not.toMatch(/(^|[\r\n])[=+\-@\t\r]/);
      }
    }
  });
});
