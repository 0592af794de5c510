import type { TCreateServerInput } from "@/lib/schemas/server";
import type { TManifestTool } from "@/lib/schemas/manifest";
import { DEMO_FILES_DIR, REFERENCE_TOOLS } from "./reference-tools";

type Hints = { readOnlyHint?: boolean; destructiveHint?: boolean; openWorldHint?: boolean };
type Prop = [name: string, type: "string" | "integer" | "object" | "boolean", description: string];

const t = (
  name: string,
  description: string,
  props: Prop[],
  annotations?: Hints,
  required: string[] = [props[0]?.[0]].filter(Boolean),
): TManifestTool => ({
  name,
  description,
  inputSchema: {
    type: "object",
    properties: Object.fromEntries(props.map(([n, type, d]) => [n, { type, description: d }])),
    required,
  },
  ...(annotations ? { annotations } : {}),
});

const RO = { readOnlyHint: true };
const DESTRUCTIVE = { destructiveHint: true };

export type DemoServer = {
  server: Omit<TCreateServerInput, "ownerTeamId" | "primaryOwnerId"> & { team: string; owner: string };
  tools: TManifestTool[];
  credential?: {
    provider: "HASHICORP_VAULT" | "AWS_SECRETS_MANAGER" | "AZURE_KEY_VAULT" | "GCP_SECRET_MANAGER" | "ENV_VAR";
    reference: string;
    kind: "OAUTH_TOKEN" | "API_KEY" | "DB_PASSWORD" | "SERVICE_ACCOUNT";
    rotationDays: number;
    rotatedDaysAgo: number;
  };
  /** ACTIVE servers are approved and activated; the rest stay as drafts with deliberate gaps */
  activate: boolean;
};

const governed = {
  rateLimitPerMinute: 120,
  highRiskApproval: true,
  requiresActiveSession: true,
  sessionTimeoutMinutes: 60,
  auditRetentionDays: 365,
} as const;

