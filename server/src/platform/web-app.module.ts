import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DynamicModule, Logger, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { findRepoRoot } from '../config/repo-root';

/** Options of {@link WebAppModule.forRoot}. */
export interface WebAppOptions {
  /** Folder of the built designer. Default `<repo>/dist/designer/browser` (what `npm run build:designer` writes). */
  rootPath?: string;
}

/** URL paths the web app must never answer, so the APIs keep their own 404s (Express 5 syntax). */
export const API_PATHS = ['/engine-rest/{*path}', '/api/{*path}'];

/**
 * Serves the Angular designer at `/`; unknown paths outside the APIs get index.html so deep links
 * work. When the designer has not been built the module serves nothing and says how to build it.
 */
@Module({})
export class WebAppModule {
  static forRoot(options: WebAppOptions = {}): DynamicModule {
    const rootPath = options.rootPath ?? join(findRepoRoot(), 'dist', 'designer', 'browser');
    if (!existsSync(join(rootPath, 'index.html'))) {
      new Logger(WebAppModule.name).warn(`No designer build in ${rootPath}; run "npm run build:designer" to serve it at /`);
      return { module: WebAppModule };
    }
    return {
      module: WebAppModule,
      imports: [ServeStaticModule.forRoot({ rootPath, exclude: API_PATHS })],
    };
  }
}
