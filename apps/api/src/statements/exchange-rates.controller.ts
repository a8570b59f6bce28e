import type { Readable } from 'node:stream';
import { Controller, Get, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentPrincipal, type Principal, Roles } from '../../../../libs/auth/src/index.js';
import { DomainError } from '../../../../libs/errors/src/index.js';
import { ExchangeRatesService } from '../../../../libs/statements/src/index.js';
import { StreamedBody } from '../common/streamed-body.js';
import { ExchangeRatesDto, ExchangeRatesQueryDto, RateUploadDto } from './dto/exchange-rate.dto.js';

/** The exchange-rate table statements convert with: shared reference data. */
@ApiTags('statements')
@Controller('v1/exchange-rates')
export class ExchangeRatesController {
  constructor(private readonly rates: ExchangeRatesService) {}

  @Post()
  @Roles('admin', 'regulator')
  @ApiOperation({
    summary: 'Upload rates to the euro (text/csv `date,currency,rate_to_eur`): checked line by line, all or nothing; a recorded rate is never changed (409)',
  })
  @ApiConsumes('text/csv')
  @StreamedBody('text/csv', 'application/csv')
  @ApiBody({ schema: { type: 'string', example: 'date,currency,rate_to_eur\n2025-03-31,RUB,0.0108\n' } })
  @ApiCreatedResponse({ type: RateUploadDto })
  upload(@CurrentPrincipal() p: Principal, @Req() request: FastifyRequest): Promise<RateUploadDto> {
    const body = request.body as Readable | undefined;
    if (!body || typeof body.pipe !== 'function') throw new DomainError('unsupported-media-type', 'Send the rate table as text/csv');
    return this.rates.upload(p, body);
  }

  @Get()
  @Roles('admin', 'regulator', 'society', 'rights-holder')
  @ApiOperation({ summary: 'The rates in effect on `date` (per currency, or one), or every recorded rate (paged) without a date' })
  @ApiOkResponse({ type: ExchangeRatesDto })
  list(@Query() q: ExchangeRatesQueryDto): Promise<ExchangeRatesDto> {
    return this.rates.read(q);
  }
}
