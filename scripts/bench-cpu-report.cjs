// Preloaded (`node -r`) into every command scripts/bench-real.mjs times: at exit the child writes its
// own CPU time (user + system, microsecond resolution, unlike the parent's 10 ms /proc ticks) and peak
// RSS to the file named by MERLINT_BENCH_REPORT.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  const peakKb = process.resourceUsage().maxRSS;
  writeFileSync(process.env.MERLINT_BENCH_REPORT, JSON.stringify({ cpu: (user + system) / 1000, peakMb: peakKb / 1024 }));
});
