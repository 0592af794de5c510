import { z } from "zod";

/** How a gateway names itself on a bundle poll (headers, so untrusted: a bad one is ignored, never fatal). */
export const ZGatewayContact = z.object({
  gatewayId: z
    .string()
    .min(1)
    .max(120)
    .regex(/^[A-Za-z0-9._:@-]+$/),
  upstreams: z
    .string()
    .max(4000)
    .transform((v) => v.split(",").filter(Boolean))
    .pipe(z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/)).max(50)),
  heldEtag: z.string().max(200).nullable(),
  /** `x-warden-gateway-auth`: "static", or "oauth <issuer URL>" */
  auth: z
    .string()
    .max(600)
    .nullish()
    .transform((v) => {
      const m = /^(static|oauth)(?: (https?:\/\/\S{1,500}))?$/.exec(v ?? "");
      return m ? { authMode: m[1], oauthIssuer: m[1] === "oauth" ? (m[2] ?? null) : null } : null;
    }),
});
export type TGatewayContact = z.input<typeof ZGatewayContact>;

/** A gateway counts as connected while it has polled within this window (it polls at least every 30 s). */
export const GATEWAY_CONNECTED_SECONDS = 90;