/** A realistic registry: ten servers across environments, some deliberately unready. */
export const DEMO_SERVERS: DemoServer[] = [
  {
    server: {
      slug: "salesforce-crm",
      name: "Salesforce CRM",
      description: "Customer records for the support AI",
      environment: "PROD",
      transport: "STREAMABLE_HTTP",
      endpoint: "https://mcp.corp.example/salesforce",
      hosting: "SELF_HOSTED",
      version: "2.4.1",
      dataClassification: "CONFIDENTIAL",
      tags: ["crm", "customer-data"],
      maxRecordsPerCall: 200,
      team: "support-eng",
      owner: "owner@warden.local",
      ...governed,
    },
    credential: {
      provider: "HASHICORP_VAULT",
      reference: "secret/mcp/salesforce/support-agent",
      kind: "OAUTH_TOKEN",
      rotationDays: 30,
      rotatedDaysAgo: 5,
    },
    activate: true,
    tools: [
      t(
        "query_records",
        "Run a read-only SOQL query against Salesforce objects",
        [
          ["object", "string", "Account, Case or Contact"],
          ["fields", "object", "Fields to return"],
          ["limit", "integer", "Maximum records"],
        ],
        RO,
      ),
      t(
        "get_record",
        "Read one record by id",
        [
          ["object", "string", "Object type"],
          ["id", "string", "Record id"],
        ],
        RO,
      ),
      t("update_record", "Update fields of a record", [
        ["object", "string", "Object type"],
        ["id", "string", "Record id"],
        ["fields", "object", "Field values"],
      ]),
      t(
        "delete_record",
        "Delete a record permanently",
        [
          ["object", "string", "Object type"],
          ["id", "string", "Record id"],
        ],
        DESTRUCTIVE,
      ),
      t("create_case", "Open a support case for a customer", [
        ["subject", "string", "Case subject"],
        ["accountId", "string", "Account"],
      ]),
      t("describe_object", "List the fields of an object", [["object", "string", "Object type"]], RO),
    ],
  },
  {
    server: {
      slug: "github",
      name: "GitHub",
      description: "Repositories, issues and pull requests",
      environment: "PROD",
      transport: "STREAMABLE_HTTP",
      endpoint: "https://api.githubcopilot.com/mcp/",
      hosting: "VENDOR_HOSTED",
      vendor: "GitHub",
      dataClassification: "INTERNAL",
      tags: ["engineering"],
      team: "platform",
      owner: "admin@warden.local",
      ...governed,
    },
    credential: {
      provider: "AWS_SECRETS_MANAGER",
      reference: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/github-app",
      kind: "SERVICE_ACCOUNT",
      rotationDays: 60,
      rotatedDaysAgo: 20,
    },
    activate: true,
    tools: [
      t("search_code", "Search code across repositories", [["query", "string", "Search query"]], RO),
      t(
        "get_file_contents",
        "Read a file from a repository",
        [
          ["repo", "string", "owner/name"],
          ["path", "string", "File path"],
        ],
        RO,
      ),
      t(
        "list_issues",
        "List issues in a repository",
        [
          ["repo", "string", "owner/name"],
          ["state", "string", "open or closed"],
        ],
        RO,
      ),
      t("create_issue", "Open an issue", [
        ["repo", "string", "owner/name"],
        ["title", "string", "Title"],
        ["body", "string", "Body"],
      ]),
      t("create_pull_request", "Open a pull request", [
        ["repo", "string", "owner/name"],
        ["head", "string", "Branch"],
        ["base", "string", "Base"],
      ]),
      t(
        "merge_pull_request",
        "Merge a pull request",
        [
          ["repo", "string", "owner/name"],
          ["number", "integer", "PR number"],
        ],
        DESTRUCTIVE,
      ),
      t("push_files", "Commit and push files to a branch", [
        ["repo", "string", "owner/name"],
        ["branch", "string", "Branch"],
        ["files", "object", "Path to content"],
      ]),
    ],
  },
  {
    server: {
      slug: "jira",
      name: "Jira",
      description: "Engineering and support tickets",
      environment: "PROD",
      transport: "SSE",
      endpoint: "https://mcp.atlassian.example/v1/sse",
      hosting: "VENDOR_HOSTED",
      vendor: "Atlassian",
      dataClassification: "INTERNAL",
      tags: ["tickets"],
      team: "platform",
      owner: "admin@warden.local",
      ...governed,
    },
    credential: {
      provider: "AZURE_KEY_VAULT",
      reference: "https://corp-kv.vault.azure.net/secrets/jira-api-token",
      kind: "API_KEY",
      rotationDays: 90,
      rotatedDaysAgo: 85,
    },
    activate: true,
    tools: [
      t(
        "search_issues",
        "Search issues with JQL",
        [
          ["jql", "string", "JQL query"],
          ["maxResults", "integer", "Limit"],
        ],
        RO,
      ),
      t("get_issue", "Read one issue", [["key", "string", "Issue key"]], RO),
      t("create_issue", "Create an issue", [
        ["project", "string", "Project key"],
        ["summary", "string", "Summary"],
      ]),
      t("transition_issue", "Move an issue to another status", [
        ["key", "string", "Issue key"],
        ["transition", "string", "Transition"],
      ]),
      t("add_comment", "Comment on an issue", [
        ["key", "string", "Issue key"],
        ["body", "string", "Comment"],
      ]),
      t("delete_issue", "Delete an issue", [["key", "string", "Issue key"]], DESTRUCTIVE),
    ],
  },
  {
    server: {
      slug: "slack",
      name: "Slack",
      description: "Messages in company channels",
      environment: "PROD",
      transport: "STREAMABLE_HTTP",
      endpoint: "https://mcp.corp.example/slack",
      hosting: "SELF_HOSTED",
      dataClassification: "CONFIDENTIAL",
      tags: ["messaging"],
      team: "platform",
      owner: "admin@warden.local",
      ...governed,
    },
    credential: {
      provider: "GCP_SECRET_MANAGER",
      reference: "projects/acme-prod/secrets/slack-bot-token/versions/latest",
      kind: "OAUTH_TOKEN",
      rotationDays: 30,
      rotatedDaysAgo: 40,
    },
    activate: false,
    tools: [
      t("list_channels", "List channels", [["limit", "integer", "Limit"]], RO),
      t(
        "read_channel_history",
        "Read recent messages of a channel",
        [
          ["channel", "string", "Channel id"],
          ["limit", "integer", "Limit"],
        ],
        RO,
      ),
      t("post_message", "Post a message to a channel", [
        ["channel", "string", "Channel id"],
        ["text", "string", "Message"],
      ]),
      t("search_messages", "Search messages", [["query", "string", "Query"]], RO),
      t("upload_file", "Upload a file to a channel", [
        ["channel", "string", "Channel id"],
        ["content", "string", "File content"],
      ]),
      t("invite_user", "Invite a user to a channel", [
        ["channel", "string", "Channel id"],
        ["user", "string", "User id"],
      ]),
    ],
  },
  {
    server: {
      slug: "postgres-prod",
      name: "Postgres (orders, prod)",
      description: "Read replica of the orders database",
      environment: "PROD",
      transport: "STDIO",
      endpoint: "npx -y @modelcontextprotocol/server-postgres",
      hosting: "SELF_HOSTED",
      dataClassification: "RESTRICTED",
      tags: ["database"],
      team: "platform",
      owner: "admin@warden.local",
      rateLimitPerMinute: 30,
      auditRetentionDays: 365,
      highRiskApproval: true,
    },
    credential: {
      provider: "ENV_VAR",
      reference: "ORDERS_DB_URL",
      kind: "DB_PASSWORD",
      rotationDays: 180,
      rotatedDaysAgo: 200,
    },
    activate: false,
    tools: [
      t("query", "Run a read-only SQL query", [["sql", "string", "SQL"]], RO),
      t("list_tables", "List tables", [], RO, []),
      t("describe_table", "Describe a table", [["table", "string", "Table"]], RO),
      t("execute_sql", "Execute arbitrary SQL, including writes", [["sql", "string", "SQL"]]),
      t("export_table", "Export a table as CSV", [["table", "string", "Table"]], RO),
      t("drop_table", "Drop a table", [["table", "string", "Table"]], DESTRUCTIVE),
    ],
  },
  {
    server: {
      slug: "google-drive",
      name: "Google Drive",
      description: "Shared drives of the company",
      environment: "PROD",
      transport: "STREAMABLE_HTTP",
      endpoint: "https://mcp.corp.example/gdrive",
      hosting: "SELF_HOSTED",
      dataClassification: "CONFIDENTIAL",
      tags: ["documents"],
      team: "platform",
      owner: "admin@warden.local",
      ...governed,
    },
    credential: {
      provider: "GCP_SECRET_MANAGER",
      reference: "projects/acme-prod/secrets/gdrive-sa/versions/latest",
      kind: "SERVICE_ACCOUNT",
      rotationDays: 90,
      rotatedDaysAgo: 10,
    },
    activate: true,
    tools: [
      t("search_files", "Search files by name or content", [["query", "string", "Query"]], RO),
      t("read_file", "Read a document", [["fileId", "string", "File id"]], RO),
      t("create_file", "Create a document", [
        ["name", "string", "Name"],
        ["content", "string", "Content"],
      ]),
      t(
        "share_file",
        "Share a file with anyone by email",
        [
          ["fileId", "string", "File id"],
          ["email", "string", "Recipient"],
        ],
        { openWorldHint: true },
      ),
      t("delete_file", "Move a file to trash", [["fileId", "string", "File id"]], DESTRUCTIVE),
      t("list_folder", "List a folder", [["folderId", "string", "Folder id"]], RO),
    ],
  },
  {
    server: {
      slug: "workday-hr",
      name: "Workday HR",
      description: "Employee records and compensation",
      environment: "PROD",
      transport: "STREAMABLE_HTTP",
      endpoint: "https://mcp.corp.example/workday",
      hosting: "VENDOR_HOSTED",
      vendor: "Workday",
      dataClassification: "RESTRICTED",
      tags: ["hr", "pii"],
      team: "security",
      owner: "approver@warden.local",
      rateLimitPerMinute: 20,
      auditRetentionDays: 2555,
      highRiskApproval: true,
    },
    credential: {
      provider: "HASHICORP_VAULT",
      reference: "secret/mcp/stripe/staging",
      kind: "OAUTH_TOKEN",
      rotationDays: 30,
      rotatedDaysAgo: 5,
    },
    activate: false,
    tools: [
      t("get_employee", "Read an employee record", [["employeeId", "string", "Employee id"]], RO),
      t("search_employees", "Search employees", [["query", "string", "Query"]], RO),
      t("get_compensation", "Read salary and bonus of an employee", [["employeeId", "string", "Employee id"]], RO),
      t("update_employee", "Update an employee record", [
        ["employeeId", "string", "Employee id"],
        ["fields", "object", "Fields"],
      ]),
      t("terminate_employee", "Terminate employment", [["employeeId", "string", "Employee id"]], DESTRUCTIVE),
    ],
  },
  {
    server: {
      slug: "filesystem",
      name: "Filesystem (build agents)",
      description: "Workspace files on CI runners",
      environment: "DEV",
      transport: "STDIO",
      endpoint: `node node_modules/@modelcontextprotocol/server-filesystem/dist/index.js ${DEMO_FILES_DIR}`,
      hosting: "SELF_HOSTED",
      dataClassification: "INTERNAL",
      tags: ["dev"],
      team: "platform",
      owner: "admin@warden.local",
      rateLimitPerMinute: 600,
      auditRetentionDays: 90,
      highRiskApproval: true,
    },
    activate: true,
    // The real server-filesystem: `npm run gateway:demo` puts the Warden gateway in front of it.
    tools: REFERENCE_TOOLS.filesystem,
  },
  {
    server: {
      slug: "stripe-billing",
      name: "Stripe billing",
      description: "Invoices and refunds",
      environment: "STAGING",
      transport: "STREAMABLE_HTTP",
      endpoint: "https://mcp.stripe.example/v1",
      hosting: "VENDOR_HOSTED",
      vendor: "Stripe",
      dataClassification: "RESTRICTED",
      tags: ["finance"],
      team: "support-eng",
      owner: "owner@warden.local",
      ...governed,
    },
    credential: {
      provider: "HASHICORP_VAULT",
      reference: "secret/mcp/stripe/staging",
      kind: "API_KEY",
      rotationDays: 30,
      rotatedDaysAgo: 25,
    },
    activate: false,
    tools: [
      t("list_invoices", "List invoices of a customer", [["customer", "string", "Customer id"]], RO),
      t("get_invoice", "Read an invoice", [["invoice", "string", "Invoice id"]], RO),
      t("create_refund", "Refund a payment", [
        ["payment", "string", "Payment id"],
        ["amount", "integer", "Cents"],
      ]),
      t("transfer_funds", "Transfer funds to a connected account", [
        ["destination", "string", "Account"],
        ["amount", "integer", "Cents"],
      ]),
      t("search_customers", "Search customers", [["query", "string", "Query"]], RO),
    ],
  },
  {
    server: {
      slug: "web-search",
      name: "Web search",
      description: "Public web search and fetch",
      environment: "DEV",
      transport: "STREAMABLE_HTTP",
      endpoint: "https://mcp.corp.example/search",
      hosting: "SELF_HOSTED",
      tags: ["open-world"],
      team: "platform",
      owner: "admin@warden.local",
    },
    activate: false,
    tools: [
      t("web_search", "Search the public web", [["query", "string", "Query"]], {
        readOnlyHint: true,
        openWorldHint: true,
      }),
      t("fetch_url", "Fetch a web page", [["url", "string", "URL"]], { readOnlyHint: true, openWorldHint: true }),
      t(
        "send_email",
        "Send an email to any address",
        [
          ["to", "string", "Recipient"],
          ["body", "string", "Body"],
        ],
        { openWorldHint: true },
      ),
    ],
  },
];

