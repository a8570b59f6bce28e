import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../../../../libs/auth/src/index.js';
import { SearchService } from '../../../../libs/search/src/index.js';
import { SearchQueryDto, SearchResultDto } from './dto/search.dto.js';

@ApiTags('search')
@Controller('v1/search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get()
  @Roles('admin', 'regulator', 'society', 'rights-holder')
  @ApiOperation({
    operationId: 'search',
    summary: 'Find rights holders, societies, works and lines by name, title, IPI, ISNI, ISWC, CISAC code or line id',
    description:
      'Names and titles match in Cyrillic and Latin spellings alike (ICAO 9303 romanisation with BGN/PCGN and GOST 7.79 variants folded; docs/search.md), by trigram similarity and word prefixes. ' +
      'Best first: an identifier written out, then the name or title spelled exactly, then similarity. Each caller finds what it may read elsewhere: a society its own holders (a mandate at it), works and lines; ' +
      'a rights holder itself, every society, and the works and lines paid to it; admins and regulators everything.',
  })
  @ApiOkResponse({ type: SearchResultDto })
  @ApiBadRequestResponse({ description: 'q missing, empty, longer than 200 characters or without a letter or digit; kind or limit invalid' })
  find(@CurrentPrincipal() p: Principal, @Query() q: SearchQueryDto): Promise<SearchResultDto> {
    return this.search.search(p, q);
  }
}
