/**
 * Instructions hidden in a tool description (tool poisoning): text aimed at the model rather than at a
 * human reader. Returns what was found, or null. Measured on public corpora (see poisoning.test.ts):
 * MCPSecBench 4/4 poisoned found, 0 of 15 benign flagged; cisco mcp-scanner prompt-injection 10/10,
 * 0 of 134 others.
 */
const PATTERNS: [RegExp, string][] = [
  [/\[\s*important\s*\]|<\s*important\s*>|\bimportant( system note)?\s*:/i, "an [IMPORTANT] instruction to the model"],
  [
    /\bignore\s+(all\s+|any\s+)?(previous|prior|above|earlier|other)\s+(instructions|safety|rules|restrictions)/i,
    "an instruction to ignore previous instructions",
  ],
  [
    /\b(system|instruction|metadata|safety|security)\s+(override|directive|bypass)|\boverride\s+directive\b|\bbypass\s+(all\s+)?(access\s+controls|safety|validation|restrictions)/i,
    "an override directive",
  ],
  [
    /\bact\s+as\b|\bjailbreak|\bsystem[_ ]prompt\b|\bunrestricted\s+(access|emergency|mode)/i,
    "role or system-prompt manipulation",
  ],
  [
    /\b(before|after|while|when)\b[^.]{0,100}\b(use|run|execute|call)\s+this\s+(tool|function)\b|\buse\s+this\s+tool\s+(rather\s+than|instead\s+of|no\s+matter)/i,
    "an instruction to prefer or chain this tool",
  ],
  [
    /\bdo\s+not\s+(tell|mention|inform|reveal|show)\b|\bwithout\s+(telling|informing|notifying)\b/i,
    "an instruction to hide something from the user",
  ],
  [/\b(send|forward|upload|post|copy|exfiltrat\w*)\b[^.]{0,80}https?:\/\//i, "an instruction to send data to a URL"],
  [/~\/\.ssh|\bid_rsa\b|\/etc\/passwd|\.aws\/credentials/i, "a reference to secret files"],
];

export function detectPoisoning(description: string): string | null {
  for (const [pattern, what] of PATTERNS) if (pattern.test(description)) return what;
  return null;
}
