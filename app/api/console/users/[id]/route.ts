import { withRoute } from "@/lib/api/with-route";
import { ZUpdateUserInput } from "@/lib/schemas/user";
import { updateUser } from "@/lib/services/users/update-user";

export const PATCH = withRoute({ permission: "users.manage", body: ZUpdateUserInput }, ({ actor, body, params }) =>
  updateUser(actor, params.id, body),
);
