export type LogFields = Record<string, unknown>;
/** The gateway's log: a message and fields; never arguments, results or credentials. */
export type Logger = (msg: string, fields?: LogFields) => void;

/**
 * Structured logs: one JSON object a line (time, level, msg, fields), on stderr so that stdout stays
 * free for the stdio transport. Errors come out as their message.
 */
export function jsonLogger(write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  return (msg, fields = {}) => {
    const level = typeof fields.level === "string" ? fields.level : "info";
    const clean = Object.fromEntries(
      Object.entries(fields)
        .filter(([k]) => k !== "level")
        .map(([k, v]) => [k, v instanceof Error ? v.message : v]),
    );
    write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...clean }) + "\n");
  };
}
