import type { RiskLevel } from "@/lib/generated/prisma/enums";
import type { TManifestTool } from "@/lib/schemas/manifest";
import { scanToolDefinition } from "./poisoning/scan-tool-definition";

export const RISK_ORDER: RiskLevel[] = ["LOW", "MEDIUM", "HIGH", "CRITICAL"];

const CRITICAL_WORDS =
  /\b(exec|execute|shell|eval|run command|drop|truncate|transfer|wire|payment|sudo|impersonate|grant admin)\b/i;
const HIGH_WORDS =
  /\b(delete|remove|destroy|purge|send|email|post message|publish|merge|deploy|update|write|create|modify|upload|share|invite|approve|close)\b/i;
const MEDIUM_WORDS = /\b(query|search|download|export|list users|read file|fetch)\b/i;

const words = (s: string) => s.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[_\-./]/g, " ");

/**
 * A tool's risk from its MCP annotations and from the words in its name and description. Annotations
 * are hints the server itself asserts, so a scary name outranks a reassuring readOnlyHint, and a
 * definition carrying instructions for the model (tool poisoning) is CRITICAL whatever it claims. Pass the
 * verdict in when it was computed with the registry's context (shadowing needs the other servers).
 */
export function classifyRisk(
  tool: Pick<TManifestTool, "name" | "description" | "annotations">,
  poisoned = scanToolDefinition(tool).flagged,
): RiskLevel {
  if (poisoned) return "CRITICAL";
  const name = words(tool.name);
  const text = `${name} ${tool.description}`;
  const a = tool.annotations ?? {};
  if (CRITICAL_WORDS.test(name) || (a.destructiveHint === true && a.openWorldHint === true)) return "CRITICAL";
  if (a.destructiveHint === true || HIGH_WORDS.test(name)) return "HIGH";
  if (a.readOnlyHint === true && !CRITICAL_WORDS.test(text)) return a.openWorldHint ? "MEDIUM" : "LOW";
  if (CRITICAL_WORDS.test(text) || HIGH_WORDS.test(text)) return "MEDIUM";
  if (a.openWorldHint === true || MEDIUM_WORDS.test(name)) return "MEDIUM";
  return a.readOnlyHint === false ? "MEDIUM" : "LOW";
}

export const needsApprovalByDefault = (risk: RiskLevel) => risk === "HIGH" || risk === "CRITICAL";
