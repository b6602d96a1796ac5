/**
 * A server for the browser tests: a fresh database with the demo data — an SQLite file in
 * test-results/e2e-data-PORT, or with TEST_DATABASE_URL (npm run test:postgres) a new
 * PostgreSQL database klientiem_e2e_PORT on that server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/lib/server/db/index';
import { loadDemoData, startServer } from './serve';

const port = Number(process.env.PORT ?? 4173);
const dataDir = path.resolve(`test-results/e2e-data-${port}`);
fs.rmSync(dataDir, { recursive: true, force: true });
process.env.DATA_DIR = dataDir;
process.env.DATABASE_PATH = path.join(dataDir, 'klientiem.sqlite');
// As in production: the public address is set (tests/e2e/first-run.spec.ts tries without).
process.env.ORIGIN ??= `http://localhost:${port}`;

const postgres = process.env.TEST_DATABASE_URL;
if (postgres) {
	const name = `klientiem_e2e_${port}`;
	const admin = openDatabase(postgres, 1);
	await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
	await sql`create database ${sql.id(name)}`.execute(admin);
	await admin.destroy();
	const url = new URL(postgres);
	url.pathname = `/${name}`;
	process.env.DATABASE_URL = url.toString();
}

await loadDemoData();
await startServer(port);
