"use client";

import { Timestamp } from "@/components/ui/timestamp";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ACTIONS_COLUMN, DataTable, Td } from "@/components/ui/data-table";
import { useToast } from "@/components/ui/toast";
import { useDismissSsoLinkOffer, useLinkSsoIdentity, useSsoLinkOffers } from "@/lib/queries/sso";

/**
 * Single sign-on identities whose verified email matched an existing account. Nothing is linked by email
 * alone: an administrator links one here (audited), or the account's owner proves its password once.
 */
export function SsoLinkRequestsCard() {
  const offers = useSsoLinkOffers();
  const link = useLinkSsoIdentity();
  const dismiss = useDismissSsoLinkOffer();
  const toast = useToast();
  if (!offers.data?.length) return null;

  return (
    <Card title="Single sign-on link requests">
      <p className="mb-3 text-sm text-slate-600">
        These identities signed in with an email that an existing account already has. Link one only when you know the
        identity belongs to that account&apos;s owner; the account keeps the roles it has in Warden.
      </p>
      <DataTable
        label="Single sign-on link requests"
        columns={["Identity", "Existing account", "Requested", ACTIONS_COLUMN]}
        rows={offers.data}
        rowKey={(o) => o.id}
        rowProps={(o) => ({ "data-testid": `sso-link-request-${o.email}` })}
      >
        {(o) => (
          <>
            <Td>
              <p className="font-medium">{o.name}</p>
              <p className="text-xs text-slate-500">
                {o.email} · subject <code>{o.subject}</code>
              </p>
              <p className="text-xs text-slate-500">{o.issuer}</p>
            </Td>
            <Td>{o.user.email}</Td>
            <Td className="text-slate-600">
              <Timestamp value={o.createdAt} />
            </Td>
            <Td className="text-right whitespace-nowrap">
              <Button
                size="sm"
                onClick={async () => {
                  await link.mutateAsync(o.id);
                  toast.show(`Linked ${o.email}'s single sign-on to ${o.user.email}`);
                }}
              >
                Link
              </Button>
              <Button size="sm" variant="ghost" onClick={() => dismiss.mutateAsync(o.id)}>
                Dismiss
              </Button>
            </Td>
          </>
        )}
      </DataTable>
    </Card>
  );
}
