import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DynamicModule, Inject, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import express, { type NextFunction, type Request, type Response } from 'express';
import { findRepoRoot } from '../config/repo-root';

/** Options of {@link WebAppModule.forRoot}. */
export interface WebAppOptions {
  /** Folder of the built designer. Default `<repo>/dist/designer/browser` (what `npm run build:designer` writes). */
  rootPath?: string;
}

/** URL prefixes the web app never answers, so the APIs keep their own 401s and 404s. */
export const API_PREFIXES = ['/api', '/engine-rest'] as const;

const WEB_APP_ROOT = Symbol('WEB_APP_ROOT');

/** What {@link WebAppModule.forRoot} returns when there is no build: nothing to serve. */
@Module({})
class WebAppModuleDisabled {}

/** True for `/api`, `/api/…`, `/engine-rest`, `/engine-rest/…` (any letter case, as Express routes). */
export function isApiPath(path: string): boolean {
  const lower = path.toLowerCase();
  return API_PREFIXES.some((prefix) => lower === prefix || lower.startsWith(`${prefix}/`));
}

/**
 * A deep link of the single-page app (`/sign-in`, `/processes`): a GET or HEAD outside the APIs
 * from a browser navigating (it accepts text/html). Script, style and fetch requests for a file
 * that does not exist get a 404 instead of the page, so a stale bundle fails loudly.
 */
export function isPageRequest(request: Pick<Request, 'method' | 'path' | 'headers'>): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (isApiPath(request.path)) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

/**
 * Serves the Angular designer at `/`: its files, and index.html for the app's own routes so deep
 * links work. Registered when the module initialises, i.e. after every controller's route, so an
 * API route always wins; `/api` and `/engine-rest` never fall back to the page. Hashed bundles
 * are cached for a year; index.html is revalidated on every load so a new build is picked up.
 * When the designer has not been built the module serves nothing and says how to build it.
 */
@Module({})
export class WebAppModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(WEB_APP_ROOT) private readonly rootPath: string,
  ) {}

  static forRoot(options: WebAppOptions = {}): DynamicModule {
    const rootPath = options.rootPath ?? join(findRepoRoot(), 'dist', 'designer', 'browser');
    if (!existsSync(join(rootPath, 'index.html'))) {
      new Logger(WebAppModule.name).warn(`No designer build in ${rootPath}; run "npm run build:designer" to serve it at /`);
      return { module: WebAppModuleDisabled };
    }
    return { module: WebAppModule, providers: [{ provide: WEB_APP_ROOT, useValue: rootPath }] };
  }

  onModuleInit(): void {
    const app = this.adapterHost.httpAdapter.getInstance<express.Express>();
    const index = join(this.rootPath, 'index.html');
    const files = express.static(this.rootPath, {
      index: false,
      redirect: false,
      fallthrough: true,
      setHeaders: (response, path) => {
        // Angular's output hashing names every bundle after its content; the rest may change in place.
        const hashed = /-[A-Z0-9]{8}\.(js|css)$/.test(path);
        response.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    app.use((request: Request, response: Response, next: NextFunction) => (isApiPath(request.path) ? next() : files(request, response, next)));
    app.use((request: Request, response: Response, next: NextFunction) => {
      if (!isPageRequest(request)) return next();
      response.setHeader('Cache-Control', 'no-cache');
      response.sendFile(index, (error) => (error ? next(error) : undefined));
    });
  }
}
