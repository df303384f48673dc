/** Configuration: the validated environment (AppConfig) and the module that provides it. */
export { AppConfig, ConfigError, LOG_LEVELS, NODE_ENVS, loadConfig, logLevelsFrom } from './app-config';
export type { BootConfig, LoadConfigOptions, LogLevel, NodeEnv } from './app-config';
export { AppConfigModule } from './app-config.module';
export { findRepoRoot } from './repo-root';
export { TEST_DATABASE_URL, TEST_REDIS_URL, loadTestConfig } from './test-config';
export type { TestConfigOverrides } from './test-config';
