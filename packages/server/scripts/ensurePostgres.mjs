// `npm test` runs this first: the PostgreSQL integration tests need initdb and pg_ctl.
import { ensurePostgresBin } from './postgresBinaries.mjs';

try {
  ensurePostgresBin();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
