export { AppConfig, ConfigError, loadConfig, readTrustedKeys } from './app-config.js';
export { ConfigModule } from './config.module.js';
export { Clock } from './clock.js';
