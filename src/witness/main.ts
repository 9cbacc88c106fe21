#!/usr/bin/env node
/**
 * Runs one witness as its own process: `node dist/witness/main.js --data DIR --port N
 * --log-origin ORIGIN --log-key VKEY [--name NAME]` (the same options as `truceline witness`).
 */
import { Command } from 'commander';
import { registerWitnessCommand } from '../cli/commands/witness.js';

const program = new Command('truceline-witness');
registerWitnessCommand(program);
await program.parseAsync(['witness', ...process.argv.slice(2)], { from: 'user' });
