/** A server for the browser tests: a fresh database in test-results/e2e-data-PORT, with the demo data. */
import fs from 'node:fs';
import path from 'node:path';
import { loadDemoData, startServer } from './serve';

const port = Number(process.env.PORT ?? 4173);
const dataDir = path.resolve(`test-results/e2e-data-${port}`);
fs.rmSync(dataDir, { recursive: true, force: true });
process.env.DATA_DIR = dataDir;
process.env.DATABASE_PATH = path.join(dataDir, 'klientiem.sqlite');

await loadDemoData();
await startServer(port);
