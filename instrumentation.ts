export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First, before the database work: every request served from now on carries its socket's address.
  const { installPeerAddressStamp } = await import("@/lib/http/peer-address");
  installPeerAddressStamp();
  const { ensureDatabase } = await import("@/lib/startup/ensure-database");
  await ensureDatabase();
  const { startBackgroundClocks } = await import("@/lib/startup/background-clocks");
  startBackgroundClocks();
  const { stopGracefully } = await import("@/lib/startup/graceful-shutdown");
  stopGracefully();
}
