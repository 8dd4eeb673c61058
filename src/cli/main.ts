import { installSignalHandlers } from './output.js';
import { main } from './program.js';

// A reader that closes early (`gitcanary status | head -1`) must not crash a release mid-step.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

installSignalHandlers();
process.exitCode = await main(process.argv);
