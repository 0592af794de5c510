import { isNode, LineCounter, parseDocument, stringify } from "yaml";
import { AppError, type FieldErrors } from "@/lib/errors";
import { ZPolicyDocument, type TPolicyDocument } from "@/lib/schemas/policy";

export type PolicyIssue = { line: number; field: string; message: string };

function issuesToError(issues: PolicyIssue[]): AppError {
  const fields: FieldErrors = {};
  for (const i of issues) fields[i.field || "_"] ??= `line ${i.line}: ${i.message}`;
  const summary = issues.map((i) => `line ${i.line}${i.field ? ` (${i.field})` : ""}: ${i.message}`).join("; ");
  return new AppError("UNPROCESSABLE", `Invalid policy YAML: ${summary}`, fields);
}

/** Parses and validates a policy; every problem is reported with its line and field. Throws 422. */
export function parsePolicyYaml(text: string): TPolicyDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw issuesToError(
      doc.errors.map((e) => ({
        line: lineCounter.linePos(e.pos[0]).line,
        field: "",
        message: e.message.split("\n")[0],
      })),
    );
  }
  const parsed = ZPolicyDocument.safeParse(doc.toJS());
  if (parsed.success) return parsed.data;
  throw issuesToError(
    parsed.error.issues.map((issue) => {
      // Point at the deepest node that exists: a missing key is reported at its parent.
      let path = issue.path.map(String);
      if (issue.code === "unrecognized_keys") path = [...path, issue.keys[0]];
      let node: unknown;
      for (let n = path.length; n >= 0 && !isNode(node); n--) node = doc.getIn(path.slice(0, n), true);
      const offset = isNode(node) && node.range ? node.range[0] : 0;
      return { line: lineCounter.linePos(offset).line, field: path.join("."), message: issue.message };
    }),
  );
}

/** Serialises a policy in the documented key order, so export -> import is lossless. */
export function policyToYaml(policy: TPolicyDocument): string {
  return stringify(policy, { lineWidth: 0, defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN" });
}
