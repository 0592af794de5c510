import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("environment", () => {
  it("treats an empty variable as unset: DATABASE_URL= means the embedded database", () => {
    const parsed = parseEnv({ DATABASE_URL: "", PGLITE_DIR: "" });
    expect(parsed.DATABASE_URL).toBeUndefined();
    expect(parsed.PGLITE_DIR).toBe(".data/pglite");
  });

  it("names every bad setting", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x", NEXTAUTH_SECRET: "short" })).toThrow(
      /DATABASE_URL: DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL\n {2}NEXTAUTH_SECRET: NEXTAUTH_SECRET must be at least 32 characters/,
    );
  });
});
