import { Logger, ShutdownSignal } from '@nestjs/common';

/** Signals that stop the server: Ctrl-C and what process managers send. */
export const SHUTDOWN_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

const logger = new Logger('Shutdown');

/**
 * Runs `stop` once on the first SIGINT/SIGTERM, then exits (0, or 1 when stopping failed).
 * A second signal while stopping exits at once; child servers are still signalled by their exit hooks.
 * We handle signals here rather than with Nest's enableShutdownHooks because the local services must
 * stop after the app has closed, and Nest re-raises the signal as soon as it has closed.
 */
export function onShutdownSignal(stop: (signal: NodeJS.Signals) => Promise<void>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    logger.log(`${signal} received: stopping`);
    stop(signal).then(
      () => {
        logger.log('Stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(`Stopping failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  for (const signal of SHUTDOWN_SIGNALS) {
    process.on(signal, handle);
  }
}

/**
 * One log line for an error that stops the process: the message, plus the stack trace when
 * LOG_LEVEL is debug or verbose (setup problems read better without one).
 */
export function describeFatal(error: unknown, env: NodeJS.ProcessEnv = process.env): string {
  if (!(error instanceof Error)) {
    return String(error);
  }
  const detailed = env['LOG_LEVEL'] === 'debug' || env['LOG_LEVEL'] === 'verbose';
  return detailed ? (error.stack ?? error.message) : `${error.message} (LOG_LEVEL=debug shows the stack trace)`;
}
