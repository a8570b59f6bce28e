import { ApiProperty, type ApiPropertyOptions, ApiPropertyOptional } from '@nestjs/swagger';

const INDICATORS: ApiPropertyOptions = {
  type: 'object',
  description: 'By indicator (database, queue, witnesses): its status and what it reports',
  additionalProperties: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['up', 'down'] } }, additionalProperties: true },
};

/**
 * `GET /health` (@nestjs/terminus's result). Declared here rather than by @HealthCheck,
 * whose documentation depends on how @nestjs/swagger loads (the offline document and the
 * server's must be the same: docs/api-types.md).
 */
export class HealthDto {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] }) status: 'ok' | 'error' | 'shutting_down';
  @ApiPropertyOptional({ ...INDICATORS, description: 'The indicators that are up' }) info?: Record<string, { status: 'up' | 'down' }>;
  @ApiPropertyOptional({ ...INDICATORS, description: 'The indicators that are down' }) error?: Record<string, { status: 'up' | 'down' }>;
  @ApiProperty(INDICATORS) details: Record<string, { status: 'up' | 'down' }>;
}
