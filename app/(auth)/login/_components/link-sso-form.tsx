"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { apiFetch } from "@/lib/queries/api-client";

/**
 * Single sign-on matched an existing account by its verified email. The account is not taken over:
 * its owner proves its password once, which links the identity; then single sign-on runs again.
 */
export function LinkSsoForm({ token, email, callbackUrl }: { token: string; email: string; callbackUrl: string }) {
  const [error, setError] = useState("");
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    if (!password) return setError("Enter your password");
    setError("");
    setPending(true);
    try {
      await apiFetch("/api/auth/sso-link", { body: { token, password } });
      await signIn("oidc", { callbackUrl });
    } catch (err) {
      setError(err instanceof Error ? err.message : "Linking failed");
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Link single sign-on">
      <h2 className="text-base font-semibold">Link your single sign-on identity</h2>
      <p className="text-sm text-slate-600" data-testid="link-sso-notice">
        A Warden account for <strong>{email}</strong> already exists. Enter its password once to link your single
        sign-on identity to it; from then on, single sign-on signs you in. Or ask an administrator to link it.
      </p>
      {error && (
        <p
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200"
          data-testid="login-error"
        >
          {error}
        </p>
      )}
      <input type="email" name="email" value={email} autoComplete="username" readOnly hidden />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Linking…" : "Link and sign in"}
      </Button>
      <a href="/login" className="block text-center text-sm text-slate-600 underline">
        Cancel
      </a>
    </form>
  );
}
