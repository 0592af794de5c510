import { withRoute } from "@/lib/api/with-route";
import { ZCreateUserInput } from "@/lib/schemas/user";
import { createUser } from "@/lib/services/users/create-user";
import { listUsers } from "@/lib/services/users/list-users";

export const GET = withRoute({ permission: "users.read" }, ({ actor }) => listUsers(actor));

export const POST = withRoute(
  {
    permission: "users.manage",
    body: ZCreateUserInput,
    // A strong password looks like key material; it is only ever stored hashed.
    secretsAllowed: { password: "a password, hashed before it is stored, never logged" },
  },
  async ({ actor, body }) => Response.json(await createUser(actor, body), { status: 201 }),
);
