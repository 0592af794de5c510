import { Timestamp } from "@/components/ui/timestamp";

export function PauseBanner({ reason, by, since }: { reason: string | null; by: string | null; since: Date | null }) {
  return (
    <div
      role="status"
      data-testid="pause-banner"
      className="bg-red-700 px-4 py-2 text-center text-sm font-medium text-white"
    >
      All MCP access is paused{reason ? `: ${reason}` : ""}. Every tool call is denied
      {by && (
        <>
          {" "}
          (paused by {by}
          {since && (
            <>
              {" "}
              at <Timestamp value={since} />
            </>
          )}
          )
        </>
      )}
      .
    </div>
  );
}
