import { randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import https from "node:https";

/**
 * The address of the socket a request came in on. Next.js route handlers never see the socket, and
 * Next fills `X-Forwarded-For` from it only when the client sent none, so a client can name any address.
 * The server process therefore stamps each request, as Node hands it over, with the socket's address
 * in a header of its own, after dropping any copy the client sent. The stamp carries a secret made at
 * start, so a request that somehow was not stamped (one accepted before the hook was installed) cannot
 * pass off its own header as the server's: it has no peer address at all.
 */
export const PEER_ADDRESS_HEADER = "x-warden-peer-address";

type Holder = typeof globalThis & { __wardenPeerStamp?: string };
const holder = globalThis as Holder;

/** Installs the stamp in this process (once; instrumentation.ts calls it before anything is served). */
export function installPeerAddressStamp(): void {
  if (holder.__wardenPeerStamp) return;
  const secret = randomBytes(16).toString("hex");
  holder.__wardenPeerStamp = secret;
  for (const proto of [http.Server.prototype, https.Server.prototype]) {
    const emit = proto.emit;
    proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
      if (event === "request" || event === "checkContinue" || event === "checkExpectation")
        stamp(args[0] as http.IncomingMessage, secret);
      return Reflect.apply(emit, this, [event, ...args]) as boolean;
    } as typeof emit;
  }
}

function stamp(req: http.IncomingMessage, secret: string) {
  delete req.headers[PEER_ADDRESS_HEADER];
  const address = req.socket?.remoteAddress;
  if (address) req.headers[PEER_ADDRESS_HEADER] = `${secret} ${address}`;
}

/** The socket address the server stamped on this request, or null (not stamped, or a client's forgery). */
export function peerAddress(header: string | null | undefined): string | null {
  const secret = holder.__wardenPeerStamp;
  if (!secret || !header) return null;
  const at = header.indexOf(" ");
  if (at < 0) return null;
  const given = Buffer.from(header.slice(0, at));
  const expected = Buffer.from(secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return header.slice(at + 1);
}
