export { DemoModule } from './demo.module.js';
export { DemoService } from './demo.service.js';
export type { DemoToken } from './demo.service.js';
export { DEMO_WITNESS_NAME, startDemoWitness } from './demo-witness.js';
export type { DemoWitness } from './demo-witness.js';
