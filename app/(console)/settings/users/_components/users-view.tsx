"use client";

import { Timestamp } from "@/components/ui/timestamp";
import { useState } from "react";
import { EmptyState } from "@/components/layout/empty-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { ACTIONS_COLUMN, DataTable, Td } from "@/components/ui/data-table";
import { useToast } from "@/components/ui/toast";
import { useUpdateUser, useUsers } from "@/lib/queries/users";
import type { Jsonified } from "@/lib/queries/jsonified";
import type { UserView } from "@/lib/services/users/user-view";
import { SsoIdentities } from "./sso-identities";
import { UserForm } from "./user-form";
import { LoadingState } from "@/components/layout/loading-state";

function Status({ user }: { user: Jsonified<UserView> }) {
  if (user.disabled) return <Badge tone="danger">Disabled</Badge>;
  if (user.lockedUntil && new Date(user.lockedUntil) > new Date()) return <Badge tone="warning">Locked</Badge>;
  return <Badge tone="success">Active</Badge>;
}

export function UsersView({ currentUserId }: { currentUserId: string }) {
  const users = useUsers();
  const update = useUpdateUser();
  const toast = useToast();
  const [editing, setEditing] = useState<Jsonified<UserView> | "new" | null>(null);

  const toggle = async (u: Jsonified<UserView>) => {
    await update.mutateAsync({ id: u.id, disabled: !u.disabled });
    toast.show(`${u.email} ${u.disabled ? "enabled" : "disabled"}`);
  };

  return (
    <Card
      title="Users"
      actions={
        <Button size="sm" onClick={() => setEditing("new")}>
          Add user
        </Button>
      }
    >
      {users.isPending && <LoadingState />}
      {users.data && (
        <DataTable
          label="Users"
          columns={["User", "Roles", "Teams", "Status", "Last sign-in", ACTIONS_COLUMN]}
          rows={users.data}
          rowKey={(u) => u.id}
          rowProps={(u) => ({ "data-testid": `user-row-${u.email}` })}
          empty={<EmptyState title="No users yet" />}
        >
          {(u) => (
            <>
              <Td>
                <p className="font-medium">{u.name}</p>
                <p className="text-xs text-slate-500">{u.email}</p>
                {u.ssoIdentities.length > 0 && (
                  <Badge tone={u.rolesManagedBy ? "info" : "neutral"}>
                    {u.rolesManagedBy ? "SSO · roles from groups" : "SSO linked"}
                  </Badge>
                )}
              </Td>
              <Td>
                <div className="flex flex-wrap gap-1">
                  {u.roles.map((r) => (
                    <Badge key={r} tone="info">
                      {r}
                    </Badge>
                  ))}
                </div>
              </Td>
              <Td className="text-slate-600">{u.teams.map((t) => t.name).join(", ") || "—"}</Td>
              <Td>
                <Status user={u} />
              </Td>
              <Td className="text-slate-600">
                <Timestamp value={u.lastLoginAt} empty="Never" />
              </Td>
              <Td className="text-right whitespace-nowrap">
                <Button size="sm" variant="ghost" onClick={() => setEditing(u)}>
                  Edit
                </Button>
                {u.id !== currentUserId && (
                  <Button size="sm" variant={u.disabled ? "secondary" : "ghost"} onClick={() => toggle(u)}>
                    {u.disabled ? "Enable" : "Disable"}
                  </Button>
                )}
              </Td>
            </>
          )}
        </DataTable>
      )}
      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === "new" ? "Add user" : "Edit user"}
      >
        {editing !== null && (
          <UserForm user={editing === "new" ? undefined : editing} onDone={() => setEditing(null)}>
            {editing !== "new" && <SsoIdentities user={users.data?.find((u) => u.id === editing.id) ?? editing} />}
          </UserForm>
        )}
      </Dialog>
    </Card>
  );
}
