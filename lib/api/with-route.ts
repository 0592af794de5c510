import type { z } from "zod";
import { actorFromRequest } from "@/lib/web-session/actor-from-request";
import type { Actor } from "@/lib/authz/actor";
import { can, type Action } from "@/lib/authz/permissions";
import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { findSecretsInJson, type SecretExemptions } from "@/lib/schemas/secret-scan";
import { authenticateToken } from "@/lib/services/tokens/authenticate-token";
import { errorResponse } from "./error-response";
import {
  DEFAULT_MAX_BODY_BYTES,
  parseParams,
  parseQuery,
  readJsonBody,
  readTextBody,
  type TextBody,
} from "./parse-input";
import { assertSameOrigin } from "./same-origin";

export type RouteOptions<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> = {
  permission: Action;
  /** "session" for the console (cookie), "token" for machines (bearer API token). */
  auth?: "session" | "token";
  /** A JSON body (application/json), parsed with this schema. */
  body?: B;
  /** Largest JSON body accepted, in bytes (default 1 MiB). */
  maxBytes?: number;
  /** A text body instead (NDJSON and the like): these media types, at most maxBytes; the handler parses it. */
  text?: TextBody;
  query?: Q;
  /**
   * Every string and key of a JSON body is checked for secret values (422 naming the field) before the
   * schema sees it. Only the fields named here, each with the reason it is safe, are not.
   */
  secretsAllowed?: SecretExemptions;
  /** Path parameters other than the defaults (`id`/`…Id` are UUIDs, `slug` a slug or UUID). */
  params?: Record<string, z.ZodType<string>>;
};

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export type RouteContext<B, Q> = {
  actor: Actor;
  body: B;
  query: Q;
  params: Record<string, string>;
  /** The raw body and its media type, for routes with a `text` body. */
  text: string;
  contentType: string;
  req: Request;
};

type NextContext = { params: Promise<Record<string, string | string[]>> };

const NO_STORE = "no-store";

async function resolveActor(req: Request, auth: "session" | "token"): Promise<Actor> {
  if (auth === "session") {
    const actor = await actorFromRequest(req);
    if (!actor) throw new AppError("UNAUTHORIZED", "Sign in to continue");
    return actor;
  }
  const header = req.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S{1,512})$/i.exec(header);
  if (!match) throw new AppError("UNAUTHORIZED", "Missing bearer token");
  const actor = await authenticateToken(match[1]);
  if (!actor) throw new AppError("UNAUTHORIZED", "Invalid, expired or revoked token");
  return actor;
}

/** A secret value anywhere in a body is refused whole (422), naming each field and never echoing the value. */
export function assertNoSecrets(json: unknown, allowed: SecretExemptions | undefined) {
  const found = findSecretsInJson(json, allowed);
  if (found.length === 0) return;
  const fields: Record<string, string> = {};
  for (const f of found) {
    fields[f.path] ??= f.message;
    // The form field a nested value belongs to (oauthScopes for oauthScopes.0), for inline errors.
    fields[f.path.split(".")[0]] ??= f.message;
  }
  const summary = found.map((f) => `${f.path}: ${f.message}`).join("; ");
  throw new AppError("UNPROCESSABLE", `Secret values are not accepted. ${summary}`, fields);
}

/**
 * The one wrapper around every route handler: is the request from this site (console mutations), who is
 * calling, may they, and is the input valid (path parameters, media type, size, no secret values, body, query). The handler
 * returns data (sent as JSON 200) or a Response of its own. Every answer is `Cache-Control: no-store`.
 */
export function withRoute<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
  options: RouteOptions<B, Q>,
  handler: (ctx: RouteContext<Infer<B>, Infer<Q>>) => Promise<unknown>,
) {
  const auth = options.auth ?? "session";
  const route = async (req: Request, context?: NextContext): Promise<Response> => {
    let response: Response;
    try {
      if (auth === "session") assertSameOrigin(req);
      const actor = await resolveActor(req, auth);
      if (!can(actor, options.permission)) {
        throw new AppError(
          "FORBIDDEN",
          `Your ${actor.type === "USER" ? "role" : "token scope"} does not allow ${options.permission}`,
        );
      }
      const params = await parseParams(context, options.params);
      const query = options.query ? parseQuery(req, options.query) : undefined;
      let body: unknown;
      let raw = { text: "", contentType: "" };
      if (options.body) {
        const json = await readJsonBody(req, options.maxBytes ?? DEFAULT_MAX_BODY_BYTES);
        assertNoSecrets(json, options.secretsAllowed);
        body = parseWith(options.body, json, "request body");
      } else if (options.text) raw = await readTextBody(req, options.text);
      const result = await handler({ actor, body: body as Infer<B>, query: query as Infer<Q>, params, req, ...raw });
      response = result instanceof Response ? result : Response.json(result ?? { ok: true });
    } catch (error) {
      response = errorResponse(error);
    }
    // Authenticated JSON must never sit in a shared or browser cache.
    if (response.headers.has("cache-control")) return response;
    try {
      response.headers.set("cache-control", NO_STORE);
      return response;
    } catch {
      // A handler's Response with immutable headers: copy it.
      const headers = new Headers(response.headers);
      headers.set("cache-control", NO_STORE);
      return new Response(response.body, { status: response.status, headers });
    }
  };
  // The options stay readable, so tests can walk every route's body schema and secret exemptions.
  return Object.assign(route, { options: options as RouteOptions<z.ZodType | undefined, z.ZodType | undefined> });
}
