import { isSsoRefusal, SSO_REFUSALS } from "./sso/refusals";

/** next-auth's error codes, in words. Unknown codes get a generic sentence: the URL is not ours to print. */
const CODES: Record<string, string> = {
  CredentialsSignin: "Invalid email or password",
  AccessDenied: "You are not allowed to sign in",
  OAuthSignin: "Single sign-on is unavailable: Warden could not reach the identity provider.",
  OAuthCallback: SSO_REFUSALS.provider_error,
  Callback: SSO_REFUSALS.provider_error,
  SessionRequired: "Sign in to continue",
};

/** The sentence the sign-in page shows for `?error=…&reason=…`. */
export function signInErrorMessage(error: string | undefined, reason?: string): string {
  if (!error) return "";
  if (error === "SsoRefused") return isSsoRefusal(reason) ? SSO_REFUSALS[reason] : SSO_REFUSALS.provider_error;
  return CODES[error] ?? "Sign-in failed";
}
