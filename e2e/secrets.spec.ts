import { SECRET_SAMPLES } from "@/lib/testing/secret-samples";
import { expect, test } from "./support/fixtures";

const secret = (name: string) => SECRET_SAMPLES.find((s) => s.name === name)!.value;

test("the production server refuses secret values in registry objects with a 422 naming the field", async ({ as }) => {
  const admin = await as("ADMIN");
  const api = admin.request;
  const siem = await api.post("/api/console/siem", {
    data: {
      name: "splunk-e2e",
      kind: "SPLUNK_HEC",
      url: secret("URL with user and password"),
      tokenEnv: "WARDEN_SIEM_E2E",
    },
  });
  expect(siem.status()).toBe(422);
  expect((await siem.json()).error.fields).toHaveProperty("url");
  const hook = await api.post("/api/console/webhooks", {
    data: { name: "hook-e2e", url: secret("URL with an AWS secret key in the query"), events: ["approval.requested"] },
  });
  expect(hook.status()).toBe(422);
  const body = await hook.json();
  expect(body.error.fields).toHaveProperty("url");
  expect(JSON.stringify(body)).not.toContain(secret("AWS secret access key"));
  const team = await api.post("/api/console/teams", {
    data: { slug: `t-${Date.now().toString(36)}`, name: `Platform ${secret("GitHub token")}` },
  });
  expect(team.status()).toBe(422);
  expect((await team.json()).error.fields).toHaveProperty("name");
  // A vault reference is still what a SIEM token variable or credential is for: nothing here was stored.
  const targets = (await (await api.get("/api/console/siem")).json()) as { name: string }[];
  expect(targets.map((t) => t.name)).not.toContain("splunk-e2e");
});
