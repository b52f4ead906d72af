import { pino } from 'pino'
import { ConfigError, loadConfig } from './env.ts'
import { createLogger } from './logger.ts'
import { runningLine } from './runningLine.ts'
import { startServer } from './server.ts'

let config: ReturnType<typeof loadConfig>
try {
	config = loadConfig()
} catch (error) {
	if (error instanceof ConfigError) {
		process.stderr.write(`${error.message}\n`)
		process.exit(1)
	}
	throw error
}

const logger = createLogger(config.logLevel)
const running = await startServer(config, logger)
logger.info(
	{ port: running.port, host: config.host, storage: running.storage.kind, dataDir: config.dataDir },
	'listening',
)
// One line a person reads, not a log entry. pino hands every log line to an asynchronous write,
// so this line goes through pino's own stream, which keeps the order: after the start-up logs.
const line = `${runningLine({ host: config.host, port: running.port, publicUrl: config.publicUrl })}\n`
const logStream: unknown = Reflect.get(logger, pino.symbols.streamSym)
if (logStream && typeof (logStream as { write?: unknown }).write === 'function') {
	;(logStream as { write(text: string): unknown }).write(line)
} else {
	process.stdout.write(line)
}

let signalled = false
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
	process.on(signal, () => {
		if (signalled) return
		signalled = true
		logger.info({ signal }, 'shutting down: flushing every board')
		running.stop().then(
			() => {
				logger.info('stopped')
				process.exit(0)
			},
			(error: unknown) => {
				logger.error({ err: error }, 'error during shutdown')
				process.exit(1)
			},
		)
	})
}
