import type { TManifestTool } from "@/lib/schemas/manifest";
import referenceTools from "./mcp-reference-tools.json" with { type: "json" };

export type ReferenceServer = "everything" | "filesystem" | "memory";

/** The tools/list of the npm reference servers at their pinned versions (checked against the live servers in a test). */
export const REFERENCE_TOOLS = referenceTools as unknown as Record<ReferenceServer, TManifestTool[]>;

/** Where the demo filesystem server is rooted, relative to the project. */
export const DEMO_FILES_DIR = ".data/demo-files";
