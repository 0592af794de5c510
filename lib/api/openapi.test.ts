import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

describe("OpenAPI document", () => {
  it("describes every machine route with the zod schemas' fields", () => {
    const doc = openApiDocument();
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/api/v1/approvals/{id}",
      "/api/v1/audit/events",
      "/api/v1/audit/verify",
      "/api/v1/decisions",
      "/api/v1/otlp/v1/logs",
      "/api/v1/otlp/v1/traces",
      "/api/v1/policy/bundle",
      "/api/v1/servers/{slug}/manifest",
    ]);
    const body = doc.paths["/api/v1/decisions"].post.requestBody.content["application/json"].schema as {
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(Object.keys(body.properties)).toEqual(
      expect.arrayContaining(["agent", "server", "tool", "arguments", "onBehalfOf", "sessionId", "toolHash"]),
    );
    expect(body.required).toEqual(expect.arrayContaining(["agent", "server", "tool"]));
    expect(JSON.stringify(doc)).toContain('"pending"');
    const ingest = doc.paths["/api/v1/audit/events"].post;
    expect(ingest.parameters.map((p) => p.name)).toEqual(["atomic"]);
    expect(Object.keys(ingest.responses[200].content["application/json"].schema.properties ?? {})).toEqual([
      "accepted",
      "duplicates",
      "rejected",
    ]);
  });
});
