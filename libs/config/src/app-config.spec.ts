import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('applies defaults with an empty environment', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATA_DIR).toBe('./data');
    expect(c.demoEnabled).toBe(true);
    expect(c.corsOrigins).toEqual([]);
  });

  it('turns the demo off by default on an external database', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).demoEnabled).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', DEMO: '1' }).demoEnabled).toBe(true);
    expect(loadConfig({ DEMO: '0' }).demoEnabled).toBe(false);
  });

  it('names the wrong variable and never echoes a secret', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgres/);
    try {
      loadConfig({ ADMIN_TOKEN: 'short-secret' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as Error).message).toMatch(/ADMIN_TOKEN/);
      expect((e as Error).message).not.toMatch(/short-secret/);
    }
  });
});
