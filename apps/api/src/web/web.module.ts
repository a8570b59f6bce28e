import { Module } from '@nestjs/common';
import { locateWebBuild } from './web-assets.js';
import { WEB_BUILD, WebController } from './web.controller.js';

/** The web dashboard at `/` (see WebController); the static-file plugin is registered by registerWebAssets. */
@Module({
  controllers: [WebController],
  providers: [{ provide: WEB_BUILD, useFactory: () => locateWebBuild() }],
})
export class WebModule {}
