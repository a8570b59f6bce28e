import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { InputProblemDto } from '../submissions/dto/submission.dto.js';

/** Every error answer: an RFC 9457 problem document (apps/api/src/common/problem.filter.ts). */
export class ProblemDto {
  @ApiProperty({ example: 'about:blank' }) type: string;
  @ApiProperty({ example: 'Not Found' }) title: string;
  @ApiProperty({ example: 404 }) status: number;
  @ApiProperty({ description: 'What went wrong, in a sentence' }) detail: string;
  @ApiPropertyOptional({ description: 'The request path' }) instance?: string;
  @ApiPropertyOptional({ type: [InputProblemDto], description: 'Input errors: one per problem, with the line, column or field it is about' })
  errors?: InputProblemDto[];
}
