import { canonicalJson } from "@/lib/crypto/canonical-json";
import { ZDecisionInput } from "@/lib/schemas/decision";

const wardenArguments = ZDecisionInput.shape.arguments;

/**
 * Why a call's arguments would not reach Warden as they are, or null when they would. The gateway
 * decides on, asks Warden to approve (which hashes the canonical JSON of what its schema keeps) and
 * forwards one value: the arguments as the agent sent them. So that value must come through Warden's
 * schema unchanged; a key or value that cannot (a NUL, a lone surrogate, a key over 200 characters,
 * nesting over 64 levels, or anything the schema would drop) is refused rather than hashed as
 * something else. The arguments already came through JSON (the MCP transport parsed them).
 */
export function argumentsUnrepresentable(args: Record<string, unknown>): string | null {
  const parsed = wardenArguments.safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? ` at ${issue.path.join(".")}` : "";
    return `the arguments cannot be recorded and approved as sent${where}: ${issue.message}`;
  }
  if (parsed.data !== args && canonicalJson(parsed.data) !== canonicalJson(args))
    return "the arguments would change on their way to Warden, so an approval could not be bound to them";
  return null;
}
