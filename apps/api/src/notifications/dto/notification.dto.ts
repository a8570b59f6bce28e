import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Allow, IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { DELIVERY_STATUSES, EVENT_TYPES, SECRET_LENGTH } from '../../../../../libs/notifications/src/index.js';
import { PageQueryDto } from '../../common/pagination.dto.js';

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class InboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only unread notifications' })
  @IsOptional() @Transform(toBool) @IsBoolean({ message: 'must be true or false' })
  unread?: boolean;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The event (the same id a webhook delivery carries)' }) eventId: string;
  @ApiProperty({ enum: EVENT_TYPES }) type: string;
  @ApiProperty({ format: 'uuid', description: 'The society the event is about' }) societyId: string;
  @ApiProperty() societyName: string;
  @ApiProperty({ description: 'When it happened' }) at: string;
  @ApiProperty({ nullable: true, type: String }) readAt: string | null;
  @ApiProperty({ description: 'A one-line summary in plain language' }) title: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The event's data, as webhooks receive it" }) data: Record<string, unknown>;
}

export class InboxPageDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty({ description: 'Unread notifications in the whole inbox' }) unread: number;
}

export class ReadAllDto {
  @ApiProperty() marked: number;
  @ApiProperty() unread: number;
}

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://example.org/ledger-hook', description: 'http or https URL the deliveries are POSTed to' })
  @Allow()
  url: unknown;

  @ApiProperty({ enum: EVENT_TYPES, isArray: true, example: ['submission.committed', 'deadline.approaching'] })
  @Allow()
  events: unknown;

  @ApiProperty({ minLength: SECRET_LENGTH.min, maxLength: SECRET_LENGTH.max, description: 'Signs each delivery (X-Ledger-Signature: sha256=<hex HMAC-SHA256 of the body>); never shown again' })
  @Allow()
  secret: unknown;
}

export class WebhookDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty({ enum: EVENT_TYPES, isArray: true }) events: string[];
  @ApiProperty() createdAt: string;
  @ApiProperty() createdBy: string;
}

export class WebhookPageDto {
  @ApiProperty({ type: [WebhookDto] }) items: WebhookDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class CreateEmailSubscriptionDto {
  @ApiProperty({ example: 'rights@society.example' }) @Allow() address: unknown;
  @ApiProperty({ enum: EVENT_TYPES, isArray: true }) @Allow() events: unknown;
}

export class EmailSubscriptionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() address: string;
  @ApiProperty({ enum: EVENT_TYPES, isArray: true }) events: string[];
  @ApiProperty() createdAt: string;
  @ApiProperty() createdBy: string;
}

export class EmailSubscriptionPageDto {
  @ApiProperty({ type: [EmailSubscriptionDto] }) items: EmailSubscriptionDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class DeliveriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, description: '`dead`: the dead-letter list' })
  @IsOptional() @IsIn(DELIVERY_STATUSES, { message: `must be one of: ${DELIVERY_STATUSES.join(', ')}` })
  status?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the deliveries to this webhook' })
  @IsOptional() @IsUUID('all', { message: 'must be a UUID' })
  webhookId?: string;
}

export class WebhookDeliveriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, description: '`dead`: the dead-letter list' })
  @IsOptional() @IsIn(DELIVERY_STATUSES, { message: `must be one of: ${DELIVERY_STATUSES.join(', ')}` })
  status?: string;
}

export class DeliveryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) societyId: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ enum: EVENT_TYPES }) event: string;
  @ApiProperty({ enum: ['webhook', 'email'] }) channel: string;
  @ApiProperty({ format: 'uuid', description: 'The webhook or e-mail subscription' }) targetId: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: String, description: 'When it is tried next (pending only)' }) nextAttemptAt: string | null;
  @ApiProperty({ nullable: true, type: String }) lastAttemptAt: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'HTTP status of the last answer' }) lastStatus: number | null;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ nullable: true, type: String }) deliveredAt: string | null;
  @ApiProperty() createdAt: string;
}

export class DeliveryPageDto {
  @ApiProperty({ type: [DeliveryDto] }) items: DeliveryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
