import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user?: { id: string; name?: string | null; email?: string | null };
    /** This session's id: refused after sign-out (RevokedSession). */
    sid?: string;
    /** Single sign-on sessions only: when (epoch seconds) the session ends, whatever the cookie says. */
    ssoUntil?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
    ssoUntil?: number;
  }
}
