"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { fieldErrors } from "@/lib/schemas/parse";
import { ZSignInInput } from "@/lib/schemas/auth";

export function LoginForm({
  callbackUrl,
  sso,
  passwordLogin,
  initialError,
}: {
  callbackUrl: string;
  sso: boolean;
  /** False with WARDEN_PASSWORD_LOGIN=off: the password form is kept for the break-glass admin only. */
  passwordLogin: boolean;
  initialError?: string;
}) {
  const router = useRouter();
  const [error, setError] = useState(initialError ?? "");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = ZSignInInput.safeParse({ email: form.get("email"), password: form.get("password") });
    if (!parsed.success) return setFields(fieldErrors(parsed.error));
    setFields({});
    setPending(true);
    const result = await signIn("credentials", { ...parsed.data, redirect: false });
    if (result?.ok && !result.error) return router.replace(callbackUrl);
    setError(!result?.error || result.error === "CredentialsSignin" ? "Invalid email or password" : result.error);
    // Throttled (429): the message stays the same; the button waits a moment before the next try.
    if (result?.status === 429) setTimeout(() => setPending(false), 3000);
    else setPending(false);
  }

  const ssoButton = sso && (
    <Button
      variant={passwordLogin ? "secondary" : "primary"}
      className="w-full"
      onClick={() => signIn("oidc", { callbackUrl })}
    >
      Sign in with single sign-on
    </Button>
  );
  const passwordForm = (
    <form onSubmit={submit} noValidate className="space-y-4">
      <Field label="Email" name="email" type="email" autoComplete="username" required error={fields.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={fields.password}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );

  return (
    <div className="space-y-4">
      {error && (
        <p
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200"
          data-testid="login-error"
        >
          {error}
        </p>
      )}
      {passwordLogin ? (
        <>
          {passwordForm}
          {ssoButton}
        </>
      ) : (
        <>
          {ssoButton}
          <details className="rounded-md border border-slate-200 px-3 py-2 text-sm">
            <summary className="cursor-pointer text-slate-600">Break-glass administrator sign-in</summary>
            <p className="my-3 text-xs text-slate-500">
              Password sign-in is off. Only the break-glass account may use it; every use alerts the other
              administrators.
            </p>
            {passwordForm}
          </details>
        </>
      )}
    </div>
  );
}
