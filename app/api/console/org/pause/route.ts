import { withRoute } from "@/lib/api/with-route";
import { ZOrgPauseInput } from "@/lib/schemas/org";
import { getPauseState, setOrgPause } from "@/lib/services/kill-switch/set-org-pause";

export const GET = withRoute({ permission: "org.pause.read" }, () => getPauseState());

export const POST = withRoute({ permission: "org.pause.manage", body: ZOrgPauseInput }, ({ actor, body }) =>
  setOrgPause(actor, body),
);
