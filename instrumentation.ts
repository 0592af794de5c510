export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ensureDatabase } = await import("@/lib/startup/ensure-database");
  await ensureDatabase();
  const { startBackgroundClocks } = await import("@/lib/startup/background-clocks");
  startBackgroundClocks();
  const { stopGracefully } = await import("@/lib/startup/graceful-shutdown");
  stopGracefully();
}
