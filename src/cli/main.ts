import { installSignalHandlers, interruptSignal } from './output.js';
import { main } from './program.js';

// A reader that closes early (`gitcanary status | head -1`) must not crash a release mid-step.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

installSignalHandlers();
const code = await main(process.argv);
// Interrupted: cleanup has run; do not wait for a straggling child to close its pipes.
if (interruptSignal.aborted) process.exit(code);
process.exitCode = code;
