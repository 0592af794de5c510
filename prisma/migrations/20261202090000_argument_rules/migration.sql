-- Argument rules on grants and servers: path roots, URL egress allow-lists, patterns, enums and queries.
ALTER TABLE "McpServer" ADD COLUMN "argumentRules" JSONB NOT NULL DEFAULT '[]';
ALTER TABLE "Grant" ADD COLUMN "argumentRules" JSONB NOT NULL DEFAULT '[]';
