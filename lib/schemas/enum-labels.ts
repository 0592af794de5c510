/** How enum values read to people, where the generic rule ("PENDING_APPROVAL" -> "Pending approval") is wrong. */
const SPECIAL: Record<string, string> = {
  STDIO: "stdio",
  STREAMABLE_HTTP: "Streamable HTTP",
  SSE: "SSE (legacy)",
  SELF_HOSTED: "Self-hosted",
  VENDOR_HOSTED: "Vendor-hosted",
  HASHICORP_VAULT: "HashiCorp Vault",
  AWS_SECRETS_MANAGER: "AWS Secrets Manager",
  AZURE_KEY_VAULT: "Azure Key Vault",
  GCP_SECRET_MANAGER: "GCP Secret Manager",
  ENV_VAR: "Environment variable",
  OAUTH_TOKEN: "OAuth token",
  API_KEY: "API key",
  DB_PASSWORD: "Database password",
  DEV: "DEV",
  STAGING: "STAGING",
  PROD: "PROD",
};

export function enumLabel(value: string): string {
  if (SPECIAL[value]) return SPECIAL[value];
  const words = value.toLowerCase().replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
