import { withRoute } from "@/lib/api/with-route";
import { ZOrgPauseInput } from "@/lib/schemas/org";
import { getPauseState } from "@/lib/services/org/get-pause-state";
import { setOrgPause } from "@/lib/services/org/set-org-pause";

export const GET = withRoute({ permission: "org.pause.read" }, () => getPauseState());

export const POST = withRoute({ permission: "org.pause.manage", body: ZOrgPauseInput }, ({ actor, body }) =>
  setOrgPause(actor, body),
);
