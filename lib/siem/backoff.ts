/** 2 s, 4 s, 8 s … capped at five minutes: a SIEM back from an outage is caught up within minutes. */
export const siemBackoffMs = (failures: number) => Math.min(300_000, 1000 * 2 ** Math.min(failures, 20));
