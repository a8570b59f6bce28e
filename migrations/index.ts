import { CreateRegistry1764300000000 } from './1764300000000-CreateRegistry.js';
import { CreateApiTokens1764300000200 } from './1764300000200-CreateApiTokens.js';
import { CreateSubmissions1764300001000 } from './1764300001000-CreateSubmissions.js';

/** Every migration, in order. The DataSource takes this list (no globbing: ESM-safe). */
export const migrations = [
  CreateRegistry1764300000000,
  CreateApiTokens1764300000200,
  CreateSubmissions1764300001000,
];
