import { createServer, type Server } from "node:http";

type SinkEvent = { type: string; eventId: string; sequence: string };
export type HeldBatch = { events: SinkEvent[]; closed: Promise<void> };

/**
 * A Splunk HEC stand-in on 127.0.0.1 that keeps only the batches it acknowledged (answered 200), and can
 * hold the next batch unanswered: a forward in flight, for a test to kill its sender mid-way. It also
 * counts batches in flight at once, which is more than one only if two instances forward the same target.
 */
export async function hecSink(port: number, token: string) {
  const acknowledged: { at: number; events: SinkEvent[] }[] = [];
  let holdNext: ((held: HeldBatch) => void) | null = null;
  let inFlight = 0;
  let maxInFlight = 0;
  const server: Server = createServer(async (req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on("close", () => inFlight--);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.headers.authorization !== `Splunk ${token}`) return res.writeHead(401).end();
    const events = Buffer.concat(chunks)
      .toString("utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { event: SinkEvent }).event);
    if (holdNext) {
      const hold = holdNext;
      holdNext = null;
      return hold({ events, closed: new Promise((r) => res.on("close", () => r())) });
    }
    acknowledged.push({ at: performance.now(), events });
    res.writeHead(200, { "content-type": "application/json" }).end('{"text":"Success","code":0}');
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${port}/services/collector/event`,
    acknowledged,
    maxInFlight: () => maxInFlight,
    /** Resolves with the next batch that arrives, left unanswered until its sender goes away. */
    hold: () => new Promise<HeldBatch>((r) => (holdNext = r)),
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}
