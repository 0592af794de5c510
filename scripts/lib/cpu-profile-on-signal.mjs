// Loaded with `--import` into a benchmark's child process when BENCH_CPU_PROFILE_DIR is set: SIGUSR2 starts the
// V8 CPU profiler (100 µs samples), the next SIGUSR2 stops it and writes <dir>/<label>-<pid>.cpuprofile, then
// answers with SIGUSR2 to the parent. The bench profiles a fixed workload only, not start-up.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import path from "node:path";

const dir = process.env.BENCH_CPU_PROFILE_DIR;
const label = process.env.BENCH_CPU_PROFILE_LABEL ?? "process";
if (dir) {
  delete process.env.BENCH_CPU_PROFILE_DIR; // not inherited by the upstream processes
  const session = new Session();
  session.connect();
  let running = false;
  process.on("SIGUSR2", () => {
    if (!running) {
      running = true;
      session.post("Profiler.enable", () =>
        session.post("Profiler.setSamplingInterval", { interval: 100 }, () =>
          session.post("Profiler.start", () => process.kill(process.ppid, "SIGUSR2")),
        ),
      );
      return;
    }
    running = false;
    session.post("Profiler.stop", (error, result) => {
      if (!error) writeFileSync(path.join(dir, `${label}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
      process.kill(process.ppid, "SIGUSR2");
    });
  });
}
