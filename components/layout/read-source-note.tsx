import type { ReadSource } from "@/lib/db/replica";

/** A replica this close behind is current: the heartbeat alone ticks every 2 s. */
export const NOTE_AFTER_SECONDS = 5;

const ago = (s: number) => (s < 120 ? `${s} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`);

/** What the note says about where the data came from, or null when there is nothing worth saying. */
export function readSourceText(source: ReadSource | null | undefined): string | null {
  if (!source) return null;
  if (source.from === "replica")
    return source.lagSeconds > NOTE_AFTER_SECONDS
      ? `Data from a read replica, ${ago(source.lagSeconds)} behind.`
      : null;
  if (source.replica === "unreachable") return "The read replica cannot be reached: this data comes from the primary.";
  return source.lagSeconds === null
    ? "The read replica shows no heartbeat yet: this data comes from the primary."
    : `The read replica is ${ago(source.lagSeconds)} behind: this data comes from the primary.`;
}

/** A small, calm line under a screen's data when it came from a lagging replica, or from the primary instead. */
export function ReadSourceNote({ source }: { source: ReadSource | null | undefined }) {
  const text = readSourceText(source);
  if (!text) return null;
  return (
    <p role="note" data-testid="read-source-note" className="text-xs text-slate-500">
      {text}
    </p>
  );
}
