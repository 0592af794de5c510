import type { PoisoningSignal } from "./signal-rules";

/** The attack families of issue 29, as a reviewer reads them. */
export type AttackFamily =
  | "hidden text"
  | "authority claim"
  | "persona or mode"
  | "secrecy"
  | "data routing"
  | "instruction markup"
  | "exfiltration"
  | "prompt injection"
  | "tool shadowing";

const FAMILY: Record<PoisoningSignal, AttackFamily> = {
  "hidden-text": "hidden text",
  authority: "authority claim",
  "overrides-user": "authority claim",
  persona: "persona or mode",
  secrecy: "secrecy",
  withholds: "secrecy",
  "steers-response": "secrecy",
  "data-routing": "data routing",
  "argument-stuffing": "data routing",
  "other-tool": "data routing",
  "instruction-markup": "instruction markup",
  "misplaced-instruction": "instruction markup",
  "exfiltration-target": "exfiltration",
  "secret-file": "exfiltration",
  "sensitive-data": "exfiltration",
  "shell-command": "exfiltration",
  shadowing: "tool shadowing",
  "addresses-model": "prompt injection",
  imperative: "prompt injection",
  "side-effect": "prompt injection",
  conditioned: "prompt injection",
};

/** The family a finding suggests: that of its strongest signal. */
export const familyOf = (signal: PoisoningSignal): AttackFamily => FAMILY[signal];
