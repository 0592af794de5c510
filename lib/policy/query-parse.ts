import { parseQuery as parseSoql } from "@jetstreamapp/soql-parser-js";
import sqlParser from "node-sql-parser/build/postgresql.js";
import type { Operation } from "@/lib/schemas/grant";

/** What a query reads or writes, as far as a policy needs to know. */
export type ParsedQuery = {
  /** objects (SOQL sObjects and relationships, SQL tables) the query touches */
  objects: string[];
  /** every field it names, anywhere (select list, filters, ordering) */
  fields: string[];
  /** it asks for every field (`*`, `FIELDS(ALL)`): which ones cannot be checked */
  allFields: boolean;
  /** the LIMIT of the outermost statement; null when it has none */
  limit: number | null;
  /** what the statement does: a SELECT reads, an UPDATE writes, … */
  operations: Operation[];
};

const MAX_QUERY_LENGTH = 20_000;
const CACHE_SIZE = 500;
const cache = new Map<string, ParsedQuery | null>();
const sql = new sqlParser.Parser();

/**
 * Parses a SOQL or SQL query with a real parser (SOQL first: it is the stricter grammar and reads
 * Salesforce's date literals and relationship queries). Null when neither parser accepts it: the
 * caller cannot check the query, and must deny when a limit depends on it. Results are cached, as
 * gateways send the same queries again and again.
 */
export function parseQueryText(text: string): ParsedQuery | null {
  if (cache.has(text)) return cache.get(text)!;
  const parsed = text.length > MAX_QUERY_LENGTH ? null : (fromSoql(text) ?? fromSql(text));
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(text, parsed);
  return parsed;
}

function fromSoql(text: string): ParsedQuery | null {
  let ast: ReturnType<typeof parseSoql>;
  try {
    ast = parseSoql(text);
  } catch {
    return null;
  }
  const objects = new Set<string>();
  const fields = new Set<string>();
  let allFields = false;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const n = node as Record<string, unknown>;
    if (typeof n.sObject === "string") objects.add(n.sObject);
    if (typeof n.relationshipName === "string") objects.add(n.relationshipName);
    if (Array.isArray(n.relationships)) n.relationships.forEach((r) => typeof r === "string" && objects.add(r));
    if (typeof n.field === "string") fields.add(n.field);
    if (Array.isArray(n.fieldList)) n.fieldList.forEach((f) => typeof f === "string" && fields.add(f));
    if (n.type === "FieldFunctionExpression" || "functionName" in n) {
      if (String(n.functionName).toUpperCase() === "FIELDS") allFields = true;
      if (Array.isArray(n.parameters)) n.parameters.forEach((p) => (typeof p === "string" ? fields.add(p) : walk(p)));
    }
    for (const [key, value] of Object.entries(n)) if (key !== "parameters" && typeof value === "object") walk(value);
  };
  walk(ast);
  return {
    objects: [...objects],
    fields: [...fields],
    allFields,
    limit: typeof ast.limit === "number" ? ast.limit : null,
    operations: ["query"],
  };
}

type SqlLimit = { value?: { type?: string; value?: unknown }[] } | null | undefined;

function fromSql(text: string): ParsedQuery | null {
  let result: ReturnType<typeof sql.parse>;
  try {
    result = sql.parse(text, { database: "postgresql" });
  } catch {
    return null;
  }
  const split = (entry: string) => entry.split("::");
  const operations = new Set<Operation>();
  const objects = new Set<string>();
  for (const entry of result.tableList) {
    const [type, , table] = split(entry);
    objects.add(table);
    operations.add(sqlOperation(type));
  }
  const fields = new Set<string>();
  let allFields = false;
  for (const entry of result.columnList) {
    const [type, , column] = split(entry);
    // A DELETE lists "every column" too, but reads none of them.
    if (column === "(.*)" || column === "*") allFields ||= type === "select";
    else fields.add(column);
  }
  const statements = Array.isArray(result.ast) ? result.ast : [result.ast];
  const limits = statements.map((s) => {
    const limit = (s as { limit?: SqlLimit }).limit?.value?.[0];
    return limit?.type === "number" && typeof limit.value === "number" ? limit.value : null;
  });
  return {
    objects: [...objects],
    fields: [...fields],
    allFields,
    limit: limits.some((l) => l === null) ? null : Math.max(...(limits as number[])),
    operations: [...operations],
  };
}

function sqlOperation(type: string): Operation {
  if (type === "select") return "query";
  if (type === "insert" || type === "update" || type === "replace") return "write";
  if (type === "delete") return "delete";
  return "admin";
}
