/**
 * npm run test:postgres: the unit and browser tests on PostgreSQL. With TEST_DATABASE_URL set
 * (a server where the user may create databases) it uses that server; otherwise it makes a
 * throw-away cluster with Debian's postgresql binaries on a free local port, and removes it
 * afterwards, whatever the outcome.
 */
import fs from 'node:fs';
import { run, startCluster } from './postgres-cluster';

const given = process.env.TEST_DATABASE_URL;
const cluster = given ? null : await startCluster();
const url = given ?? cluster!.url;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
	process.on(signal, () => {
		cluster?.stop();
		process.exit(130);
	});
let status = 1;
try {
	console.log(`Testing on PostgreSQL at ${url}`);
	const env = {
		...process.env,
		TEST_DATABASE_URL: url,
		// Only a cluster of our own may be restarted by a test.
		...(cluster ? { TEST_POSTGRES_RESTART: JSON.stringify(cluster.restartCommand) } : {})
	};
	if (!fs.existsSync('build/handler.js')) run('npm', ['run', 'build']);
	const unit = run('npx', ['vitest', 'run'], { env });
	const browser = run('npx', ['playwright', 'test'], { env });
	status = run('npx', ['tsx', 'scripts/test-summary.ts']) || unit || browser;
} finally {
	cluster?.stop();
}
process.exit(status);
