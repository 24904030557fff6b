#!/usr/bin/env node
import { main } from '../dist/src/adapters/cli/main.js';

process.exitCode = await main(process.argv);
