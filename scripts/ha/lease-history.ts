export type LeaseAcquisition = {
  name: string;
  holder: string;
  acquiredAt: Date;
  previousHolder: string | null;
  previousExpiresAt: Date | null;
};

/**
 * What is wrong in a lease history (JobLeaseAcquisition rows, in the order they were written): a
 * holder that took a lease before the previous holder's had expired (two holders at overlapping
 * times), or a row whose previous holder is not the holder recorded before it (a takeover missing).
 */
export function leaseHistoryFaults(rows: LeaseAcquisition[]): string[] {
  const faults: string[] = [];
  const last = new Map<string, LeaseAcquisition>();
  for (const row of rows) {
    const before = last.get(row.name);
    if ((row.previousHolder ?? null) !== (before?.holder ?? null))
      faults.push(`${row.name}: ${row.holder} took it from ${row.previousHolder}, but ${before?.holder} held it`);
    if (row.previousExpiresAt && row.previousExpiresAt > row.acquiredAt)
      faults.push(
        `${row.name}: ${row.holder} took it at ${row.acquiredAt.toISOString()}, before ${row.previousHolder}'s lease expired at ${row.previousExpiresAt.toISOString()}`,
      );
    last.set(row.name, row);
  }
  return faults;
}
