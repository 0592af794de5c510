import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { ZSignInInput } from "@/lib/schemas/auth";
import { findSsoUserId } from "@/lib/services/auth/find-sso-user-id";
import { guardPasswordSignIn } from "@/lib/services/auth/guard-password-sign-in";
import { recordBreakGlassSignIn } from "@/lib/services/auth/record-break-glass-sign-in";
import { recordSsoProviderError } from "@/lib/services/auth/record-sso-provider-error";
import { signInWithPassword } from "@/lib/services/auth/sign-in-with-password";
import { signInWithSso } from "@/lib/services/auth/sign-in-with-sso";
import { signOut } from "@/lib/services/auth/sign-out";
import type { SsoClaims } from "@/lib/auth/sso/claims";
import { ssoEnabled, ssoProvider } from "@/lib/auth/sso/provider";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { DEVICE_COOKIE, issueDeviceCookie, readCookie, verifiedDevice } from "@/lib/auth/device-cookie";
import { clientAddress } from "@/lib/http/client-address";
import { authSecret } from "@/lib/auth/secret";
import { currentSignInAttempt } from "@/lib/auth/sign-in-attempt";
import { activeUser } from "./active-user";
import { sessionJwt } from "./session-jwt";

/**
 * Thrown by the jwt callback for a session that has ended (signed out, user disabled or gone, SSO lifetime
 * over). next-auth then answers its session endpoint as signed out (`{}`) and clears the cookie instead of
 * re-issuing it; getServerSession answers null. Not an error worth a log line.
 */
class SessionEnded extends Error {
  override name = "SessionEnded";
}

/** Whether the sign-in page offers single sign-on. */
export const oidcEnabled = ssoEnabled;

let cached: NextAuthOptions | undefined;

/** Where a refused single sign-on lands: the sign-in page, with the reason (and a link offer's token). */
function refusedUrl(reason: string, linkToken?: string) {
  const params = new URLSearchParams({ error: "SsoRefused", reason, ...(linkToken ? { link: linkToken } : {}) });
  return `/login?${params}`;
}

export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const e = env();
  const credentials = CredentialsProvider({
    name: "Email and password",
    credentials: { email: { type: "email" }, password: { type: "password" } },
    async authorize(raw, req) {
      const parsed = ZSignInInput.safeParse(raw);
      if (!parsed.success) throw new Error("Enter your email and password");
      // With WARDEN_PASSWORD_LOGIN=off only the break-glass admin gets past this, and that use is loud.
      const { breakGlass } = await guardPasswordSignIn(parsed.data);
      const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
      const secret = authSecret();
      const attempt = currentSignInAttempt();
      try {
        const user = await signInWithPassword(parsed.data, new Date(), {
          address: clientAddress(headers),
          device: verifiedDevice(secret, parsed.data.email, readCookie(headers.cookie, DEVICE_COOKIE)),
        });
        if (attempt) attempt.deviceCookie = issueDeviceCookie(secret, parsed.data.email);
        if (breakGlass) await recordBreakGlassSignIn(user);
        return { id: user.id, email: user.email, name: user.name };
      } catch (error) {
        if (attempt && error instanceof AppError) attempt.retryAfterSeconds = error.retryAfterSeconds;
        throw error;
      }
    },
  });
  const jwt = sessionJwt();
  cached = {
    secret: jwt.secret,
    providers: ssoEnabled() ? [credentials, ssoProvider()] : [credentials],
    session: { strategy: "jwt", maxAge: e.SESSION_MAX_AGE_MINUTES * 60 },
    useSecureCookies: jwt.secureCookie,
    pages: { signIn: "/login", error: "/login" },
    logger: {
      error(code, metadata) {
        if (metadata instanceof Error && metadata.name === "SessionEnded") return;
        console.error(`[next-auth] ${code}`, metadata);
        // A single sign-on that failed before Warden learnt who it was: audited too.
        if (e.OIDC_ISSUER && /^(OAUTH_|SIGNIN_OAUTH_)/.test(code)) {
          recordSsoProviderError(e.OIDC_ISSUER, code, errorText(metadata)).catch((err) =>
            console.error("[warden] could not audit a failed single sign-on", err),
          );
        }
      },
      warn: (code) => console.warn(`[next-auth] ${code}`),
      debug: () => {},
    },
    callbacks: {
      // Only this site: relative paths that stay here, or absolute URLs of this origin.
      async redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackPath(url, new URL(baseUrl).origin)}`;
      },
      async signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true;
        try {
          const result = await signInWithSso(profile as unknown as SsoClaims);
          return result.ok ? true : refusedUrl(result.reason, result.linkToken);
        } catch (err) {
          console.error("[warden] single sign-on could not be completed", err);
          return refusedUrl("provider_error");
        }
      },
      async jwt({ token, user, account, profile }) {
        if (account?.provider === "oidc") {
          // The user is found by the identity's (issuer, subject) only, never by the email claim.
          const claims = profile as unknown as SsoClaims;
          const userId = await findSsoUserId(claims.issuer, claims.subject);
          if (!userId) throw new Error("Single sign-on identity is not linked");
          token.sub = userId;
          // SSO sessions end early, so a role removed at the provider applies at the next sign-in.
          token.ssoUntil = Math.floor(Date.now() / 1000) + e.OIDC_SESSION_MAX_AGE_MINUTES * 60;
        } else if (user) {
          token.sub = user.id;
        }
        // A session id, so sign-out can end this session everywhere its cookie was copied to.
        if (user) token.sid = randomUUID();
        // Every later read of the session (the session endpoint, getServerSession) asks whether it still holds.
        else if (!account && !(await activeUser(token.sub, token.sid, token.ssoUntil))) throw new SessionEnded();
        return token;
      },
      async session({ session, token }) {
        if (session.user) session.user.id = token.sub ?? "";
        session.sid = typeof token.sid === "string" ? token.sid : undefined;
        session.ssoUntil = typeof token.ssoUntil === "number" ? token.ssoUntil : undefined;
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        await signOut(token);
      },
    },
  };
  return cached;
}

function errorText(metadata: unknown): string {
  if (metadata instanceof Error) return metadata.message;
  const m = metadata as { error?: unknown; error_description?: unknown } | undefined;
  const inner = m?.error instanceof Error ? m.error.message : String(m?.error ?? "unknown error");
  return typeof m?.error_description === "string" ? `${inner}: ${m.error_description}` : inner;
}
