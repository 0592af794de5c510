import { describe, expect, it } from "vitest";
import { listenAddress } from "./listen-address";

const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

describe("npm start's address", () => {
  it("binds the embedded demo to 127.0.0.1 and prints that address", () => {
    expect(listenAddress(env({}))).toEqual({ host: "127.0.0.1", port: "3000", url: "http://127.0.0.1:3000" });
  });
  it("follows HOSTNAME and PORT, and prints an IPv6 address in brackets", () => {
    expect(listenAddress(env({ HOSTNAME: "::1", PORT: "4000" })).url).toBe("http://[::1]:4000");
    expect(listenAddress(env({ HOSTNAME: "0.0.0.0" }))).toMatchObject({
      host: "0.0.0.0",
      url: "http://localhost:3000",
    });
  });
  it("leaves a PostgreSQL deployment on every interface", () => {
    expect(listenAddress(env({ DATABASE_URL: "postgres://db/warden" }))).toMatchObject({ host: undefined });
  });
});
