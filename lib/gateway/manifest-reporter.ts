import type { GatewayCore } from "./core";
import type { Upstream } from "./upstream";

const RETRY_MS = 5_000;

/**
 * Tells Warden what each upstream offers: at connect and whenever a definition changes. Warden
 * records new tools for review and sends changed ones back to review (a rug pull), opening the
 * re-approval request. The gateway does not wait for this: a changed tool is blocked locally already,
 * because its live hash no longer equals the approved one.
 */
export function reportManifests(core: GatewayCore, upstream: Upstream): () => void {
  let timer: NodeJS.Timeout | null = null;
  const report = async () => {
    timer = null;
    try {
      const r = await core.warden.reportManifest(
        upstream.slug,
        [...upstream.tools.values()].map((t) => t.tool),
      );
      if (r.changed.length || r.added.length)
        core.log(
          `${upstream.slug}: reported to Warden, ${r.added.length} new and ${r.changed.length} changed tool(s) wait for review: ${[...r.added, ...r.changed].join(", ")}`,
        );
    } catch (error) {
      core.log(
        `${upstream.slug}: cannot report the tool list to Warden yet (${error instanceof Error ? error.message : error})`,
      );
      timer = setTimeout(() => void report(), RETRY_MS);
      timer.unref();
    }
  };
  const off = upstream.onToolsChanged((changed) => {
    if (changed.length) core.log("tool definitions changed", { upstream: upstream.slug, tools: changed });
    if (timer) clearTimeout(timer);
    void report();
  });
  return () => {
    off();
    if (timer) clearTimeout(timer);
  };
}
