import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { METHODS } from '../../../../../libs/apportionment/src/index.js';

/**
 * `POST /v1/apportionment`. These classes document the body in OpenAPI; the body itself
 * is checked by the apportionment library (one definition of valid input for the API,
 * the CLI and the board entitlement), whose errors name the field, e.g. `parties[2].votes`.
 */
export class PartyVotesDto {
  @ApiProperty({ example: 'A', description: 'Non-empty, unique' }) name: string;

  @ApiProperty({
    oneOf: [{ type: 'string', example: '100000.50' }, { type: 'integer', example: 100000 }],
    description: 'A non-negative decimal string (up to 18 integer and 8 fraction digits) or a whole JSON number; fractions must be strings',
  })
  votes: string | number;
}

export class ApportionmentRequestDto {
  @ApiProperty({ enum: METHODS, example: 'dhondt' }) method: string;
  @ApiProperty({ minimum: 1, maximum: 1_000_000, example: 8, description: 'Seats to apportion' }) seats: number;
  @ApiProperty({ type: [PartyVotesDto] }) parties: PartyVotesDto[];

  @ApiPropertyOptional({ oneOf: [{ type: 'string' }, { type: 'number' }], example: '5', description: 'Percentage of all votes (0-100) a party needs to take part' })
  threshold?: string | number;

  @ApiPropertyOptional({ minimum: 0, description: 'Seats every party passing the threshold gets at least' }) minSeats?: number;
  @ApiPropertyOptional({ minimum: 0, description: 'Seats no party may exceed' }) maxSeats?: number;
}

export class PartySeatsDto {
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The votes as given, as a decimal string' }) votes: string;
  @ApiProperty() seats: number;
  @ApiProperty({ description: 'Floor of the exact standard quota' }) lowerQuota: number;
  @ApiProperty({ description: 'Ceiling of the exact standard quota' }) upperQuota: number;
  @ApiProperty() withinQuota: boolean;
}

export class IndicesDto {
  @ApiProperty({ example: '5.380160', description: 'Gallagher least-squares index, percentage points, 6 places' }) gallagher: string;
  @ApiProperty({ example: '6.521739', description: 'Loosemore–Hanby index, percentage points, 6 places' }) loosemoreHanby: string;
}

export class TieDto {
  @ApiProperty({ description: 'Ordinal of the contested seat (1 = first)' }) seat: number;
  @ApiProperty({ type: [String], description: 'Contenders in tie-break order, winner first' }) parties: string[];
  @ApiProperty() winner: string;
}

export class LawsDto {
  @ApiProperty() lowerQuota: boolean;
  @ApiProperty() upperQuota: boolean;
  @ApiProperty() quotaRule: boolean;
  @ApiProperty() houseMonotone: boolean;
  @ApiProperty() populationMonotone: boolean;
}

export class ApportionmentResultDto {
  @ApiProperty({ enum: METHODS }) method: string;
  @ApiProperty({ type: [PartySeatsDto], description: 'One entry per party, in input order' }) seats: PartySeatsDto[];
  @ApiProperty({ type: IndicesDto }) indices: IndicesDto;
  @ApiProperty({ type: [TieDto] }) ties: TieDto[];
  @ApiProperty({ type: LawsDto, description: 'Which apportionment properties the method guarantees' }) laws: LawsDto;
}
