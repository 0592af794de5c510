import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { everythingGateway } from "@/lib/testing/everything-gateway";
import { connectAgent, until } from "@/lib/testing/gateway-clients";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedEverythingAgent } from "@/prisma/seed/gateway-fixture";
import { wardenApi } from "@/scripts/lib/warden-api";
import { RESOURCE_WITHHELD } from "./embedded-resources";

const TEXT = "demo://resource/dynamic/text/";
const BLOB = "demo://resource/dynamic/blob/";

/**
 * Resources reach an agent inside tool results too (server-everything's get-resource-reference embeds one,
 * get-resource-links links several): only those the agent's grant covers get through, the others are
 * replaced by a notice and named in the call's audit record.
 */
describeWithDatabase("Gateway: resources in tool results are held to the grant's allowedResources", () => {
  const warden = wardenApi(0);
  let w: Awaited<ReturnType<typeof everythingGateway>> & Awaited<ReturnType<typeof seedEverythingAgent>>;

  beforeAll(async () => {
    await warden.start();
    const seeded = await seedEverythingAgent({
      allowedTools: ["get-resource-reference", "get-resource-links"],
      allowedOperations: ["read"],
      allowedResources: [`${TEXT}*`],
    });
    w = { ...seeded, ...(await everythingGateway(warden.url, seeded)) };
  }, 120_000);

  afterAll(async () => {
    await w?.gw.close();
    await warden.stop();
  });

  const audited = (count: number) =>
    until(async () => {
      await w.gw.core.shipper.flush();
      const rows = await db().auditEvent.findMany({
        where: { agent: w.clientId, action: "tools/call" },
        orderBy: { sequence: "asc" },
      });
      return rows.length >= count ? rows : undefined;
    }, 15_000);

  it("keeps a granted embedded resource and link, withholds the others, and audits what it withheld", async () => {
    const { client, close } = await connectAgent(w.url, w.key);
    const call = async (name: string, args: Record<string, unknown>) =>
      (await client.callTool({ name, arguments: args })) as CallToolResult;

    const granted = await call("get-resource-reference", { resourceType: "Text", resourceId: 2 });
    expect(granted.content[1]).toMatchObject({ type: "resource", resource: { uri: `${TEXT}2` } });
    expect(JSON.stringify(granted)).toContain("Resource 2");

    const blob = await call("get-resource-reference", { resourceType: "Blob", resourceId: 1 });
    expect(blob.content[1]).toEqual({ type: "text", text: RESOURCE_WITHHELD });
    expect(blob.content).toHaveLength(3);
    // Only the server's own words about it remain: no blob, no contents.
    expect(JSON.stringify(blob)).not.toMatch(/"blob"|"resource"/);

    // Links alternate between text (even ids) and blob (odd ids) resources.
    const links = await call("get-resource-links", { count: 4 });
    const kept = links.content.filter((b) => b.type === "resource_link").map((b) => (b as { uri: string }).uri);
    expect(kept).toEqual([`${TEXT}2`, `${TEXT}4`]);
    expect(links.content.filter((b) => b.type === "text" && b.text === RESOURCE_WITHHELD)).toHaveLength(2);
    await close();

    const { value: rows } = await audited(3);
    // What was withheld is named in the call's record (attributes.extra: what Warden stored of the gateway's own).
    const extra = rows.map((r) => (r.attributes as { extra: Record<string, unknown> }).extra);
    expect(extra.map((x) => (x.response as { resourcesWithheld: number }).resourcesWithheld)).toEqual([0, 1, 2]);
    expect(extra.map((x) => x.resourcesWithheld)).toEqual([
      undefined,
      { count: 1, uris: [`${BLOB}1`] },
      { count: 2, uris: [`${BLOB}1`, `${BLOB}3`] },
    ]);
  }, 60_000);
});
