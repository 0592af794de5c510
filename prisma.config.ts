import { defineConfig } from "prisma/config";

// The CLI reads DATABASE_URL only for migrate commands; `prisma generate` needs no database.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://pglite/local?dir=.data/pglite" },
});
