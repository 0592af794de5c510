import { z } from "zod";
import { text } from "./safe-input";

/** The command palette's query: a name, or part of one. */
export const ZSearchQuery = z.object({
  q: text(100).trim().min(1, "Type something to search for"),
});
export type TSearchQuery = z.input<typeof ZSearchQuery>;

export const SEARCH_KINDS = ["server", "agent", "tool", "user", "approval"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** One thing the palette can open: what it is, how it reads, and the page that shows it. */
export type SearchHit = { kind: SearchKind; id: string; label: string; detail: string; href: string };
