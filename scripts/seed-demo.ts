import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { seedDemo } from "@/prisma/seed/demo";
import { seedDemoReviews } from "@/prisma/seed/demo-reviews";
import { runScript } from "./lib/script-db";

// Seeds the demo organisation into an empty database (typically PostgreSQL). Refuses a non-empty one.
await runScript(async () => {
  if ((await db().user.count()) > 0)
    throw new Error("The database already has users: demo data goes only into an empty database.");
  const password = env().WARDEN_DEMO_PASSWORD ?? randomBytes(9).toString("base64url");
  const users = await seedDemo(password);
  await seedDemoReviews();
  console.log(`Demo organisation seeded. Users: ${users.map((u) => u.email).join(", ")}. Password: ${password}`);
});
