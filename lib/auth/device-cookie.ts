import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

/**
 * A browser that signed in to an account gets a device cookie for it: its sign-in attempts for that
 * account are throttled on their own key, so failures by anyone else never keep it out. Signed with the
 * session secret and bound to the email, so it cannot be forged or reused for another account.
 */
export const DEVICE_COOKIE = "warden-device";
export const DEVICE_COOKIE_DAYS = 180;

const mac = (secret: string, email: string, id: string) =>
  createHmac("sha256", secret).update(`device\u0000${email}\u0000${id}`).digest("base64url");

export function issueDeviceCookie(secret: string, email: string): string {
  const id = randomUUID();
  return `${id}.${mac(secret, email, id)}`;
}

/** The device id, if the cookie is one Warden issued for this email. */
export function verifiedDevice(secret: string, email: string, cookie: string | undefined): string | null {
  const [id, sig] = (cookie ?? "").split(".");
  if (!id || !sig || !/^[0-9a-f-]{36}$/.test(id)) return null;
  const expected = Buffer.from(mac(secret, email, id));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

export function readCookie(header: string | null | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
