import type { z } from "zod";
import { actorFromRequest } from "@/lib/auth/session";
import type { Actor } from "@/lib/authz/actor";
import { can, type Action } from "@/lib/authz/permissions";
import { authenticateToken } from "@/lib/services/tokens/authenticate-token";
import { AppError } from "@/lib/errors";
import { errorResponse } from "./error-response";
import { parseInput } from "./parse-input";

type RouteOptions<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> = {
  permission: Action;
  /** "session" for the console (cookie), "token" for machines (bearer API token). */
  auth?: "session" | "token";
  body?: B;
  query?: Q;
};

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export type RouteContext<B, Q> = {
  actor: Actor;
  body: B;
  query: Q;
  params: Record<string, string>;
  req: Request;
};

type NextContext = { params: Promise<Record<string, string | string[]>> };

async function resolveActor(req: Request, auth: "session" | "token"): Promise<Actor> {
  if (auth === "session") {
    const actor = await actorFromRequest(req);
    if (!actor) throw new AppError("UNAUTHORIZED", "Sign in to continue");
    return actor;
  }
  const header = req.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AppError("UNAUTHORIZED", "Missing bearer token");
  const actor = await authenticateToken(match[1]);
  if (!actor) throw new AppError("UNAUTHORIZED", "Invalid, expired or revoked token");
  return actor;
}

/**
 * The one wrapper around every route handler: who is calling, may they, and is the input valid.
 * The handler returns data (sent as JSON 200) or a Response of its own.
 */
export function withRoute<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
  options: RouteOptions<B, Q>,
  handler: (ctx: RouteContext<Infer<B>, Infer<Q>>) => Promise<unknown>,
) {
  return async (req: Request, context?: NextContext): Promise<Response> => {
    try {
      const actor = await resolveActor(req, options.auth ?? "session");
      if (!can(actor, options.permission)) {
        throw new AppError(
          "FORBIDDEN",
          `Your ${actor.type === "USER" ? "role" : "token scope"} does not allow ${options.permission}`,
        );
      }
      const { body, query } = await parseInput(req, options.body, options.query);
      const raw = (await context?.params) ?? {};
      const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]));
      const result = await handler({ actor, body: body as Infer<B>, query: query as Infer<Q>, params, req });
      return result instanceof Response ? result : Response.json(result ?? { ok: true });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
