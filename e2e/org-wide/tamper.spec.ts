import { readFileSync } from "node:fs";
import pg from "pg";
import { expect, signIn, test } from "../support/fixtures";
import { e2eEmail } from "../support/users";

// Runs alone (project "org-wide"): while the chain is tampered with, every other verification would fail.
test("a tampered database shows the failure on the Audit page", async ({ browser }) => {
  const url = readFileSync(".data/e2e-database-url", "utf8").trim();
  test.skip(!url, "needs PostgreSQL: an embedded PGlite folder is owned by the running server");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const page = await browser.newPage();
  await signIn(page, e2eEmail("AUDITOR"));
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  const { rows } = await client.query(`SELECT max(sequence)::text AS seq FROM "AuditEvent"`);
  const target = Math.max(1, Number(rows[0].seq) - 3);
  const original = (await client.query(`SELECT outcome FROM "AuditEvent" WHERE sequence = $1`, [target])).rows[0]
    .outcome as string;
  try {
    await client.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`);
    await client.query(`UPDATE "AuditEvent" SET outcome = 'success-ish' WHERE sequence = $1`, [target]);
    await page.goto("/audit");
    await page.getByRole("button", { name: "Verify integrity" }).click();
    await expect(page.getByTestId("verify-result")).toContainText(`FAILED at sequence ${target}: edited`);
  } finally {
    // Put the evidence back exactly, so the chain verifies again.
    await client.query(`UPDATE "AuditEvent" SET outcome = $2 WHERE sequence = $1`, [target, original]);
    await client.query(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`);
    await client.end();
    await page.close();
  }
});
