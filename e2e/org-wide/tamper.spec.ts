import { readFileSync } from "node:fs";
import pg from "pg";
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "../support/fixtures";
import { e2eEmail } from "../support/users";

// Runs alone (project "org-wide"): while the evidence is tampered with, every other verification would
// fail. Tampering is done as the tables' owner; the server itself runs as a role that cannot.
const url = () => readFileSync(".data/e2e-database-url", "utf8").trim();

async function tampered(page: Page, client: pg.Client, tamper: string, restore: string, expected: string | RegExp) {
  try {
    await client.query(
      `ALTER TABLE "AuditEvent" DISABLE TRIGGER USER; ALTER TABLE "AuditCheckpoint" DISABLE TRIGGER USER`,
    );
    await client.query(tamper);
    await page.goto("/audit");
    await page.getByRole("button", { name: "Verify integrity" }).click();
    await expect(page.getByTestId("verify-result")).toContainText(expected);
  } finally {
    // Put the evidence back exactly, so the chain verifies again.
    await client.query(restore);
    await client.query(
      `ALTER TABLE "AuditEvent" ENABLE TRIGGER USER; ALTER TABLE "AuditCheckpoint" ENABLE TRIGGER USER`,
    );
  }
}

test("a tampered database shows each failure, precisely, on the Audit page", async ({ browser }) => {
  test.skip(!url(), "needs PostgreSQL: an embedded PGlite folder is owned by the running server");
  const client = new pg.Client({ connectionString: url() });
  await client.connect();
  const page = await browser.newPage();
  try {
    await signIn(page, e2eEmail("AUDITOR"));
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    // The server signs a checkpoint within 15 s of the chain moving, when none was signed this minute.
    await expect
      .poll(async () => (await client.query(`SELECT count(*)::int AS n FROM "AuditCheckpoint"`)).rows[0].n, {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);

    const { rows } = await client.query(`SELECT max(sequence)::text AS seq FROM "AuditEvent"`);
    const target = Math.max(1, Number(rows[0].seq) - 3);
    const { outcome } = (await client.query(`SELECT outcome FROM "AuditEvent" WHERE sequence = $1`, [target])).rows[0];
    await tampered(
      page,
      client,
      `UPDATE "AuditEvent" SET outcome = 'success-ish' WHERE sequence = ${target}`,
      `UPDATE "AuditEvent" SET outcome = '${outcome}' WHERE sequence = ${target}`,
      `FAILED at sequence ${target}: edited`,
    );

    const cp = (
      await client.query(`SELECT id, sequence::text AS seq, hash FROM "AuditCheckpoint" ORDER BY sequence LIMIT 1`)
    ).rows[0];
    await tampered(
      page,
      client,
      `UPDATE "AuditCheckpoint" SET hash = '${"f".repeat(64)}' WHERE id = '${cp.id}'`,
      `UPDATE "AuditCheckpoint" SET hash = '${cp.hash}' WHERE id = '${cp.id}'`,
      new RegExp(
        `FAILED at sequence ${cp.seq}: forged\\. the checkpoint stored for #${cp.seq} names trusted key [0-9a-f]{16}, but its signature does not verify`,
      ),
    );

    await page.getByRole("button", { name: "Verify integrity" }).click();
    await expect(page.getByTestId("verify-result")).toContainText(/^OK: .* anchored checkpoints? matched/);
  } finally {
    await client.end();
    await page.close();
  }
});
