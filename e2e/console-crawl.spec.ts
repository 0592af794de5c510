import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./support/fixtures";
import { gatewayWorld } from "./support/gateway-world";
import { E2E_ROLES, e2eEmail } from "./support/users";

/** At most this many distinct page shapes per role: a crawl that ends, on a busy machine. */
const MAX_PAGES = 40;
/** What an error page says: the console's error view, Next's own, or the "Not found" page's heading. */
const ERROR_TEXT = /This page could not be shown|Application error|Internal Server Error/;

/**
 * One page shape per pattern: ids and slugs in the path become placeholders, and only the names of the
 * query parameters count (`/servers/crm-1?tab=Tools` and `/servers/crm-2?tab=Access` are one shape per tab).
 */
function pattern(url: URL): string {
  const path = url.pathname
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ":id")
    .replace(/^\/(servers|agents)\/(?!new$)[^/]+/, "/$1/:key");
  const tab = url.searchParams.get("tab");
  const keys = [...url.searchParams.keys()].filter((k) => k !== "tab").sort();
  return `${path}${tab ? `?tab=${tab}` : ""}${keys.length ? ` [${keys.join(",")}]` : ""}`;
}

/** Same-origin page links on the page: no API, downloads, sign-out or fragments of the same page. */
async function pageLinks(page: Page, origin: string): Promise<URL[]> {
  const hrefs = await page
    .locator("a[href]")
    .evaluateAll((as) => as.filter((a) => !a.hasAttribute("download")).map((a) => (a as HTMLAnchorElement).href));
  return hrefs
    .map((h) => new URL(h))
    .filter((u) => u.origin === origin && !u.pathname.startsWith("/api/") && u.pathname !== "/login");
}

for (const role of E2E_ROLES) {
  test(`no dead link for ${role}: every page from the nav, and every link on those pages, opens`, async ({
    as,
    browser,
    baseURL,
  }) => {
    test.setTimeout(600_000);
    // A server, an agent and a grant exist, so detail pages and their links are part of the crawl.
    const admin = await browser.newPage({ baseURL });
    await signIn(admin, e2eEmail("ADMIN"));
    // A first sign-in on a cold production server compiles the dashboard: on a busy machine, slowly.
    await expect(admin.getByRole("heading", { name: "Dashboard" })).toBeVisible({ timeout: 60_000 });
    await gatewayWorld(admin);
    await admin.close();

    const page = await as(role);
    const origin = new URL(baseURL!).origin;
    const nav = await page
      .getByRole("navigation", { name: "Main" })
      .locator("a[href]")
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    const queue: { url: URL; from: string }[] = nav.map((h) => ({ url: new URL(h), from: "nav" }));
    const seen = new Set<string>();
    const failures: string[] = [];
    while (queue.length && seen.size < MAX_PAGES) {
      const { url, from } = queue.shift()!;
      const key = pattern(url);
      if (seen.has(key)) continue;
      seen.add(key);
      const response = await page.goto(url.toString());
      await page.waitForLoadState("networkidle").catch(() => {});
      const status = response?.status() ?? 0;
      const main =
        (await page
          .locator("main")
          .first()
          .textContent({ timeout: 15_000 })
          .catch(() => "")) ?? "";
      const notFound = await page.getByRole("heading", { level: 1, name: "Not found", exact: true }).count();
      const problem = status >= 400 ? `HTTP ${status}` : notFound ? "Not found" : ERROR_TEXT.exec(main)?.[0];
      if (problem) {
        failures.push(`${url.pathname}${url.search} (linked from ${from}): ${problem}`);
        continue;
      }
      for (const next of await pageLinks(page, origin)) queue.push({ url: next, from: url.pathname + url.search });
    }
    test.info().annotations.push({ type: "crawled", description: [...seen].join("\n") });
    if (failures.length) test.info().annotations.push({ type: "dead links", description: failures.join("\n") });
    expect(seen.size, "the crawl reached the console's pages").toBeGreaterThan(3);
    expect(failures, `dead links for ${role}`).toEqual([]);
  });
}
