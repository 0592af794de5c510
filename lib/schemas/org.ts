import { z } from "zod";
import { int, text } from "./safe-input";

export const ZOrgPauseInput = z.object({
  paused: z.boolean(),
  reason: text().trim().min(3, "Give a reason").max(1000),
});
export type TOrgPauseInput = z.infer<typeof ZOrgPauseInput>;

export const ZOrgSettingsInput = z
  .object({
    businessTimezone: text()
      .trim()
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat("en", { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, "Unknown IANA time zone, e.g. Europe/Berlin"),
    businessStartHour: int(0, 23),
    businessEndHour: int(1, 24),
    fallbackApproverTeamId: z.preprocess((v) => (v === "" ? null : v), z.uuid().nullable()),
  })
  .refine((v) => v.businessEndHour > v.businessStartHour, {
    path: ["businessEndHour"],
    message: "Must be after the start hour",
  });
export type TOrgSettingsInput = z.input<typeof ZOrgSettingsInput>;