export const DEMO_AGENTS = [
  {
    clientId: "support-assistant",
    name: "Support assistant",
    purpose: "Answers customer cases in Salesforce",
    owner: "owner@warden.local",
    team: "support-eng",
  },
  {
    clientId: "code-reviewer",
    name: "Code reviewer",
    purpose: "Reviews pull requests",
    owner: "admin@warden.local",
    team: "platform",
  },
  {
    clientId: "release-bot",
    name: "Release bot",
    purpose: "Prepares releases and changelogs",
    owner: "admin@warden.local",
    team: "platform",
  },
  {
    clientId: "hr-helpdesk",
    name: "HR helpdesk",
    purpose: "Answers employee HR questions",
    owner: "approver@warden.local",
    team: "security",
  },
  {
    clientId: "data-analyst",
    name: "Data analyst",
    purpose: "Ad-hoc analytics on orders",
    owner: "admin@warden.local",
    team: "platform",
  },
  {
    clientId: "billing-assistant",
    name: "Billing assistant",
    purpose: "Handles refund requests",
    owner: "owner@warden.local",
    team: "support-eng",
  },
];

type DemoGrant = {
  agent: string;
  server: string;
  tools: string[];
  ops: string[];
  objects?: string[];
  denied?: string[];
  maxRecords?: number;
  days?: number;
};

