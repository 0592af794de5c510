import { writeFileSync } from "node:fs";
import { renderWeights, WEIGHTS_PATH } from "@/lib/registry/poisoning/eval/combiner-weights-file";
import { fitAll, loadRounds } from "@/lib/registry/poisoning/eval/leave-one-round-out";

// npx tsx scripts/fit-poisoning-weights.ts
// Fits the poisoning detector's learned combiner (logistic regression over the signal vector) on every
// round and development set and writes its weights and threshold to WEIGHTS_PATH. Deterministic: the
// same signals give the same file (combiner-weights.test.ts checks the committed one).
writeFileSync(WEIGHTS_PATH, renderWeights(fitAll(loadRounds())));
console.log(`wrote ${WEIGHTS_PATH}`);
