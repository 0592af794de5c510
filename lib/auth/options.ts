import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { ZSignInInput } from "@/lib/schemas/auth";
import { findActiveUserByEmail, provisionOidcUser, type OidcProfile } from "@/lib/services/auth/provision-oidc-user";
import { signInWithPassword } from "@/lib/services/auth/sign-in-with-password";
import { signOut } from "@/lib/services/auth/sign-out";
import { safeCallbackPath } from "./callback-url";
import { DEVICE_COOKIE, issueDeviceCookie, readCookie, verifiedDevice } from "./device-cookie";
import { authSecret } from "./secret";
import { clientAddress, currentSignInAttempt } from "./sign-in-attempt";

export function oidcEnabled(): boolean {
  const e = env();
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
}

function oidcProvider(): OAuthConfig<OidcProfile> {
  const e = env();
  return {
    id: "oidc",
    name: "Single sign-on",
    type: "oauth",
    wellKnown: `${e.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile: (p) => ({ id: p.sub, email: p.email, name: p.name ?? p.email }),
  };
}

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const e = env();
  const credentials = CredentialsProvider({
    name: "Email and password",
    credentials: { email: { type: "email" }, password: { type: "password" } },
    async authorize(raw, req) {
      const parsed = ZSignInInput.safeParse(raw);
      if (!parsed.success) throw new Error("Enter your email and password");
      const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
      const secret = authSecret();
      const attempt = currentSignInAttempt();
      try {
        const user = await signInWithPassword(parsed.data, new Date(), {
          address: clientAddress(headers),
          device: verifiedDevice(secret, parsed.data.email, readCookie(headers.cookie, DEVICE_COOKIE)),
        });
        if (attempt) attempt.deviceCookie = issueDeviceCookie(secret, parsed.data.email);
        return { id: user.id, email: user.email, name: user.name };
      } catch (error) {
        if (attempt && error instanceof AppError) attempt.retryAfterSeconds = error.retryAfterSeconds;
        throw error;
      }
    },
  });
  cached = {
    secret: authSecret(),
    providers: oidcEnabled() ? [credentials, oidcProvider()] : [credentials],
    session: { strategy: "jwt", maxAge: e.SESSION_MAX_AGE_MINUTES * 60 },
    useSecureCookies: e.NEXTAUTH_URL?.startsWith("https://") ?? false,
    pages: { signIn: "/login", error: "/login" },
    callbacks: {
      // Only this site: relative paths that stay here, or absolute URLs of this origin.
      async redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackPath(url, new URL(baseUrl).origin)}`;
      },
      async signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true;
        const user = await provisionOidcUser(profile as OidcProfile);
        return user !== null;
      },
      async jwt({ token, user, account }) {
        if (account?.provider === "oidc" && token.email) {
          const provisioned = await findActiveUserByEmail(token.email);
          if (provisioned) token.sub = provisioned.id;
        } else if (user) {
          token.sub = user.id;
        }
        // A session id, so sign-out can end this session everywhere its cookie was copied to.
        if (user) token.sid = randomUUID();
        return token;
      },
      async session({ session, token }) {
        if (session.user) session.user.id = token.sub ?? "";
        session.sid = typeof token.sid === "string" ? token.sid : undefined;
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
