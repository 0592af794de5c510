"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { useFormErrors } from "@/lib/forms/use-form-errors";
import { useUpdateGrantResources } from "@/lib/queries/grants";
import { ZGrantResourcesInput } from "@/lib/schemas/grant";
import { csv, GrantScopeFields, lines } from "./grant-scope-fields";

type Grant = { id: string; allowedResources: string[]; allowedPrompts: string[]; agent: { name: string } };

/** Edit on a grant's row: its resources and prompts, in a dialog with the new-grant form's fields. */
export function GrantResourcesEdit({ slug, grant }: { slug: string; grant: Grant }) {
  const [open, setOpen] = useState(false);
  const update = useUpdateGrantResources(slug);
  const toast = useToast();
  const { errors, submit: send } = useFormErrors();
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const saved = await send(
      ZGrantResourcesInput,
      { allowedResources: lines(f.get("allowedResources")), allowedPrompts: csv(f.get("allowedPrompts")) },
      (input) => update.mutateAsync({ id: grant.id, input }),
    );
    if (!saved) return;
    toast.show(saved.warnings.length ? `Grant changed. ${saved.warnings.join(" ")}` : "Grant changed");
    setOpen(false);
  }
  return (
    <>
      <Button size="sm" variant="ghost" onClick={() => setOpen(true)}>
        Edit
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Resources and prompts of ${grant.agent.name}'s grant`}>
        <form onSubmit={submit} noValidate className="space-y-3" aria-label="Grant resources and prompts">
          <GrantScopeFields errors={errors} defaults={grant} />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={update.isPending}>
              Save
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
