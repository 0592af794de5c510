import type { useServer } from "@/lib/queries/servers";

/** What the server-detail view hands every tab: the loaded server, and whether the user may review its tools. */
export type TabProps = { server: NonNullable<ReturnType<typeof useServer>["data"]>; canReviewTools: boolean };
