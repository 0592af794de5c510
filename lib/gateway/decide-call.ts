import { evaluate, type EngineInput, type Evaluation } from "@/lib/policy/decide";
import { RateLimiter, type CallLimiter } from "@/lib/policy/rate-limiter";
import { resolvePath } from "@/lib/policy/real-path";
import { argumentsUnrepresentable } from "./arguments-round-trip";
import type { BundleView } from "./bundle-holder";

/** Stands for a live definition that is not a valid tool: it can never equal an approved hash. */
export const UNHASHABLE = "unhashable-definition";

/**
 * The in-process decision: the same engine as Warden's decision API, over the gateway's bundle.
 * No bundle, a stale bundle or an engine error is a deny. When the upstream's files are on this machine,
 * path rules resolve them as the file system will; `relativeBases` are the roots the upstream was given
 * (it takes relative paths against them), or null when it took none: a relative path is then refused.
 */
export function decideCall(
  view: BundleView,
  input: EngineInput,
  now: Date,
  limiter: CallLimiter,
  filesHere = false,
  relativeBases: readonly string[] | null = [],
): Evaluation {
  if (!view.ok) return { outcome: "deny", rule: "bundle_unavailable", reasons: [`bundle_unavailable: ${view.reason}`] };
  const lost = argumentsUnrepresentable(input.arguments);
  if (lost)
    return { outcome: "deny", rule: "arguments_unrepresentable", reasons: [`arguments_unrepresentable: ${lost}`] };
  try {
    return evaluate(
      view.bundle.snapshot,
      input,
      now,
      limiter,
      filesHere ? { resolve: resolvePath, relativeBases } : { relativeBases },
    );
  } catch (error) {
    console.error("Decision engine error", error);
    return {
      outcome: "deny",
      rule: "engine_error",
      reasons: ["engine_error: the decision engine failed; failing closed"],
    };
  }
}

/**
 * The same decision again, right before forwarding a call that waited (for an approval): every rule,
 * the argument rules with their paths resolved afresh, over the bundle as it is now. The call already
 * took its rate-limit token, so a throwaway limiter stands in.
 */
export function decideAgain(
  view: BundleView,
  input: EngineInput,
  filesHere: boolean,
  relativeBases: readonly string[] | null = [],
): Evaluation {
  return decideCall(view, input, new Date(), new RateLimiter(), filesHere, relativeBases);
}
