"use client";

/** One date format everywhere: UTC, to the second, with the reader's local time on hover. */
export function formatUtc(value: string | Date): string {
  return `${new Date(value).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

export function Timestamp({ value }: { value: string | Date | null | undefined }) {
  if (!value) return <span className="text-slate-400">—</span>;
  const date = new Date(value);
  return (
    <time
      dateTime={date.toISOString()}
      title={date.toLocaleString()}
      suppressHydrationWarning
      className="whitespace-nowrap tabular-nums"
    >
      {formatUtc(date)}
    </time>
  );
}
