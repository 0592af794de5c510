import { expect, it } from "vitest";
import { jsonLogger } from "./logger";

it("writes one JSON object a line: time, level, message and fields, errors as their message", () => {
  const lines: string[] = [];
  const log = jsonLogger((l) => lines.push(l));
  log("upstream connected", { upstream: "crm", tools: 3 });
  log("spool write failed", { level: "error", error: new Error("disk full") });
  expect(lines.every((l) => l.endsWith("\n") && !l.slice(0, -1).includes("\n"))).toBe(true);
  const [first, second] = lines.map((l) => JSON.parse(l));
  expect(first).toMatchObject({ level: "info", msg: "upstream connected", upstream: "crm", tools: 3 });
  expect(new Date(first.time).getTime()).not.toBeNaN();
  expect(second).toMatchObject({ level: "error", msg: "spool write failed", error: "disk full" });
});

it("keeps the fields' order after time, level and message, and a __proto__ field as data", () => {
  const lines: string[] = [];
  jsonLogger((l) => lines.push(l))("m", JSON.parse('{"b": 1, "level": "warn", "a": 2, "__proto__": {"x": 1}}'));
  expect(lines[0]).toMatch(/^\{"time":"[^"]+","level":"warn","msg":"m","b":1,"a":2,"__proto__":\{"x":1\}\}\n$/);
});
