import { z } from "zod";
import { SiemKind } from "@/lib/generated/prisma/enums";
import { withoutSecrets } from "./credential";

/** Only variables with this prefix can hold a SIEM token, so a target can never be pointed at another secret. */
export const SIEM_TOKEN_ENV = /^WARDEN_SIEM_[A-Z0-9_]{1,64}$/;

export const ZCreateSiemTargetInput = z
  .object({
    name: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, "Use lower-case letters, digits, dots, dashes or underscores"),
    kind: z.enum(SiemKind),
    url: withoutSecrets(z.string().trim().max(500)),
    tokenEnv: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.string().trim().regex(SIEM_TOKEN_ENV, "Name an environment variable starting with WARDEN_SIEM_").optional(),
    ),
    allEvents: z.boolean().default(true),
    /** "now": only events from here on; "beginning": the whole audit log first. */
    startFrom: z.enum(["now", "beginning"]).default("now"),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "SPLUNK_HEC") {
      if (!/^https?:\/\/[^\s/]+/.test(v.url))
        ctx.addIssue({ code: "custom", path: ["url"], message: "Enter the HEC endpoint as an http(s) URL" });
      if (!v.tokenEnv)
        ctx.addIssue({ code: "custom", path: ["tokenEnv"], message: "Name the variable that holds the HEC token" });
    } else if (!/^(tcp|tls):\/\/[^\s/:]+:\d{1,5}$/.test(v.url)) {
      ctx.addIssue({ code: "custom", path: ["url"], message: "Enter tcp://host:port or tls://host:port" });
    }
  });
export type TCreateSiemTargetInput = z.input<typeof ZCreateSiemTargetInput>;
