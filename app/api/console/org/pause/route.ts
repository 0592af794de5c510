import { withRoute } from "@/lib/api/with-route";
import { ZOrgPauseInput } from "@/lib/schemas/org";
import { getPauseState, setOrgPause } from "@/lib/services/kill-switch/set-org-pause";

export const GET = withRoute({ permission: "dashboard.read" }, () => getPauseState());

export const POST = withRoute({ permission: "org.pause", body: ZOrgPauseInput }, ({ actor, body }) =>
  setOrgPause(actor, body),
);
