"use client";

import { Button } from "@/components/ui/button";
import { useUnlinkSsoIdentity } from "@/lib/queries/sso";
import type { Jsonified } from "@/lib/queries/jsonified";
import type { UserView } from "@/lib/services/users/user-view";

const HOW = { PROVISIONED: "created by sign-in", PASSWORD: "linked by password", ADMIN: "linked by an admin" };

/** A user's single sign-on identities (issuer and subject), each with an audited Unlink. */
export function SsoIdentities({ user }: { user: Jsonified<UserView> }) {
  const unlink = useUnlinkSsoIdentity();
  if (user.ssoIdentities.length === 0) return null;
  return (
    <section className="space-y-2 border-t border-slate-200 pt-4" aria-label="Single sign-on identities">
      <h3 className="text-sm font-medium text-slate-700">Single sign-on</h3>
      {user.rolesManagedBy && (
        <p className="text-xs text-slate-500">
          Roles follow the identity provider&apos;s groups at every sign-in ({user.rolesManagedBy}).
        </p>
      )}
      <ul className="space-y-2">
        {user.ssoIdentities.map((i) => (
          <li key={i.id} className="flex items-center justify-between gap-2 text-xs text-slate-600">
            <span>
              <code>{i.subject}</code> at {i.issuer} · {HOW[i.linkedBy]}
            </span>
            <Button size="sm" variant="ghost" onClick={() => unlink.mutateAsync(i.id)}>
              Unlink
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
