/**
 * `truceline serve` from the source tree (node --import tsx bench/load-serve.ts serve …), so the
 * load benchmark measures the code as it stands without a build step.
 */
import { main } from '../src/cli/main.js';

process.exitCode = await main(process.argv);
