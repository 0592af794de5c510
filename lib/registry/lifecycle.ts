import type { Action } from "@/lib/authz/permissions";
import type { ServerStatus } from "@/lib/generated/prisma/enums";

export type Transition = {
  to: ServerStatus;
  /** The permission the move needs, on top of being allowed to change this server at all. */
  permission: Action;
  label: string;
  /** A reason is required, and is audited: suspending and reinstating. */
  needsReason?: boolean;
  /** Destructive: the console asks for confirmation. */
  danger?: boolean;
};

/** The server lifecycle: which moves exist, and who may make them. Suspending is everyone's kill switch. */
export const SERVER_TRANSITIONS: Record<ServerStatus, Transition[]> = {
  DRAFT: [
    { to: "PENDING_APPROVAL", permission: "servers.manage", label: "Submit for approval" },
    { to: "RETIRED", permission: "servers.manage", label: "Retire", danger: true },
  ],
  PENDING_APPROVAL: [
    { to: "ACTIVE", permission: "servers.activate", label: "Activate" },
    { to: "DRAFT", permission: "servers.manage", label: "Back to draft" },
    { to: "RETIRED", permission: "servers.manage", label: "Retire", danger: true },
  ],
  ACTIVE: [
    { to: "SUSPENDED", permission: "servers.manage", label: "Suspend now", needsReason: true, danger: true },
    { to: "RETIRED", permission: "servers.activate", label: "Retire", danger: true },
  ],
  SUSPENDED: [
    { to: "ACTIVE", permission: "servers.activate", label: "Reinstate", needsReason: true },
    { to: "RETIRED", permission: "servers.activate", label: "Retire", danger: true },
  ],
  RETIRED: [],
};

export function findTransition(from: ServerStatus, to: ServerStatus): Transition | undefined {
  return SERVER_TRANSITIONS[from].find((t) => t.to === to);
}

/** The moves this actor may make from `from`, given what their permissions allow. */
export function allowedTransitions(from: ServerStatus, may: (action: Action) => boolean): Transition[] {
  return SERVER_TRANSITIONS[from].filter((t) => may(t.permission));
}
