import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { loadGatewayConfig } from "@/lib/gateway/config";

/**
 * docker-compose.yml, deploy/nginx.conf, deploy/gateway.yaml and deploy/warden.env.example describe one
 * deployment (issue 26): this checks they agree with each other and with Warden's own config parser, so an
 * edit to one that the others do not follow fails here rather than at someone's first `docker compose up`.
 */
type Service = {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  networks?: string[] | Record<string, { ipv4_address?: string }>;
  profiles?: string[];
};
const compose = parse(readFileSync("docker-compose.yml", "utf8"), { merge: true }) as {
  services: Record<string, Service>;
};
const nginx = readFileSync("deploy/nginx.conf", "utf8");
const envExample = readFileSync("deploy/warden.env.example", "utf8");
const services = compose.services;
const consoles = Object.keys(services).filter((name) => services[name].command?.join(" ") === "npm start");
const gateways = Object.keys(services).filter((name) => services[name].command?.includes("gateway"));

describe("the deployment files", () => {
  it("run two consoles with the same settings behind an nginx that balances across exactly them", () => {
    expect(consoles).toEqual(["console-a", "console-b"]);
    expect(services["console-a"].environment).toEqual(services["console-b"].environment);
    const upstream = [...nginx.matchAll(/^\s*server\s+([\w.-]+):(\d+)/gm)].map((m) => `${m[1]}:${m[2]}`);
    const port = services["console-a"].environment!.PORT;
    expect(upstream).toEqual(consoles.map((c) => `${c}:${port}`));
    // The bundle long poll is held up to 30 s: the proxy must wait longer than that.
    expect(Number(/proxy_read_timeout (\d+)s/.exec(nginx)?.[1])).toBeGreaterThan(30);
  });

  it("trust X-Forwarded-For from nginx's fixed address only", () => {
    const address = (services.nginx.networks as Record<string, { ipv4_address?: string }>).warden.ipv4_address;
    expect(address).toBeDefined();
    for (const c of consoles) expect(services[c].environment!.WARDEN_TRUSTED_PROXIES).toBe(address);
  });

  it("give every console the secrets production needs, named in the env example, with none written in", () => {
    const env = services["console-a"].environment!;
    for (const name of [
      "DATABASE_URL",
      "NEXTAUTH_SECRET",
      "NEXTAUTH_URL",
      "WARDEN_SIGNING_KEY",
      "WARDEN_CHECKPOINT_DIR",
    ])
      expect(env[name], name).toBeTruthy();
    const required = new Set(
      [...readFileSync("docker-compose.yml", "utf8").matchAll(/\$\{(\w+)(?::?[-?][^}]*)?\}/g)].map((m) => m[1]),
    );
    const listed = new Set([...envExample.matchAll(/^(\w+)=/gm)].map((m) => m[1]));
    expect([...required].filter((name) => !listed.has(name))).toEqual([]);
    // The example holds placeholders only: no key, secret or token value.
    for (const line of envExample
      .split("\n")
      .filter((l) => /^(NEXTAUTH_SECRET|WARDEN_SIGNING_KEY|WARDEN_GATEWAY_TOKEN)=/.test(l)))
      expect(line).toMatch(/=$/);
  });

  it("run the consoles as the append-only role, migrated and granted first by the owner, neither a superuser", () => {
    const user = (url: string) => /^postgresql:\/\/(\w+):/.exec(url)?.[1];
    const env = services["console-a"].environment!;
    expect(user(env.DATABASE_URL)).toBe("warden_app");
    expect(user(env.DATABASE_MIGRATE_URL)).toBe("warden_owner");
    const migrate = services.migrate;
    expect(user(migrate.environment!.DATABASE_URL)).toBe("warden_owner");
    expect(migrate.command!.join(" ")).toContain("db:grant-app -- --role warden_app");
    const init = readFileSync("deploy/postgres-init.sh", "utf8");
    expect(init).toMatch(/CREATE ROLE warden_owner LOGIN/);
    expect(init).toMatch(/CREATE ROLE warden_app LOGIN/);
    expect(init).not.toMatch(/SUPERUSER|CREATEROLE/);
  });

  it("start gateways whose config Warden's own parser accepts, pointed at the load balancer and sharing Redis", () => {
    expect(gateways).toEqual(["gateway-a", "gateway-b"]);
    for (const name of gateways) {
      const service = services[name];
      expect(service.profiles).toEqual(["gateways"]);
      const file = service.command![service.command!.indexOf("--config") + 1].replace(/^\/app\//, "");
      const config = loadGatewayConfig(file, {
        ...service.environment,
        NODE_ENV: "production",
        WARDEN_GATEWAY_TOKEN: "wdn_placeholder",
      });
      const listen = Number(/listen (\d+)/.exec(nginx)?.[1]);
      expect(config.warden.url).toBe(`http://nginx:${listen}`);
      expect(config.allowed_hosts).toContain(name);
      expect(service.environment!.WARDEN_REDIS_URL).toBe(services["console-a"].environment!.WARDEN_REDIS_URL);
      // The spool, the gateway's durable audit queue, is a volume of its own: it survives a restart.
      const spool = service.volumes!.map((v) => v.split(":")[1]);
      expect(spool).toContain(config.spool_dir);
      expect(service.ports!.map((p) => p.split(":")[1])).toContain(config.listen.split(":")[1]);
    }
  });
});
