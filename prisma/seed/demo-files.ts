import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEMO_FILES_DIR } from "./reference-tools";

/**
 * The demo filesystem server's files: public/readme.txt, which demo-agent may read, and
 * private/salaries.csv, which the server would serve but Warden's path rule keeps from it.
 * Made-up rows: nothing here is a real person.
 */
export function writeDemoFiles(dir = DEMO_FILES_DIR) {
  const files: [string, string][] = [
    ["public/readme.txt", "Files the demo agent may read through the Warden gateway.\n"],
    ["private/salaries.csv", "employee,team,salary\nA. Example,platform,100000\nB. Sample,security,110000\n"],
  ];
  for (const [name, content] of files) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    if (!existsSync(file)) writeFileSync(file, content);
  }
}
