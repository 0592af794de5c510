import type { Metadata } from "next";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { oidcEnabled } from "@/lib/web-session/options";
import { signInErrorMessage } from "@/lib/auth/sign-in-messages";
import { env } from "@/lib/env";
import { findSsoLinkOffer } from "@/lib/services/auth/find-sso-link-offer";
import { LinkSsoForm } from "./_components/link-sso-form";
import { LoginForm } from "./_components/login-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string; reason?: string; link?: string }>;
}) {
  const { callbackUrl, error, reason, link } = await searchParams;
  // Only paths on this site: an open redirect after sign-in is a phishing tool.
  const next = safeCallbackPath(callbackUrl);
  const offer = link ? await findSsoLinkOffer(link) : null;
  const message = link && !offer ? "This link request has expired. Sign in with single sign-on again." : "";
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-100 p-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold tracking-tight">Warden</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">Sign in to the MCP governance console.</p>
        {offer && link ? (
          <LinkSsoForm token={link} email={offer.email} callbackUrl={next} />
        ) : (
          <LoginForm
            callbackUrl={next}
            sso={oidcEnabled()}
            passwordLogin={env().WARDEN_PASSWORD_LOGIN === "on"}
            initialError={message || signInErrorMessage(error, reason)}
          />
        )}
      </div>
    </main>
  );
}
