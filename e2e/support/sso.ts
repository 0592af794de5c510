import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_OIDC_ISSUER } from "@/playwright.config";

export type IdpClaims = { email?: string; email_verified?: boolean; name?: string; groups?: string[] };

/** A unique login (the subject) at the test identity provider, so parallel specs never share one. */
export const idpLogin = (label: string) =>
  `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Creates or changes an account at the identity provider (what its admin would do in its console). */
export async function setIdpAccount(request: APIRequestContext, login: string, claims: IdpClaims) {
  const res = await request.put(`${E2E_OIDC_ISSUER}/test/accounts/${encodeURIComponent(login)}`, { data: claims });
  expect(res.status()).toBe(204);
}

/** Where a single sign-on comes to rest: the provider's login form, or a Warden page (refusals land on /login?…). */
function settled(url: URL) {
  if (url.origin === E2E_OIDC_ISSUER) return url.pathname.startsWith("/interaction/");
  return !url.pathname.startsWith("/api/auth") && !(url.pathname === "/login" && url.search === "");
}

/**
 * Clicks "Sign in with single sign-on" and, when the provider asks (no session there yet), signs in
 * on its own login form. Returns once the browser is back on Warden.
 */
export async function ssoSignIn(page: Page, login: string) {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with single sign-on" }).click();
  await page.waitForURL(settled);
  if (new URL(page.url()).origin !== E2E_OIDC_ISSUER) return;
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password: the dev login form accepts it");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.waitForURL((url) => url.origin !== E2E_OIDC_ISSUER && settled(url));
}