export const DEMO_GRANTS: DemoGrant[] = [
  {
    agent: "support-assistant",
    server: "salesforce-crm",
    tools: ["query_records", "get_record", "describe_object"],
    ops: ["read", "query"],
    objects: ["Account", "Case", "Contact"],
    denied: ["SSN__c", "Salary__c"],
    maxRecords: 100,
    days: 90,
  },
  {
    agent: "support-assistant",
    server: "salesforce-crm",
    tools: ["update_record"],
    ops: ["write"],
    objects: ["Case"],
    denied: ["SSN__c", "Salary__c"],
    maxRecords: 1,
    days: 90,
  },
  {
    agent: "support-assistant",
    server: "jira",
    tools: ["search_issues", "get_issue", "add_comment"],
    ops: ["read", "write"],
    days: 90,
  },
  { agent: "support-assistant", server: "slack", tools: ["post_message"], ops: ["write"], days: 30 },
  { agent: "support-assistant", server: "google-drive", tools: ["search_files", "read_file"], ops: ["read"], days: 90 },
  {
    agent: "code-reviewer",
    server: "github",
    tools: ["search_code", "get_file_contents", "list_issues"],
    ops: ["read"],
    days: 180,
  },
  { agent: "code-reviewer", server: "github", tools: ["create_issue"], ops: ["write"], days: 180 },
  { agent: "code-reviewer", server: "jira", tools: ["search_issues", "get_issue"], ops: ["read"], days: 180 },
  {
    agent: "release-bot",
    server: "github",
    tools: ["create_pull_request", "merge_pull_request", "push_files"],
    ops: ["write"],
    days: 60,
  },
  { agent: "release-bot", server: "jira", tools: ["transition_issue", "create_issue"], ops: ["write"], days: 60 },
  { agent: "release-bot", server: "slack", tools: ["post_message"], ops: ["write"], days: 60 },
  { agent: "release-bot", server: "filesystem", tools: ["*"], ops: ["read", "write"] },
  {
    agent: "hr-helpdesk",
    server: "workday-hr",
    tools: ["get_employee", "search_employees"],
    ops: ["read"],
    denied: ["salary", "bankAccount", "ssn"],
    maxRecords: 10,
    days: 30,
  },
  { agent: "hr-helpdesk", server: "google-drive", tools: ["search_files", "read_file"], ops: ["read"], days: 30 },
  {
    agent: "data-analyst",
    server: "postgres-prod",
    tools: ["query", "list_tables", "describe_table"],
    ops: ["read", "query"],
    maxRecords: 1000,
  },
  { agent: "data-analyst", server: "postgres-prod", tools: ["*"], ops: ["read"] },
  { agent: "data-analyst", server: "google-drive", tools: ["create_file"], ops: ["write"], days: 30 },
  {
    agent: "billing-assistant",
    server: "stripe-billing",
    tools: ["list_invoices", "get_invoice", "search_customers"],
    ops: ["read"],
    maxRecords: 50,
    days: 90,
  },
  {
    agent: "billing-assistant",
    server: "stripe-billing",
    tools: ["create_refund"],
    ops: ["write"],
    maxRecords: 1,
    days: 90,
  },
  {
    agent: "billing-assistant",
    server: "salesforce-crm",
    tools: ["query_records"],
    ops: ["read", "query"],
    objects: ["Account"],
    denied: ["SSN__c", "Salary__c"],
    maxRecords: 20,
    days: 90,
  },
];
