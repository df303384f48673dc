import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/app-config.module';
import { WebAppModule } from './platform/web-app.module';

/**
 * The root module, built from the validated config.
 * TODO(lead): placeholder from the platform work; replace with the real module (persistence, scheduling,
 * engine-rest, process deployment). Keep the `forRoot(config)` signature, AppConfigModule and WebAppModule.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [AppConfigModule.forRoot(config), WebAppModule.forRoot()],
    };
  }
}
