import { test as base, expect, type Page } from "@playwright/test";
import type { Role } from "@/lib/generated/prisma/enums";
import { E2E_PASSWORD } from "@/playwright.config";
import { e2eEmail } from "./users";

export async function signIn(page: Page, email: string, password = E2E_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** `as(role)`: the page, signed in as that role's e2e user and landed on the dashboard. */
export const test = base.extend<{ as: (role: Role) => Promise<Page> }>({
  as: async ({ page }, provide) => {
    await provide(async (role) => {
      await signIn(page, e2eEmail(role));
      // A cold production server on a busy machine can take well over 15 s to render its first dashboard.
      await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible({ timeout: 60_000 });
      return page;
    });
  },
});

export { expect };
