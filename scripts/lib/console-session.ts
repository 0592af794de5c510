/**
 * Signs in to a running Warden console with email and password, as the login page does, and returns
 * a fetch that carries the session cookie: scripts then use the console API like a person would.
 */
export async function consoleSession(baseUrl: string, email: string, password: string) {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(new URL("/api/auth/csrf", baseUrl));
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const login = await fetch(new URL("/api/auth/callback/credentials", baseUrl), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ email, password, csrfToken, json: "true" }),
  });
  keep(login);
  if (![...jar.keys()].some((k) => k.includes("session-token")))
    throw new Error(`Cannot sign in to ${baseUrl} as ${email}: check the password`);
  return async <T>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(new URL(path, baseUrl), {
      method: body === undefined ? "GET" : "POST",
      headers: { cookie: cookie(), ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = (await res.json()) as T & { error?: { message: string } };
    if (!res.ok) throw new Error(`${path}: ${data.error?.message ?? res.status}`);
    return data;
  };
}
