import path from "node:path";

// A domain's internal/ helpers work without a permission check of their own, so only that domain may call
// them. What a domain lends other services (a step run inside the caller's transaction, or a read) lives in
// its shared/ folder, which only services may import: the caller has checked the permission.
// A rule of its own because no-restricted-imports cannot say "the same domain".
const SERVICE_PART = /^lib\/services\/([^/]+)\/(internal|shared)(\/|$)/;

/** The project-relative path an import names, for "@/…" and relative specifiers; null for packages. */
function importedPath(specifier, importer, root) {
  if (specifier.startsWith("@/")) return specifier.slice(2);
  if (specifier.startsWith(".")) return path.relative(root, path.resolve(path.dirname(importer), specifier));
  return null;
}

/** @type {import("eslint").Rule.RuleModule} */
export const ownInternals = {
  meta: {
    type: "problem",
    docs: { description: "Only a service domain imports its own internal/; only services import a domain's shared/." },
    messages: {
      internal:
        "lib/services/{{domain}}/internal/ is private to the {{domain}} domain: call its entry point, or a helper it exposes in lib/services/{{domain}}/shared/.",
      shared:
        "lib/services/{{domain}}/shared/ helpers have no permission check of their own: call a service entry point instead.",
    },
    schema: [],
  },
  create(context) {
    const root = context.cwd;
    const importer = path.relative(root, context.filename).split(path.sep).join("/");
    const check = (source) => {
      if (!source || typeof source.value !== "string") return;
      const target = importedPath(source.value, context.filename, root)?.split(path.sep).join("/");
      const match = target && SERVICE_PART.exec(target);
      if (!match) return;
      const [, domain, part] = match;
      const allowed =
        part === "internal" ? importer.startsWith(`lib/services/${domain}/`) : importer.startsWith("lib/services/");
      if (!allowed) context.report({ node: source, messageId: part, data: { domain } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};

export const wardenPlugin = { rules: { "own-internals": ownInternals } };
