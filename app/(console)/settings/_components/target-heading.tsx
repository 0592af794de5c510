import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

/** The first line of an outbound target (a SIEM target, a webhook): its name, what it is, where it goes. */
export function TargetHeading({
  name,
  url,
  badges,
  onDelete,
}: {
  name: string;
  url: string;
  badges: ReactNode;
  onDelete: () => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <span className="font-medium">{name}</span>
      {badges}
      <span className="font-mono text-xs text-slate-500">{url}</span>
      <Button size="sm" variant="ghost" className="ml-auto" onClick={onDelete}>
        Delete
      </Button>
    </div>
  );
}
