// The process entry point of the command line (bin/attestly.js and "npm start" start here).
import { processIo, runCli } from './main.ts';

process.exitCode = await runCli(process.argv.slice(2), processIo());
