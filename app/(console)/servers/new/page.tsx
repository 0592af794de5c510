import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { Card } from "@/components/ui/card";
import { requirePermission } from "@/lib/web-session/require-permission";
import { ServerForm } from "../_components/server-form";

export const metadata: Metadata = { title: "Register server" };

export default async function NewServerPage() {
  await requirePermission("servers.create");
  return (
    <>
      <PageHeader
        title="Register an MCP server"
        description="It starts as a DRAFT: add credentials, tools and grants, then pass readiness to activate it."
      />
      <Card>
        <ServerForm />
      </Card>
    </>
  );
}
