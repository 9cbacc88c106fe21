#!/usr/bin/env -S node --max-semi-space-size=16
// The `truceline` command: runs the compiled CLI (`npm run build` writes dist/).
// A 16 MiB young generation (V8's default is far smaller) cuts garbage-collection time in bulk
// intake by about a third for a modest rise in peak memory; see BENCHMARKS.md.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv);
