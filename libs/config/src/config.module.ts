import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config.js';
import { Clock } from './clock.js';

/** Provides the validated AppConfig (loaded once by the entrypoint) and the Clock to every module. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: AppConfig, useValue: config }, Clock], exports: [AppConfig, Clock] };
  }
}
