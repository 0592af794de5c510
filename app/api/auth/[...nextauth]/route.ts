import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// Built per request so that importing this module (e.g. during `next build`) reads no secrets.
function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions())(req, ctx);
}

export { handler as GET, handler as POST };
