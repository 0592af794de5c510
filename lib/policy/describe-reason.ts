/** What each rule means, for people: the rule id stays visible as a tag beside it. */
const RULE_TITLES: Record<string, string> = {
  org_paused: "All MCP access is paused",
  unknown_agent: "Unknown agent",
  agent_suspended: "Agent suspended",
  unknown_server: "Unknown server",
  server_not_active: "Server not active",
  unknown_tool: "Tool not in the inventory",
  tool_suspended: "Tool suspended",
  tool_disabled: "Tool disabled",
  tool_not_reviewed: "Tool not reviewed",
  tool_definition_changed: "Tool changed since approval",
  no_grant: "No grant covers this call",
  resource_not_granted: "Resource not covered by a grant",
  prompt_not_granted: "Prompt not covered by a grant",
  invalid_resource_uri: "Resource URI refused as sent",
  header_mismatch: "MCP header does not match the request",
  rate_limited: "Rate limit reached",
  user_rate_limited: "Per-user rate limit reached",
  daily_budget_exhausted: "Daily call budget used up",
  path_not_allowed: "Path outside the allowed roots",
  url_not_allowed: "URL not on the egress allow-list",
  argument_not_allowed: "Argument value not allowed",
  arguments_unverifiable: "Arguments cannot be checked",
  approval_required: "Needs a human approval",
  approval_denied: "Approval denied",
  approval_expired: "Approval expired",
  grant: "Allowed by a grant",
};

export type DescribedReason = { rule: string | null; title: string; detail: string };

/**
 * Turns an engine reason ("approval_required: update_record is HIGH risk and needs a human approval")
 * into a title and a sentence a person reads, keeping the rule id as a tag. Unknown rules keep their id.
 */
export function describeReason(reason: string, rule?: string | null): DescribedReason {
  const match = /^([a-z][a-z0-9_]*): (.*)$/s.exec(reason);
  const id = rule ?? match?.[1] ?? null;
  const stated = match ? match[2] : reason;
  const title = (id && RULE_TITLES[id]) ?? (id ? id.replaceAll("_", " ") : null);
  // "Unknown agent" then "agent unknown-gpt is not registered" would name the agent twice: the title says what it is.
  const named = /^(agent|server|tool) (\S+ .*)$/is.exec(stated);
  const body = title && named && title.toLowerCase().includes(named[1].toLowerCase()) ? named[2] : stated;
  const detail = sentence(
    body.replace(/\b(LOW|MEDIUM|HIGH|CRITICAL) risk\b/g, (_, r: string) => `${r.toLowerCase()}-risk`),
  );
  return { rule: id, title: sentence(title ?? detail).replace(/\.$/, ""), detail };
}

const sentence = (text: string) => {
  const t = text.trim();
  if (!t) return t;
  // An identifier first (a tool name like update_record) keeps its case.
  const first = /^[a-z]+\b(?![_\-/.])/.test(t) ? t[0].toUpperCase() + t.slice(1) : t;
  return /[.!?]$/.test(first) ? first : `${first}.`;
};
