import type { Config } from '../config.js';
import type { Database, Db } from '../db/client.js';
import type { Crypto } from './secrets.js';

/** What every service needs, built once in main/test setup and passed to buildApp. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  crypto: Crypto;
  /** Set once migrations and seed are done; /api/health answers 503 before that. */
  ready: boolean;
}
