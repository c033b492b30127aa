// One scan of a directory in this process, for the memory benchmark of scripts/bench.mjs: prints
// the findings, the CPU time and the peak RSS as JSON. `node bench-memory-scan.mjs DIR [BATCH_BYTES]`
// (Infinity: one pass over the whole repository). V8 is set up as the CLI sets it up for a directory.
import { defaultConfig } from '../dist/src/config/config.js';
import { scan } from '../dist/src/engine.js';
import { keepMemoryLow } from '../dist/src/v8-settings.js';

await keepMemoryLow();

const [root, budget] = process.argv.slice(2);
const result = await scan({ root, paths: [root], config: defaultConfig(), today: '2026-01-01', ...(budget ? { batchBytes: Number(budget) } : {}) });
const usage = process.resourceUsage();
console.log(JSON.stringify({ findings: result.findings.length, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, peakRssMb: usage.maxRSS / 1024 }));
