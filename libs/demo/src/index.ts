export { DemoModule } from './demo.module.js';
export { DemoService } from './demo.service.js';
export type { DemoToken } from './demo.service.js';
