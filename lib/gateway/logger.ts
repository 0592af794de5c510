export type LogFields = Record<string, unknown>;
/** The gateway's log: a message and fields; never arguments, results or credentials. */
export type Logger = (msg: string, fields?: LogFields) => void;

/**
 * Structured logs: one JSON object a line (time, level, msg, fields), on stderr so that stdout stays
 * free for the stdio transport. Errors come out as their message.
 */
export function jsonLogger(write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  return (msg, fields = {}) => {
    const line: Record<string, unknown> = {
      time: new Date().toISOString(),
      level: typeof fields.level === "string" ? fields.level : "info",
      msg,
    };
    // One pass, no intermediate arrays: this runs for every call (call-path.ts logs each one).
    for (const key of Object.keys(fields)) {
      if (key === "level") continue;
      const v = fields[key];
      const value = v instanceof Error ? v.message : v;
      // Defined, not assigned: a "__proto__" field stays data.
      if (key === "__proto__") Object.defineProperty(line, key, { value, enumerable: true, writable: true });
      else line[key] = value;
    }
    write(JSON.stringify(line) + "\n");
  };
}
