import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../../libs/auth/src/index.js';
import { ApportionmentService } from '../../../../libs/governance/src/index.js';
import { ApportionmentRequestDto, ApportionmentResultDto } from './dto/apportionment.dto.js';

@ApiTags('governance')
@Controller('v1/apportionment')
export class ApportionmentController {
  constructor(private readonly apportionment: ApportionmentService) {}

  @Post()
  @HttpCode(200)
  @Roles('admin', 'regulator', 'society', 'rights-holder')
  @ApiOperation({ summary: 'Apportion seats among parties by votes or money (a stateless calculator; exact arithmetic)' })
  @ApiBody({ type: ApportionmentRequestDto })
  @ApiOkResponse({ type: ApportionmentResultDto })
  calculate(@Body() body: unknown): ApportionmentResultDto {
    return this.apportionment.calculate(body);
  }
}
