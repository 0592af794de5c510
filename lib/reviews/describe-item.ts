type Snap = Record<string, unknown>;
const list = (v: unknown) => (Array.isArray(v) ? v.join(" ") : "");

/** Who or what holds the entitlement, in words: the agent, the credential's path, or the owner. */
export function itemSubject(kind: string, s: Snap): string {
  if (kind === "GRANT") return String(s.agent);
  if (kind === "CREDENTIAL") return `${s.provider}:${s.path}`;
  return `${s.primaryOwner ?? "no primary owner"} (team ${s.ownerTeam ?? "none"})`;
}

/** What the entitlement allows, in one line. */
export function itemEntitlement(kind: string, s: Snap): string {
  if (kind === "GRANT")
    return [
      `tools=${list(s.allowedTools)}`,
      `ops=${list(s.allowedOperations)}`,
      s.maxRecords ? `maxRecords=${s.maxRecords}` : "",
      `expires=${s.expiresAt ?? "never"}`,
    ]
      .filter(Boolean)
      .join("; ");
  if (kind === "CREDENTIAL") return `${s.kind} on ${s.server}; rotation ${s.rotationState}`;
  return `owner of ${s.server}`;
}
