-- A grant names the resources (URI patterns) and prompts it covers. Before this, a grant on a server covered
-- all its resources and prompts: existing grants keep that ("*"), while a new grant covers none unless it names them.
ALTER TABLE "Grant" ADD COLUMN     "allowedResources" TEXT[] NOT NULL DEFAULT ARRAY['*']::TEXT[],
ADD COLUMN     "allowedPrompts" TEXT[] NOT NULL DEFAULT ARRAY['*']::TEXT[];

ALTER TABLE "Grant" ALTER COLUMN "allowedResources" SET DEFAULT ARRAY[]::TEXT[],
ALTER COLUMN "allowedPrompts" SET DEFAULT ARRAY[]::TEXT[];
