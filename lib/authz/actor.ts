import { AppError } from "@/lib/errors";
import type { ActorType, Role, TokenScope } from "@/lib/generated/prisma/enums";
import { can, type Action } from "./permissions";

export type UserActor = { type: "USER"; id: string; email: string; name: string; roles: Role[] };
export type TokenActor = { type: "TOKEN"; id: string; name: string; scopes: TokenScope[] };

/** The operator at the server's shell (seed, CLI scripts). No HTTP route ever produces it. */
export type SystemActor = { type: "SYSTEM"; label: string };

/** Whoever is acting: a signed-in person, a machine holding an API token, or the operator's CLI. */
export type Actor = UserActor | TokenActor | SystemActor;

/** Who an audit record names: the acting user, token or operator, as the audit chain stores them. */
export type AuditActor = { type: ActorType; id: string | null; label: string };

export const systemActor = (label: string): SystemActor => ({ type: "SYSTEM", label });

export function auditActor(actor: Actor): AuditActor {
  if (actor.type === "USER") return { type: "USER", id: actor.id, label: actor.email };
  if (actor.type === "TOKEN") return { type: "TOKEN", id: actor.id, label: `token:${actor.name}` };
  return { type: "SYSTEM", id: null, label: actor.label };
}

export function assertCan(actor: Actor, action: Action): void {
  if (!can(actor, action)) throw new AppError("FORBIDDEN", `Not allowed: ${action}`);
}
