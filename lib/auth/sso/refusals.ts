/** Why a single sign-on was refused: one sentence for the sign-in page and the server log alike. */
export const SSO_REFUSALS = {
  no_email:
    "The identity provider sent no email address for this account. Warden needs the email claim (scope “email”) to sign you in.",
  email_not_verified:
    "The identity provider sent no verified email (email_verified is not true), so Warden cannot create or match an account for it.",
  disabled: "This Warden account is disabled.",
  link_required:
    "A Warden account with this email already exists. Prove it is yours with its password once, or ask an administrator to link your single sign-on identity.",
  bad_role_map: "Warden's OIDC_ROLE_MAP setting is invalid, so no roles can be given. An administrator must fix it.",
  not_linked: "This single sign-on identity is not linked to a Warden account.",
  provider_error:
    "Single sign-on failed while talking to the identity provider. The Warden server log names the error.",
} as const;

export type SsoRefusal = keyof typeof SSO_REFUSALS;

export const isSsoRefusal = (v: unknown): v is SsoRefusal => typeof v === "string" && Object.hasOwn(SSO_REFUSALS, v);
