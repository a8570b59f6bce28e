export { createDataSource, openDatabase } from './data-source.js';
export { startEmbeddedPostgres, freePort } from './embedded-postgres.js';
export type { EmbeddedDatabase, EmbeddedOptions } from './embedded-postgres.js';
export { decimalTransformer } from './decimal.transformer.js';
export { withDatabase } from './url.js';
export { DatabaseModule } from './database.module.js';
export { encodeCursor, decodeCursor, invalidCursor, toPage, DEFAULT_LIMIT, MAX_LIMIT, UUID_KEY } from './pagination.js';
export type { Page } from './pagination.js';
export { connect, ensureDatabase } from './connect.js';
export type { Connection } from './connect.js';
export {
  COORDINATOR_TABLES,
  DISTRIBUTION_COLUMN,
  REFERENCE_TABLES,
  SINGLE_NODE_PARTITION_LEVELS,
  citusDistributionSql,
  distributionProblems,
  readDistributionCatalog,
  roleOf,
} from './distribution.js';
export type { DistributionCatalog, TableRole } from './distribution.js';
